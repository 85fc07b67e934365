namespace CornerSpot.Domain.Inbox;

/// <summary>The claim filter: everything, the callbacks the agent is calling (<c>assignee=me</c>), or Pending callbacks nobody is
/// calling (<c>assignee=none</c>). A lapsed claim counts as nobody's.</summary>
public enum InboxAssignee { Anyone = 0, Me = 1, Unclaimed = 2 }

namespace CornerSpot.Domain.Inbox;

/// <summary>The claim filter: everything, the chats assigned to the agent and the callbacks they are calling (<c>assignee=me</c>), or Pending callbacks nobody is
/// calling (<c>assignee=none</c>). A lapsed claim counts as nobody's.</summary>
public enum InboxAssignee { Anyone = 0, Me = 1, Unclaimed = 2 }

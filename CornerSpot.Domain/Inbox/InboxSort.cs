namespace CornerSpot.Domain.Inbox;

/// <summary>The inbox order: newest activity (the default), or "Due first" (<c>sort=due</c>) for working callbacks.</summary>
public enum InboxSort { NewestActivity = 0, Due = 1 }

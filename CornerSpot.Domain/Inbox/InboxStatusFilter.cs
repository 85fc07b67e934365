namespace CornerSpot.Domain.Inbox;

public enum InboxStatusFilter { All = 0, Pending = 1, Open = 2, Resolved = 3 }

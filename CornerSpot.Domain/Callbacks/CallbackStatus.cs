namespace CornerSpot.Domain.Callbacks;

public enum CallbackStatus { Pending = 0, Resolved = 1 }

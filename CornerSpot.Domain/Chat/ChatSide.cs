namespace CornerSpot.Domain.Chat;

/// <summary>Who is typing.</summary>
public enum ChatSide { Visitor = 0, Agent = 1 }

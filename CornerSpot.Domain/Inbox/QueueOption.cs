namespace CornerSpot.Domain.Inbox;

public sealed record QueueOption(string Slug, string Name);

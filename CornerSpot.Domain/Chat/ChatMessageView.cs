using CornerSpot.Domain.Conversations;

namespace CornerSpot.Domain.Chat;

/// <summary>One message as either side shows it. Order: <see cref="SentAt"/>, then <see cref="Id"/>.</summary>
public sealed record ChatMessageView(Guid Id, MessageAuthor Author, string AuthorName, string Body, DateTime SentAt, bool IsInternal);

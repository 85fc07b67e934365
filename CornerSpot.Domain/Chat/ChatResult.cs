namespace CornerSpot.Domain.Chat;

/// <summary>What became of a chat request.</summary>
public abstract record ChatResult
{
    /// <param name="VisitorToken">The visitor's secret for this conversation; only its hash is stored.</param>
    public sealed record Started(Guid ConversationId, string VisitorToken, ChatMessageView Message) : ChatResult;
    /// <param name="Replayed">The Idempotency-Key had been stored before: this is the first answer again.</param>
    public sealed record Posted(ChatMessageView Message, bool Replayed) : ChatResult;
    public sealed record Done : ChatResult;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : ChatResult;
    /// <summary>No such conversation, or the token does not open it (the caller cannot tell which).</summary>
    public sealed record NotFound : ChatResult;
    /// <summary>The Idempotency-Key was already used for a different message in this conversation.</summary>
    public sealed record KeyReused : ChatResult;
    public sealed record TooMany(TimeSpan RetryAfter) : ChatResult;
    /// <summary>Nothing to do: the conversation was already in that state (resolved twice, say).</summary>
    public sealed record Unchanged : ChatResult;

    public static readonly ChatResult DoneResult = new Done();
    public static readonly ChatResult NotFoundResult = new NotFound();
}

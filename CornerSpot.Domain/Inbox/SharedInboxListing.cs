namespace CornerSpot.Domain.Inbox;

/// <summary>One page of the inbox as read once for every agent: <see cref="Listing"/> says "You're calling" for nobody,
/// and <see cref="Callers"/> says who holds each unlapsed claim on its rows, so each agent's view is made in memory.</summary>
/// <param name="Callers">(conversation, agent id) for each unlapsed claim on a Pending callback of a row on the page.</param>
public sealed record SharedInboxListing(InboxListing Listing, IReadOnlySet<(Guid ConversationId, string AgentId)> Callers)
{
    /// <summary>The page as <paramref name="agentId"/> sees it: the shared listing itself unless they are calling about a
    /// row on it.</summary>
    public InboxListing For(string? agentId)
    {
        if (agentId is null || !Callers.Any(c => c.AgentId == agentId)) return Listing;
        return Listing with
        {
            Rows = [.. Listing.Rows.Select(r => Callers.Contains((r.Id, agentId)) ? r with { CallingIsYou = true } : r)],
        };
    }
}

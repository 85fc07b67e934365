using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Inbox;

public sealed class InboxQueryOnPostgresTests : InboxQueryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Callbacks;

public sealed class CallbackWorkOnPostgresTests : CallbackWorkTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

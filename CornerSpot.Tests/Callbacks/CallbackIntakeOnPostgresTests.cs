using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Callbacks;

public sealed class CallbackIntakeOnPostgresTests : CallbackIntakeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

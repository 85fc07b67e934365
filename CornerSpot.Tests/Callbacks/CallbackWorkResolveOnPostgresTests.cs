using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Callbacks;

public sealed class CallbackWorkResolveOnPostgresTests : CallbackWorkResolveTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

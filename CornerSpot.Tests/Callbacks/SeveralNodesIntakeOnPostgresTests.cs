using CornerSpot.Domain.Persistence;

namespace CornerSpot.Tests.Callbacks;

public sealed class SeveralNodesIntakeOnPostgresTests : SeveralNodesIntakeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

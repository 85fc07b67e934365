using CornerSpot.Tests.Support;

// One private redis-server for the whole run; node pairs keep apart by key prefix.
[assembly: AssemblyFixture(typeof(RedisServer))]

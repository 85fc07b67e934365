namespace CornerSpot.Web.Demo;

public sealed record DemoSeedResult(int Customers, int Conversations, int Messages, int Callbacks, TimeSpan Elapsed);

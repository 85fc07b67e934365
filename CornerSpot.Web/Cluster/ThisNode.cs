namespace CornerSpot.Web.Cluster;

/// <summary>This process among several nodes: a fresh id per start (so a restarted node is a new publisher and its own
/// echo is recognised) and the name from <c>Cluster:NodeName</c> for logs.</summary>
public sealed class ThisNode(IConfiguration config)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Name { get; } = config["Cluster:NodeName"] is { Length: > 0 } name ? name : Environment.MachineName;
}

using System.Collections.Frozen;
using System.Text.Json;
using CornerSpot.Domain.Live;

namespace CornerSpot.Web.Cluster;

/// <summary>
/// Every concrete <see cref="InboxEvent"/> record, found by reflection, and its JSON form: a new event record is
/// relayed between nodes without touching the relay.
/// </summary>
public static class InboxEventTypes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FrozenDictionary<string, Type> ByName { get; } =
        new[] { typeof(InboxEvent).Assembly, typeof(InboxEventTypes).Assembly }.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsAssignableTo(typeof(InboxEvent)))
            .ToFrozenDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static string NameOf(InboxEvent e) => e.GetType().FullName!;

    public static string Serialize(InboxEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    /// <returns>null for a type this build does not know (a newer node during a rolling upgrade).</returns>
    public static InboxEvent? Deserialize(string typeName, string json) =>
        ByName.TryGetValue(typeName, out var type) ? (InboxEvent?)JsonSerializer.Deserialize(json, type, Json) : null;
}

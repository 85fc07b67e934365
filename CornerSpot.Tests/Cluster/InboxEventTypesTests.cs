using System.Reflection;
using CornerSpot.Domain.Live;
using CornerSpot.Web.Cluster;

namespace CornerSpot.Tests.Cluster;

public sealed class InboxEventTypesTests
{
    public static TheoryData<string> EveryEventRecord() =>
        [.. new[] { typeof(InboxEvent).Assembly, typeof(RedisInboxEvents).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(InboxEvent)))
            .Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(EveryEventRecord))]
    public void Every_inbox_event_record_crosses_to_another_node_unchanged(string typeName)
    {
        Assert.True(InboxEventTypes.ByName.TryGetValue(typeName, out var type), $"{typeName} is not relayed");
        var sent = Sample(type);

        var received = InboxEventTypes.Deserialize(InboxEventTypes.NameOf(sent), InboxEventTypes.Serialize(sent));

        Assert.Equal(sent, received);
    }

    [Fact]
    public void An_event_type_this_node_does_not_know_is_ignored() =>
        Assert.Null(InboxEventTypes.Deserialize("CornerSpot.Domain.Live.FromANewerVersion", "{}"));

    /// <summary>An instance with a distinct, non-default value in every constructor parameter.</summary>
    private static InboxEvent Sample(Type type) => (InboxEvent)Construct(type);

    private static object Construct(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select((p, i) => SampleValue(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, i)).ToArray();
        return ctor.Invoke(args);
    }

    private static object SampleValue(Type type, int i) => type switch
    {
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(string) => $"text {i} <b>é</b>",
        _ when type == typeof(DateTime) => new DateTime(2026, 11, 26, 9, i, 0, DateTimeKind.Utc),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 26, 9, i, 0, TimeSpan.Zero),
        _ when type == typeof(int) => 40 + i,
        _ when type == typeof(long) => 40L + i,
        _ when type == typeof(bool) => true,
        _ when type.IsEnum => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!,
        // A record carried inside an event (a chat message as the visitor sees it): every one of its values, too.
        _ when type.IsClass && type.Namespace?.StartsWith("CornerSpot.", StringComparison.Ordinal) == true => Construct(type),
        _ => throw new InvalidOperationException($"Add a sample value for {type.Name} (used by an inbox event)."),
    };
}

using System.Text;

namespace CornerSpot.Domain.Webhooks;

/// <summary>The event types' names on the wire and in the settings page, derived from <see cref="WebhookEventType"/>.</summary>
public static class WebhookEventTypes
{
    /// <summary>Every event type, in declaration order.</summary>
    public static IReadOnlyList<WebhookEventType> All { get; } =
        Enum.GetValues<WebhookEventType>().Where(t => t != WebhookEventType.None).ToArray();

    /// <summary>"callback.requested": the first word, a dot, then the rest in lower case.</summary>
    public static string WireName(WebhookEventType type)
    {
        var words = Words(type);
        return words[0] + "." + string.Join('_', words.Skip(1));
    }

    /// <summary>"Callback requested".</summary>
    public static string Label(WebhookEventType type)
    {
        var text = string.Join(' ', Words(type));
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static IEnumerable<WebhookEventType> Each(WebhookEventType set) => All.Where(t => set.HasFlag(t));

    private static List<string> Words(WebhookEventType type)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in type.ToString())
        {
            if (char.IsUpper(c) && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
            word.Append(char.ToLowerInvariant(c));
        }
        words.Add(word.ToString());
        return words;
    }
}

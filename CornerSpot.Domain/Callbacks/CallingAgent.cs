namespace CornerSpot.Domain.Callbacks;

/// <summary>The agent who clicked. Id is null when the console has no signed-in user.</summary>
public sealed record CallingAgent(string? Id, string Name)
{
    public const int MaxNameLength = 100;

    /// <summary>The name as stored: trimmed, never empty, at most <see cref="MaxNameLength"/> characters.</summary>
    public string StoredName
    {
        get
        {
            var name = string.IsNullOrWhiteSpace(Name) ? "An agent" : Name.Trim();
            return name.Length > MaxNameLength ? name[..MaxNameLength] : name;
        }
    }
}

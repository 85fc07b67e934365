namespace CornerSpot.Domain.Settings;

/// <summary>Workspace-wide widget settings; one row.</summary>
public sealed class WidgetSettings
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    /// <summary>Origins allowed to call the widget API, one per line; "*" means any site.</summary>
    public string AllowedOrigins { get; set; } = "*";
}

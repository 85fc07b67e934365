namespace CornerSpot.Web.Components.Layout;

/// <summary>
/// The agent's light / dark / system choice, as this browser remembers it (cookie <c>cs-theme</c>, written by
/// <c>wwwroot/theme.js</c>), and whether the system is dark (<c>cs-system-dark</c>, refreshed by the same script on
/// every page load). Read on the server so the first render already has the right palette.
/// </summary>
public sealed record ThemeChoice(string Preference, bool SystemDark)
{
    public const string Light = "light";
    public const string Dark = "dark";
    public const string System = "system";
    public const string PreferenceCookie = "cs-theme";
    public const string SystemDarkCookie = "cs-system-dark";

    public static readonly ThemeChoice Default = new(System, false);

    public bool IsDark => Preference == Dark || (Preference == System && SystemDark);

    public static ThemeChoice From(IRequestCookieCollection? cookies) => new(
        cookies?[PreferenceCookie] is Light or Dark or System ? cookies[PreferenceCookie]! : System,
        cookies?[SystemDarkCookie] == "1");
}

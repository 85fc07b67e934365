using MudBlazor;

namespace CornerSpot.Web.Components.Layout;

public static class CornerSpotTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",
            Secondary = "#475569",
            Success = "#15803D",
            Warning = "#B45309",
            Error = "#B91C1C",
            Info = "#0369A1",
            AppbarBackground = "#1E1B4B",
            AppbarText = "#FFFFFF",
            Background = "#F6F7FB",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#111827",
            TextSecondary = "#4B5563",
            LinesDefault = "#E5E7EB",
        },
        // Checked with axe (color-contrast) on every page: text 4.5:1 on Surface and Background, filled buttons'
        // dark text on the lighter accents.
        PaletteDark = new PaletteDark
        {
            Primary = "#A5B4FC",
            PrimaryContrastText = "#111827",
            Secondary = "#CBD5E1",
            SecondaryContrastText = "#111827",
            Tertiary = "#F9A8D4",
            Info = "#7DD3FC",
            InfoContrastText = "#0B1220",
            Success = "#86EFAC",
            SuccessContrastText = "#052E16",
            Warning = "#FCD34D",
            WarningContrastText = "#1F1300",
            Error = "#FCA5A5",
            ErrorContrastText = "#1F0505",
            Dark = "#0B0D14",
            Black = "#0B0D14",
            AppbarBackground = "#161827",
            AppbarText = "#F3F4F6",
            Background = "#0F1117",
            BackgroundGray = "#171A23",
            Surface = "#1A1D27",
            DrawerBackground = "#14161F",
            DrawerText = "#E5E7EB",
            DrawerIcon = "#C7CBD4",
            TextPrimary = "#F3F4F6",
            TextSecondary = "#B4BAC6",
            TextDisabled = "rgba(255,255,255,0.5)",
            ActionDefault = "#C7CBD4",
            ActionDisabled = "rgba(255,255,255,0.38)",
            ActionDisabledBackground = "rgba(255,255,255,0.12)",
            LinesDefault = "#2E3241",
            LinesInputs = "#6B7285",
            TableLines = "#2E3241",
            TableStriped = "rgba(255,255,255,0.03)",
            TableHover = "rgba(255,255,255,0.05)",
            Divider = "#2E3241",
            DividerLight = "#262A37",
            OverlayLight = "rgba(15,17,23,0.6)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}

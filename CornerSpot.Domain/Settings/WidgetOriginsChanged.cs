using CornerSpot.Domain.Live;

namespace CornerSpot.Domain.Settings;

/// <summary>An admin saved the widget's allowed origins: every node drops the list it keeps for API calls.</summary>
public sealed record WidgetOriginsChanged() : InboxEvent(Guid.Empty, Guid.Empty);

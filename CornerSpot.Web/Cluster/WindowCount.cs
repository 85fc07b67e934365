namespace CornerSpot.Web.Cluster;

/// <summary>A shared counter's value and how long until its window ends.</summary>
public readonly record struct WindowCount(long Count, TimeSpan ExpiresIn);

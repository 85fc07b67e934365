namespace CornerSpot.Domain.Callbacks;

public enum ResolutionOutcome { Resolved = 0, AlreadyResolved = 1, NotFound = 2 }

public enum WorkStatus
{
    Done = 0,
    /// <summary>Someone else is calling; <see cref="WorkResult.ClaimedByName"/> says who.</summary>
    ClaimedByOther = 1,
    /// <summary>The callback changed meanwhile (resolved, reopened, released): nothing was written.</summary>
    Stale = 2,
    NotFound = 3,
}

/// <summary>What became of a step on the callback card.</summary>
public sealed record WorkResult(WorkStatus Status, string? ClaimedByName = null)
{
    public static readonly WorkResult Done = new(WorkStatus.Done);
    public static readonly WorkResult Stale = new(WorkStatus.Stale);
    public static readonly WorkResult NotFound = new(WorkStatus.NotFound);
}

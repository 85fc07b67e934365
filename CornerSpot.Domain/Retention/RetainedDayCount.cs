namespace CornerSpot.Domain.Retention;

/// <summary>
/// What the retention job deleted, per queue and UTC day of the conversation's last activity, as anonymous counts:
/// the reports' totals outlive the conversations they were counted from. Written in the same transaction as the deletion.
/// </summary>
public sealed class RetainedDayCount
{
    public Guid QueueId { get; set; }
    public DateOnly Day { get; set; }
    public int Conversations { get; set; }
    public int Callbacks { get; set; }
    /// <summary>Callbacks by how they were resolved (CallbackOutcome); "Mark resolved" has no outcome.</summary>
    public int Reached { get; set; }
    public int WrongNumber { get; set; }
    public int Unreachable { get; set; }
    public int CancelledByVisitor { get; set; }
    public int MarkedResolved { get; set; }
    /// <summary>Logged calls, answered or not.</summary>
    public int Attempts { get; set; }
}

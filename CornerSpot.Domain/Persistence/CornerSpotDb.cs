using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Settings;
using CornerSpot.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Persistence;

/// <summary>The model, shared by both databases. Each database has a context of its own deriving from this one, with
/// its own migrations (<see cref="Sqlite.SqliteCornerSpotDb"/>, <see cref="Postgres.PostgresCornerSpotDb"/>); the code
/// asks <c>IDbContextFactory&lt;CornerSpotDb&gt;</c> and does not know which it has.</summary>
public abstract class CornerSpotDb(DbContextOptions options) : IdentityDbContext<Agent>(options), IDataProtectionKeyContext
{
    public DbSet<Queue> Queues => Set<Queue>();
    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<CallbackRequest> CallbackRequests => Set<CallbackRequest>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Chat.ChatMessageKey> ChatMessageKeys => Set<Chat.ChatMessageKey>();
    public DbSet<CallbackActivity> CallbackActivities => Set<CallbackActivity>();
    public DbSet<CallbackLink> CallbackLinks => Set<CallbackLink>();
    public DbSet<WidgetSettings> WidgetSettings => Set<WidgetSettings>();
    public DbSet<AgentSession> AgentSessions => Set<AgentSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookOutboxMessage> WebhookOutbox => Set<WebhookOutboxMessage>();
    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();
    public DbSet<RetainedDayCount> RetainedDayCounts => Set<RetainedDayCount>();
    /// <summary>The data-protection key ring (cookies, antiforgery), shared by restarts and every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(CornerSpotDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // Everything stored is UTC; SQLite keeps no offset, so say so when reading back. PostgreSQL's timestamp with
        // time zone takes only UTC DateTimes from Npgsql, which the converter makes of any other kind.
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

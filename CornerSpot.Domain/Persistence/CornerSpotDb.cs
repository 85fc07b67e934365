using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Settings;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Persistence;

public sealed class CornerSpotDb(DbContextOptions<CornerSpotDb> options) : IdentityDbContext<Agent>(options), IDataProtectionKeyContext
{
    public DbSet<Queue> Queues => Set<Queue>();
    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<CallbackRequest> CallbackRequests => Set<CallbackRequest>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<CallbackActivity> CallbackActivities => Set<CallbackActivity>();
    public DbSet<CallbackLink> CallbackLinks => Set<CallbackLink>();
    public DbSet<WidgetSettings> WidgetSettings => Set<WidgetSettings>();
    public DbSet<AgentSession> AgentSessions => Set<AgentSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
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
        // Everything stored is UTC; SQLite keeps no offset, so say so when reading back.
        c.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        c.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static CornerSpot.Domain.Callbacks.CallbackLimits;

namespace CornerSpot.Domain.Persistence;

internal sealed class QueueConfiguration : IEntityTypeConfiguration<Queue>
{
    public void Configure(EntityTypeBuilder<Queue> e)
    {
        e.Property(q => q.Name).HasMaxLength(Queue.MaxNameLength);
        e.Property(q => q.Slug).HasMaxLength(Queue.MaxSlugLength);
        e.Property(q => q.TimeZone).HasMaxLength(MaxTimeZoneLength);
        e.Property(q => q.AllowedCountries).HasMaxLength(MaxAllowedCountriesLength);
        e.HasIndex(q => q.Slug).IsUnique();
        e.HasMany(q => q.Hours).WithOne().HasForeignKey(h => h.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.Property(c => c.Name).HasMaxLength(MaxNameLength);
        e.Property(c => c.PhoneE164).HasMaxLength(PhoneNumberParser.MaxE164Length);
        e.Property(c => c.Email).HasMaxLength(MaxEmailLength);
        e.Property(c => c.TimeZone).HasMaxLength(MaxTimeZoneLength);
        e.Property(c => c.LastPageUrl).HasMaxLength(MaxPageUrlLength);
        // Unique among customers who gave a number; chat visitors may have none.
        e.HasIndex(c => c.PhoneE164).IsUnique().HasFilter("\"PhoneE164\" IS NOT NULL");
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.Property(c => c.Preview).HasMaxLength(Message.PreviewLength);
        e.HasOne(c => c.Queue).WithMany().HasForeignKey(c => c.QueueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // The inbox lists newest activity first, optionally narrowed by status and/or queue.
        e.HasIndex(c => c.LastActivityAt);
        e.HasIndex(c => new { c.Status, c.LastActivityAt });
        e.HasIndex(c => new { c.QueueId, c.Status, c.LastActivityAt });
        e.HasIndex(c => new { c.CustomerId, c.LastActivityAt });
        // The tab title's count of unread chats reads only the unread few, not every conversation.
        e.HasIndex(c => new { c.UnreadCount, c.LastActivityAt });
        // "Mine": one agent's conversations, newest first.
        e.HasIndex(c => new { c.AssignedAgentId, c.LastActivityAt });
        e.Property(c => c.VisitorTokenHash).HasMaxLength(64);
        e.Property(c => c.AssignedAgentName).HasMaxLength(CallingAgent.MaxNameLength);
        e.Property(c => c.AssignedAgentId).HasMaxLength(450);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> e)
    {
        e.Property(m => m.AuthorName).HasMaxLength(100);
        e.Property(m => m.AgentId).HasMaxLength(450);
        e.HasIndex(m => new { m.ConversationId, m.SentAt });
    }
}

internal sealed class ChatMessageKeyConfiguration : IEntityTypeConfiguration<Chat.ChatMessageKey>
{
    public void Configure(EntityTypeBuilder<Chat.ChatMessageKey> e)
    {
        e.HasKey(k => new { k.ConversationId, k.Key });
        e.Property(k => k.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        e.Property(k => k.RequestHash).HasMaxLength(64);
        e.HasOne<Conversation>().WithMany().HasForeignKey(k => k.ConversationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(k => k.CreatedAt);
    }
}

internal sealed class CallbackRequestConfiguration : IEntityTypeConfiguration<CallbackRequest>
{
    public void Configure(EntityTypeBuilder<CallbackRequest> e)
    {
        e.Property(c => c.Name).HasMaxLength(MaxNameLength);
        e.Property(c => c.PhoneE164).HasMaxLength(PhoneNumberParser.MaxE164Length);
        e.Property(c => c.PhoneAsTyped).HasMaxLength(MaxPhoneLength);
        e.Property(c => c.VisitorTimeZone).HasMaxLength(MaxTimeZoneLength);
        e.Property(c => c.Note).HasMaxLength(MaxNoteLength);
        e.Property(c => c.Email).HasMaxLength(MaxEmailLength);
        e.Property(c => c.PageUrl).HasMaxLength(MaxPageUrlLength);
        e.Property(c => c.ResolvedByName).HasMaxLength(CallingAgent.MaxNameLength);
        e.HasOne(c => c.Conversation).WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.ConversationId);
        e.HasIndex(c => new { c.Status, c.RequestedAt });
        e.HasIndex(c => c.PhoneE164);
        e.Property(c => c.ClaimedByName).HasMaxLength(CallingAgent.MaxNameLength);
        // A repeat request finds the Pending callback of the same number in the same queue.
        e.HasIndex(c => new { c.PhoneE164, c.Status });
        e.HasMany(c => c.Activities).WithOne().HasForeignKey(a => a.CallbackRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallbackActivityConfiguration : IEntityTypeConfiguration<CallbackActivity>
{
    public void Configure(EntityTypeBuilder<CallbackActivity> e)
    {
        e.Property(a => a.Note).HasMaxLength(CallbackWork.MaxNoteLength);
        e.Property(a => a.ActorName).HasMaxLength(CallingAgent.MaxNameLength);
        e.HasIndex(a => new { a.CallbackRequestId, a.At });
        // The team view counts today's attempts and outcomes.
        e.HasIndex(a => a.At);
    }
}

internal sealed class CallbackLinkConfiguration : IEntityTypeConfiguration<CallbackLink>
{
    public void Configure(EntityTypeBuilder<CallbackLink> e)
    {
        e.HasKey(l => l.TokenHash);
        e.Property(l => l.TokenHash).HasMaxLength(64);
        e.HasOne<CallbackRequest>().WithMany().HasForeignKey(l => l.CallbackRequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => l.CallbackRequestId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.HasKey(r => r.Key);
        e.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        e.Property(r => r.RequestHash).HasMaxLength(64);
    }
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> e) => e.Property(a => a.DisplayName).HasMaxLength(100);
}

internal sealed class WidgetSettingsConfiguration : IEntityTypeConfiguration<Settings.WidgetSettings>
{
    public void Configure(EntityTypeBuilder<Settings.WidgetSettings> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.AllowedOrigins).HasMaxLength(4000);
    }
}

internal sealed class AgentSessionConfiguration : IEntityTypeConfiguration<AgentSession>
{
    public void Configure(EntityTypeBuilder<AgentSession> e)
    {
        e.Property(s => s.Id).HasMaxLength(32);
        e.HasOne<Agent>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        e.Property(a => a.ActorId).HasMaxLength(450);
        e.Property(a => a.Actor).HasMaxLength(AuditEntry.TextLength);
        e.Property(a => a.ClientAddress).HasMaxLength(AuditEntry.TextLength);
        e.Property(a => a.Subject).HasMaxLength(AuditEntry.TextLength);
        e.Property(a => a.Detail).HasMaxLength(AuditEntry.TextLength);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.Action, a.Id });
    }
}

internal sealed class RetainedDayCountConfiguration : IEntityTypeConfiguration<RetainedDayCount>
{
    public void Configure(EntityTypeBuilder<RetainedDayCount> e)
    {
        e.HasKey(c => new { c.QueueId, c.Day });
        e.HasOne<Queue>().WithMany().HasForeignKey(c => c.QueueId).OnDelete(DeleteBehavior.Cascade);
    }
}

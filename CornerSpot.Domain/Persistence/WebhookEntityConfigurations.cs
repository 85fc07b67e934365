using CornerSpot.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CornerSpot.Domain.Persistence;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.Property(w => w.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength);
        e.Property(w => w.ProtectedSecret).HasMaxLength(1000);
    }
}

internal sealed class WebhookOutboxMessageConfiguration : IEntityTypeConfiguration<WebhookOutboxMessage>
{
    public void Configure(EntityTypeBuilder<WebhookOutboxMessage> e)
    {
        e.ToTable("WebhookOutbox");
        e.Ignore(m => m.WebhookId);
        e.Property(m => m.LeaseOwner).HasMaxLength(100);
        e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The sender's query: pending messages, soonest due first.
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => new { m.EndpointId, m.Status });
        // Erasure finds a customer's messages by these.
        e.HasIndex(m => m.CustomerId);
        e.HasIndex(m => m.ConversationId);
        e.HasIndex(m => m.CallbackRequestId);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> e)
    {
        e.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.MaxErrorLength);
        e.HasOne<WebhookOutboxMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.EndpointId, a.Id });
    }
}

using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace CornerSpot.Domain.Persistence.Postgres;

/// <summary>The model on PostgreSQL, with its migrations in Postgres/Migrations, plus the search indexes that
/// <see cref="Search.ConversationSearch"/> uses there: trigram indexes for substrings of names, emails and phone
/// numbers, a word index over message text.</summary>
public sealed class PostgresCornerSpotDb(DbContextOptions<PostgresCornerSpotDb> options) : CornerSpotDb(options)
{
    /// <summary>The text search configuration of the message index: words as written, no stemming (as SQLite's).</summary>
    public const string TextSearchConfig = "simple";

    /// <summary>The words of a message's text and author, stored with the row, so that neither the index's recheck nor a
    /// walk of the table computes them again for every row it reads.</summary>
    public const string MessageSearchVector = "SearchVector";

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.HasPostgresExtension("pg_trgm");
        b.Entity<Customer>(e =>
        {
            e.HasIndex(c => c.Name, "IX_Customers_Name_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            e.HasIndex(c => c.Email, "IX_Customers_Email_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            e.HasIndex(c => c.PhoneE164, "IX_Customers_PhoneE164_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        });
        b.Entity<Message>(e =>
        {
            e.Property<NpgsqlTsVector>(MessageSearchVector)
                .HasComputedColumnSql($"""to_tsvector('{TextSearchConfig}', "Body" || ' ' || coalesce("AuthorName", ''))""", stored: true);
            e.HasIndex(MessageSearchVector).HasDatabaseName("IX_Messages_Search").HasMethod("gin");
        });
    }
}

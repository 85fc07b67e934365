using CornerSpot.Domain.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// LiveChatWebhooksRetention made Customers.PhoneE164 nullable, which SQLite does by rebuilding the table: that dropped
    /// the table's search triggers and renumbered its rowids. EF runs a rebuild after every other operation of its
    /// migration, so the triggers and indexes are restored here, in a migration of their own (see <see cref="SearchIndexSql"/>).
    /// </summary>
    public partial class SearchIndexAfterRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SearchIndexSql.DropTriggers().Concat(SearchIndexSql.CreateTriggers()).Concat(SearchIndexSql.Rebuild()))
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}

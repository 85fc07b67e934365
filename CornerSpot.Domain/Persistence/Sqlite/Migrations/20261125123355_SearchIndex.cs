using CornerSpot.Domain.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Sqlite.Migrations
{
    /// <summary>Full-text indexes for the inbox search: see <see cref="SearchIndexSql"/>.</summary>
    public partial class SearchIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SearchIndexSql.CreateTables().Concat(SearchIndexSql.CreateTriggers()).Concat(SearchIndexSql.Rebuild()))
                migrationBuilder.Sql(sql);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SearchIndexSql.DropTriggers().Concat(SearchIndexSql.DropTables()))
                migrationBuilder.Sql(sql);
        }
    }
}

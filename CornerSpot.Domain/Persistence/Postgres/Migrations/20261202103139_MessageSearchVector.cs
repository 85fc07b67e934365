using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CornerSpot.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MessageSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Search",
                table: "Messages");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Messages",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple', \"Body\" || ' ' || coalesce(\"AuthorName\", ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Search",
                table: "Messages",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Search",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Search",
                table: "Messages",
                columns: new[] { "Body", "AuthorName" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnreadAndAssigneeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssignedAgentId_LastActivityAt",
                table: "Conversations",
                columns: new[] { "AssignedAgentId", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_UnreadCount_LastActivityAt",
                table: "Conversations",
                columns: new[] { "UnreadCount", "LastActivityAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssignedAgentId_LastActivityAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_UnreadCount_LastActivityAt",
                table: "Conversations");
        }
    }
}

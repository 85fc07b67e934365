using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CallbackWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProtectedStatusToken",
                table: "IdempotencyRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AttemptCount",
                table: "CallbackRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "CallbackRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedById",
                table: "CallbackRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedByName",
                table: "CallbackRequests",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastRequestedAt",
                table: "CallbackRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "NextTryAt",
                table: "CallbackRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Outcome",
                table: "CallbackRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RequestCount",
                table: "CallbackRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Every request so far was asked for once, when it was made.
            migrationBuilder.Sql("UPDATE \"CallbackRequests\" SET \"RequestCount\" = 1, \"LastRequestedAt\" = \"RequestedAt\";");

            migrationBuilder.CreateTable(
                name: "CallbackActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallbackRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CallOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallbackActivities_CallbackRequests_CallbackRequestId",
                        column: x => x.CallbackRequestId,
                        principalTable: "CallbackRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallbackLinks",
                columns: table => new
                {
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallbackRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackLinks", x => x.TokenHash);
                    table.ForeignKey(
                        name: "FK_CallbackLinks_CallbackRequests_CallbackRequestId",
                        column: x => x.CallbackRequestId,
                        principalTable: "CallbackRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackRequests_PhoneE164_Status",
                table: "CallbackRequests",
                columns: new[] { "PhoneE164", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackActivities_At",
                table: "CallbackActivities",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackActivities_CallbackRequestId_At",
                table: "CallbackActivities",
                columns: new[] { "CallbackRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackLinks_CallbackRequestId",
                table: "CallbackLinks",
                column: "CallbackRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackActivities");

            migrationBuilder.DropTable(
                name: "CallbackLinks");

            migrationBuilder.DropIndex(
                name: "IX_CallbackRequests_PhoneE164_Status",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "ProtectedStatusToken",
                table: "IdempotencyRecords");

            migrationBuilder.DropColumn(
                name: "AttemptCount",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "ClaimedById",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "ClaimedByName",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "LastRequestedAt",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "NextTryAt",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "CallbackRequests");

            migrationBuilder.DropColumn(
                name: "RequestCount",
                table: "CallbackRequests");
        }
    }
}

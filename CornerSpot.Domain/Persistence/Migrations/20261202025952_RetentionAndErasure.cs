using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAndErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "KeepResolvedDays",
                table: "Queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RetainedDayCounts",
                columns: table => new
                {
                    QueueId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    Callbacks = table.Column<int>(type: "INTEGER", nullable: false),
                    Reached = table.Column<int>(type: "INTEGER", nullable: false),
                    WrongNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Unreachable = table.Column<int>(type: "INTEGER", nullable: false),
                    CancelledByVisitor = table.Column<int>(type: "INTEGER", nullable: false),
                    MarkedResolved = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetainedDayCounts", x => new { x.QueueId, x.Day });
                    table.ForeignKey(
                        name: "FK_RetainedDayCounts_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetainedDayCounts");

            migrationBuilder.DropColumn(
                name: "KeepResolvedDays",
                table: "Queues");
        }
    }
}

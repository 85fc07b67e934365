using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CornerSpot.Domain.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LiveChatWebhooksRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_PhoneE164",
                table: "Customers");

            migrationBuilder.AddColumn<int>(
                name: "KeepResolvedDays",
                table: "Queues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgentId",
                table: "Messages",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsInternal",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<string>(
                name: "PhoneE164",
                table: "Customers",
                type: "TEXT",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<string>(
                name: "AssignedAgentId",
                table: "Conversations",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedAgentName",
                table: "Conversations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AssignedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnreadCount",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VisitorTokenHash",
                table: "Conversations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChatMessageKeys",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatMessageKeys", x => new { x.ConversationId, x.Key });
                    table.ForeignKey(
                        name: "FK_ChatMessageKeys_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndpointId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventType = table.Column<int>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallbackRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookOutbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookOutbox_WebhookEndpoints_EndpointId",
                        column: x => x.EndpointId,
                        principalTable: "WebhookEndpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveryAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndpointId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveryAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveryAttempts_WebhookOutbox_MessageId",
                        column: x => x.MessageId,
                        principalTable: "WebhookOutbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PhoneE164",
                table: "Customers",
                column: "PhoneE164",
                unique: true,
                filter: "\"PhoneE164\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessageKeys_CreatedAt",
                table: "ChatMessageKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveryAttempts_EndpointId_Id",
                table: "WebhookDeliveryAttempts",
                columns: new[] { "EndpointId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveryAttempts_MessageId",
                table: "WebhookDeliveryAttempts",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_CallbackRequestId",
                table: "WebhookOutbox",
                column: "CallbackRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_ConversationId",
                table: "WebhookOutbox",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_CustomerId",
                table: "WebhookOutbox",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_EndpointId_Status",
                table: "WebhookOutbox",
                columns: new[] { "EndpointId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_Status_NextAttemptAt",
                table: "WebhookOutbox",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChatMessageKeys");

            migrationBuilder.DropTable(
                name: "RetainedDayCounts");

            migrationBuilder.DropTable(
                name: "WebhookDeliveryAttempts");

            migrationBuilder.DropTable(
                name: "WebhookOutbox");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropIndex(
                name: "IX_Customers_PhoneE164",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "KeepResolvedDays",
                table: "Queues");

            migrationBuilder.DropColumn(
                name: "AgentId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "IsInternal",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "AssignedAgentId",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "AssignedAgentName",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "UnreadCount",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "VisitorTokenHash",
                table: "Conversations");

            migrationBuilder.AlterColumn<string>(
                name: "PhoneE164",
                table: "Customers",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_PhoneE164",
                table: "Customers",
                column: "PhoneE164",
                unique: true);
        }
    }
}

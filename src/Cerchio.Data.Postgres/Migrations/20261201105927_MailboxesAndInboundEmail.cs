using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MailboxesAndInboundEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NeedsReview",
                table: "Customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "MailboxId",
                table: "Cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cc",
                table: "CaseEntries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "From",
                table: "CaseEntries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MailboxId",
                table: "CaseEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "CaseEntries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OutgoingEmailId",
                table: "CaseEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotedText",
                table: "CaseEntries",
                type: "character varying(200000)",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SafeHtml",
                table: "CaseEntries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "CaseEntries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsInline = table.Column<bool>(type: "boolean", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboundEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: true),
                    MessageId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    From = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Raw = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    SenderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Signature = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    ImapHost = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ImapPort = table.Column<int>(type: "integer", nullable: false),
                    ImapSecurity = table.Column<int>(type: "integer", nullable: false),
                    ImapUserName = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ImapPasswordProtected = table.Column<string>(type: "text", nullable: true),
                    ImapFolder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SmtpHost = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    SmtpPort = table.Column<int>(type: "integer", nullable: false),
                    SmtpSecurity = table.Column<int>(type: "integer", nullable: false),
                    SmtpUserName = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SmtpPasswordProtected = table.Column<string>(type: "text", nullable: true),
                    UidValidity = table.Column<long>(type: "bigint", nullable: true),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    LastPolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastPollError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PollLeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PollLeaseToken = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mailboxes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_OrganizationId_MessageId",
                table: "CaseEntries",
                columns: new[] { "OrganizationId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_CaseId",
                table: "CaseAttachments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_EntryId",
                table: "CaseAttachments",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_OrganizationId",
                table: "CaseAttachments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_OrganizationId",
                table: "InboundEmails",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_OrganizationId_Outcome_ReceivedAt",
                table: "InboundEmails",
                columns: new[] { "OrganizationId", "Outcome", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_OrganizationId",
                table: "Mailboxes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_OrganizationId_Address",
                table: "Mailboxes",
                columns: new[] { "OrganizationId", "Address" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAttachments");

            migrationBuilder.DropTable(
                name: "InboundEmails");

            migrationBuilder.DropTable(
                name: "Mailboxes");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_OrganizationId_MessageId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "NeedsReview",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MailboxId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Cc",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "From",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "MailboxId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "OutgoingEmailId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "QuotedText",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "SafeHtml",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "To",
                table: "CaseEntries");
        }
    }
}

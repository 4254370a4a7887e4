using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "MailboxId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cc",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "From",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MailboxId",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OutgoingEmailId",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotedText",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 200000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SafeHtml",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IsInline = table.Column<bool>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MailboxId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Uid = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    From = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Raw = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImapHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ImapPort = table.Column<int>(type: "INTEGER", nullable: false),
                    ImapSecurity = table.Column<int>(type: "INTEGER", nullable: false),
                    ImapUserName = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ImapPasswordProtected = table.Column<string>(type: "TEXT", nullable: true),
                    ImapFolder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SmtpHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SmtpPort = table.Column<int>(type: "INTEGER", nullable: false),
                    SmtpSecurity = table.Column<int>(type: "INTEGER", nullable: false),
                    SmtpUserName = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    SmtpPasswordProtected = table.Column<string>(type: "TEXT", nullable: true),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUid = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPolledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastPollError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PollLeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    PollLeaseToken = table.Column<Guid>(type: "TEXT", nullable: true)
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

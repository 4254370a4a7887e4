using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_SurveyId",
                table: "SurveyInvitations");

            migrationBuilder.AddColumn<string>(
                name: "Cause",
                table: "SurveyInvitations",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SendAt",
                table: "SurveyInvitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SentAt",
                table: "SurveyInvitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SkipReason",
                table: "SurveyInvitations",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "SurveyInvitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "FeedbackSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FatigueDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "SurveyOptOuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyOptOuts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveyTriggers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TouchpointCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    DelayHours = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyTriggers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyTriggers_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_OrganizationId_Email_CreatedAt",
                table: "SurveyInvitations",
                columns: new[] { "OrganizationId", "Email", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_Status_SendAt",
                table: "SurveyInvitations",
                columns: new[] { "Status", "SendAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_SurveyId_Cause",
                table: "SurveyInvitations",
                columns: new[] { "SurveyId", "Cause" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackSettings_OrganizationId",
                table: "FeedbackSettings",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyOptOuts_OrganizationId",
                table: "SurveyOptOuts",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyOptOuts_OrganizationId_Email",
                table: "SurveyOptOuts",
                columns: new[] { "OrganizationId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyTriggers_OrganizationId",
                table: "SurveyTriggers",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyTriggers_OrganizationId_On",
                table: "SurveyTriggers",
                columns: new[] { "OrganizationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyTriggers_SurveyId",
                table: "SurveyTriggers",
                column: "SurveyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackSettings");

            migrationBuilder.DropTable(
                name: "SurveyOptOuts");

            migrationBuilder.DropTable(
                name: "SurveyTriggers");

            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_OrganizationId_Email_CreatedAt",
                table: "SurveyInvitations");

            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_Status_SendAt",
                table: "SurveyInvitations");

            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_SurveyId_Cause",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "Cause",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "SendAt",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "SentAt",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "SkipReason",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "SurveyInvitations");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_SurveyId",
                table: "SurveyInvitations",
                column: "SurveyId");
        }
    }
}

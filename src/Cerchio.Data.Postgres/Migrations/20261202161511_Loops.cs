using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Loops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Emotions",
                table: "SurveyResponses",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sentiment",
                table: "SurveyResponses",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "SentimentScore",
                table: "SurveyResponses",
                type: "real",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Topics",
                table: "SurveyResponses",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            // Organizations that already stored their settings get the close-the-loop defaults, as new ones do.
            migrationBuilder.AddColumn<int>(
                name: "LoopCesUpTo",
                table: "FeedbackSettings",
                type: "integer",
                nullable: true,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "LoopCsatUpTo",
                table: "FeedbackSettings",
                type: "integer",
                nullable: true,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "LoopNpsUpTo",
                table: "FeedbackSettings",
                type: "integer",
                nullable: true,
                defaultValue: 6);

            migrationBuilder.AddColumn<bool>(
                name: "LoopOnNegativeComment",
                table: "FeedbackSettings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "LoopReopensCase",
                table: "FeedbackSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "LoopSlaHours",
                table: "FeedbackSettings",
                type: "integer",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.CreateTable(
                name: "LoopRootCauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    TouchpointCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoopRootCauses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LoopTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseNumber = table.Column<int>(type: "integer", nullable: true),
                    TouchpointCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reasons = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RootCauseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoopTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoopTasks_LoopRootCauses_RootCauseId",
                        column: x => x.RootCauseId,
                        principalTable: "LoopRootCauses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LoopTasks_SurveyResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LoopActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reached = table.Column<bool>(type: "boolean", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoopActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoopActivities_LoopTasks_LoopId",
                        column: x => x.LoopId,
                        principalTable: "LoopTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoopActivities_LoopId_At",
                table: "LoopActivities",
                columns: new[] { "LoopId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LoopActivities_OrganizationId",
                table: "LoopActivities",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LoopRootCauses_OrganizationId",
                table: "LoopRootCauses",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LoopRootCauses_OrganizationId_Name",
                table: "LoopRootCauses",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_OrganizationId",
                table: "LoopTasks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_OrganizationId_Number",
                table: "LoopTasks",
                columns: new[] { "OrganizationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_OrganizationId_OpenedAt",
                table: "LoopTasks",
                columns: new[] { "OrganizationId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_OrganizationId_Status_DueAt",
                table: "LoopTasks",
                columns: new[] { "OrganizationId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_ResponseId",
                table: "LoopTasks",
                column: "ResponseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_RootCauseId",
                table: "LoopTasks",
                column: "RootCauseId");

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_Status_EscalatedAt_DueAt",
                table: "LoopTasks",
                columns: new[] { "Status", "EscalatedAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoopActivities");

            migrationBuilder.DropTable(
                name: "LoopTasks");

            migrationBuilder.DropTable(
                name: "LoopRootCauses");

            migrationBuilder.DropColumn(
                name: "Emotions",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "SentimentScore",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "Topics",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "LoopCesUpTo",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "LoopCsatUpTo",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "LoopNpsUpTo",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "LoopOnNegativeComment",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "LoopReopensCase",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "LoopSlaHours",
                table: "FeedbackSettings");
        }
    }
}

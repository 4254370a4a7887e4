using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "SurveyTriggers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CursorAt",
                table: "SurveyTriggers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<Guid>(
                name: "CursorId",
                table: "SurveyTriggers",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "DelayWorkingDays",
                table: "SurveyTriggers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EventType",
                table: "SurveyTriggers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_OrganizationId_Type_RecordedAt_Id",
                table: "TimelineEvents",
                columns: new[] { "OrganizationId", "Type", "RecordedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_OrganizationId_Type_RecordedAt_Id",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "SurveyTriggers");

            migrationBuilder.DropColumn(
                name: "CursorAt",
                table: "SurveyTriggers");

            migrationBuilder.DropColumn(
                name: "CursorId",
                table: "SurveyTriggers");

            migrationBuilder.DropColumn(
                name: "DelayWorkingDays",
                table: "SurveyTriggers");

            migrationBuilder.DropColumn(
                name: "EventType",
                table: "SurveyTriggers");
        }
    }
}

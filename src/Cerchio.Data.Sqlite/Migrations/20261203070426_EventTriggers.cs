using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "SurveyTriggers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CursorAt",
                table: "SurveyTriggers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "CursorId",
                table: "SurveyTriggers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "DelayWorkingDays",
                table: "SurveyTriggers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EventType",
                table: "SurveyTriggers",
                type: "TEXT",
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

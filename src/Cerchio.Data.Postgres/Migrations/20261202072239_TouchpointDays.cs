using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TouchpointDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TouchpointDayMarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TouchpointCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchpointDayMarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TouchpointDays",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TouchpointCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Cases = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    Responded = table.Column<int>(type: "integer", nullable: false),
                    Resolved = table.Column<int>(type: "integer", nullable: false),
                    SlaMet = table.Column<int>(type: "integer", nullable: false),
                    SlaMissed = table.Column<int>(type: "integer", nullable: false),
                    FirstResponses = table.Column<byte[]>(type: "bytea", nullable: false),
                    Resolutions = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchpointDays", x => new { x.OrganizationId, x.Day, x.TouchpointCode });
                });

            migrationBuilder.CreateTable(
                name: "TouchpointDayStates",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CalendarStamp = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BuiltAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchpointDayStates", x => x.OrganizationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TouchpointDayMarks_OrganizationId",
                table: "TouchpointDayMarks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TouchpointDayMarks_OrganizationId_Day",
                table: "TouchpointDayMarks",
                columns: new[] { "OrganizationId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_TouchpointDays_OrganizationId",
                table: "TouchpointDays",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TouchpointDayStates_OrganizationId",
                table: "TouchpointDayStates",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TouchpointDayMarks");

            migrationBuilder.DropTable(
                name: "TouchpointDays");

            migrationBuilder.DropTable(
                name: "TouchpointDayStates");
        }
    }
}

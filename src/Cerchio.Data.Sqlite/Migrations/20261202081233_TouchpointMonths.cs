using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TouchpointMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Days built before months existed: without their state the sweep builds days and months again.
            migrationBuilder.Sql("DELETE FROM \"TouchpointDayStates\";");

            migrationBuilder.CreateTable(
                name: "TouchpointMonths",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TouchpointCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<int>(type: "INTEGER", nullable: false),
                    Responded = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaMet = table.Column<int>(type: "INTEGER", nullable: false),
                    SlaMissed = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponses = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Resolutions = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TouchpointMonths", x => new { x.OrganizationId, x.Month, x.TouchpointCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_ResolvedAt_CreatedAt",
                table: "Cases",
                columns: new[] { "OrganizationId", "ResolvedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TouchpointMonths_OrganizationId",
                table: "TouchpointMonths",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TouchpointMonths");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_ResolvedAt_CreatedAt",
                table: "Cases");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeskSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HeadUserId",
                table: "Departments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaAlertsSent",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DeskSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    SlaPolicy = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    AutoCloseDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeskSettings", x => x.OrganizationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeskSettings_OrganizationId",
                table: "DeskSettings",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeskSettings");

            migrationBuilder.DropColumn(
                name: "HeadUserId",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "SlaAlertsSent",
                table: "Cases");
        }
    }
}

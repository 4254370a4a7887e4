using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_CreatedAt_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_ResolvedAt",
                table: "Cases",
                columns: new[] { "OrganizationId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_SlaDueAt_Id",
                table: "Cases",
                columns: new[] { "OrganizationId", "SlaDueAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_CreatedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_ResolvedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_SlaDueAt_Id",
                table: "Cases");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TouchpointCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Touchpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerDepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Promise = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MomentsOfTruth = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PainPoints = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Touchpoints", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_OrganizationId",
                table: "Touchpoints",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_OrganizationId_Code",
                table: "Touchpoints",
                columns: new[] { "OrganizationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_OrganizationId_Position",
                table: "Touchpoints",
                columns: new[] { "OrganizationId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Touchpoints");
        }
    }
}

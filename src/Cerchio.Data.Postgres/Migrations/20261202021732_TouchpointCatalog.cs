using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Promise = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MomentsOfTruth = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PainPoints = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

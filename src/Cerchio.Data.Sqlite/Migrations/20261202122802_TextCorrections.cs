using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TextCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TextCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Sentiment = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Emotions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CorrectedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CorrectedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TextTopics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NameIt = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 3050, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextTopics", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TextCorrections_OrganizationId",
                table: "TextCorrections",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TextCorrections_OrganizationId_TextHash",
                table: "TextCorrections",
                columns: new[] { "OrganizationId", "TextHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TextCorrections_OrganizationId_UpdatedAt",
                table: "TextCorrections",
                columns: new[] { "OrganizationId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TextTopics_OrganizationId",
                table: "TextTopics",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TextTopics_OrganizationId_Code",
                table: "TextTopics",
                columns: new[] { "OrganizationId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TextCorrections");

            migrationBuilder.DropTable(
                name: "TextTopics");
        }
    }
}

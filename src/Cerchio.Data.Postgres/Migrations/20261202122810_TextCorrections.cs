using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Sentiment = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Emotions = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Topics = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CorrectedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CorrectedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TextTopics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameIt = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Terms = table.Column<string>(type: "character varying(3050)", maxLength: 3050, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

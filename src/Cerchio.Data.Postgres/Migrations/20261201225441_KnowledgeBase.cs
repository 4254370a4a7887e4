using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Tags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Touchpoints = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewBy = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArticleVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleVersions_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_GroupId_Language",
                table: "Articles",
                columns: new[] { "GroupId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_OrganizationId",
                table: "Articles",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_OrganizationId_Status_Category_Title",
                table: "Articles",
                columns: new[] { "OrganizationId", "Status", "Category", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleVersions_ArticleId_Version",
                table: "ArticleVersions",
                columns: new[] { "ArticleId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArticleVersions_OrganizationId",
                table: "ArticleVersions",
                column: "OrganizationId");

            // The articles' full-text vector (ADR 0010's Italian configuration): the title weighs most, then the tags, then the text.
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (
                        setweight(to_tsvector('cerchio_italian', translate("Title", '/@._-<>', '       ')), 'A')
                        || setweight(to_tsvector('cerchio_italian', translate("Tags", '/@._-<>', '       ')), 'B')
                        || setweight(to_tsvector('cerchio_italian', translate("Body", '/@._-<>', '       ')), 'C')) STORED;
                CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.DropTable(
                name: "ArticleVersions");

            migrationBuilder.DropTable(
                name: "Articles");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Touchpoints = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerDepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArticleVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
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

            // The articles' FTS5 index (as DeskSearch's): external content, kept in step by triggers; "perche" finds
            // "perché", prefixes stand in for Italian endings.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticlesSearch" USING fts5("Title", "Body", "Tags", content = 'Articles', content_rowid = 'rowid',
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '3');

                CREATE TRIGGER "Articles_Search_Insert" AFTER INSERT ON "Articles" BEGIN
                    INSERT INTO "ArticlesSearch"(rowid, "Title", "Body", "Tags") VALUES (new.rowid, new."Title", new."Body", new."Tags");
                END;

                CREATE TRIGGER "Articles_Search_Delete" AFTER DELETE ON "Articles" BEGIN
                    INSERT INTO "ArticlesSearch"("ArticlesSearch", rowid, "Title", "Body", "Tags") VALUES ('delete', old.rowid, old."Title", old."Body", old."Tags");
                END;

                CREATE TRIGGER "Articles_Search_Update" AFTER UPDATE OF "Title", "Body", "Tags" ON "Articles" BEGIN
                    INSERT INTO "ArticlesSearch"("ArticlesSearch", rowid, "Title", "Body", "Tags") VALUES ('delete', old.rowid, old."Title", old."Body", old."Tags");
                    INSERT INTO "ArticlesSearch"(rowid, "Title", "Body", "Tags") VALUES (new.rowid, new."Title", new."Body", new."Tags");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Articles_Search_Update";
                DROP TRIGGER IF EXISTS "Articles_Search_Delete";
                DROP TRIGGER IF EXISTS "Articles_Search_Insert";
                DROP TABLE IF EXISTS "ArticlesSearch";
                """);
            migrationBuilder.DropTable(
                name: "ArticleVersions");

            migrationBuilder.DropTable(
                name: "Articles");
        }
    }
}

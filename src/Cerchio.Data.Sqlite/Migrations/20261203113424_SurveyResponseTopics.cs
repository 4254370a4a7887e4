using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyResponseTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyResponseTopics",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Sentiment = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponseTopics", x => new { x.ResponseId, x.Code });
                    table.ForeignKey(
                        name: "FK_SurveyResponseTopics_SurveyResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each answer's ",a,b," string becomes one row per code, before the indexes are made: the string trimmed of
            // its commas and given one at the end, then cut at each comma (each step takes a code and its comma, so the
            // recursion ends).
            migrationBuilder.Sql("""
                WITH RECURSIVE "Split"("ResponseId", "Code", "Rest") AS (
                    SELECT "Id", '', trim("Topics", ',') || ',' FROM "SurveyResponses" WHERE "Topics" IS NOT NULL
                    UNION ALL
                    SELECT "ResponseId", substr("Rest", 1, instr("Rest", ',') - 1), substr("Rest", instr("Rest", ',') + 1) FROM "Split" WHERE "Rest" <> ''
                )
                INSERT INTO "SurveyResponseTopics" ("ResponseId", "Code", "OrganizationId", "SurveyId", "AnsweredAt", "Sentiment")
                SELECT r."Id", t."Code", r."OrganizationId", r."SurveyId", r."AnsweredAt", r."Sentiment"
                FROM (SELECT DISTINCT "ResponseId", "Code" FROM "Split" WHERE "Code" <> '') AS t
                JOIN "SurveyResponses" AS r ON r."Id" = t."ResponseId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId",
                table: "SurveyResponseTopics",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_AnsweredAt_Code_Sentiment",
                table: "SurveyResponseTopics",
                columns: new[] { "OrganizationId", "AnsweredAt", "Code", "Sentiment" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_Code_AnsweredAt_ResponseId",
                table: "SurveyResponseTopics",
                columns: new[] { "OrganizationId", "Code", "AnsweredAt", "ResponseId" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_SurveyId_AnsweredAt_Code_Sentiment",
                table: "SurveyResponseTopics",
                columns: new[] { "OrganizationId", "SurveyId", "AnsweredAt", "Code", "Sentiment" });

            migrationBuilder.DropColumn(
                name: "Topics",
                table: "SurveyResponses");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Topics",
                table: "SurveyResponses",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "SurveyResponses" SET "Topics" = (
                    SELECT ',' || group_concat("Code", ',') || ',' FROM "SurveyResponseTopics" AS t WHERE t."ResponseId" = "SurveyResponses"."Id");
                """);

            migrationBuilder.DropTable(
                name: "SurveyResponseTopics");
        }
    }
}

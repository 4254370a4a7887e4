using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
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
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Sentiment = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
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

            // Each answer's ",a,b," string becomes one row per code, before the indexes are made.
            migrationBuilder.Sql("""
                INSERT INTO "SurveyResponseTopics" ("ResponseId", "Code", "OrganizationId", "SurveyId", "AnsweredAt", "Sentiment")
                SELECT DISTINCT r."Id", t."Code", r."OrganizationId", r."SurveyId", r."AnsweredAt", r."Sentiment"
                FROM "SurveyResponses" AS r CROSS JOIN LATERAL unnest(string_to_array(r."Topics", ',')) AS t("Code")
                WHERE r."Topics" IS NOT NULL AND t."Code" <> '';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId",
                table: "SurveyResponseTopics",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_AnsweredAt_Code_Sentime~",
                table: "SurveyResponseTopics",
                columns: new[] { "OrganizationId", "AnsweredAt", "Code", "Sentiment" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_Code_AnsweredAt_Respons~",
                table: "SurveyResponseTopics",
                columns: new[] { "OrganizationId", "Code", "AnsweredAt", "ResponseId" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponseTopics_OrganizationId_SurveyId_AnsweredAt_Cod~",
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "SurveyResponses" AS r SET "Topics" = ',' || t."Codes" || ','
                FROM (SELECT "ResponseId", string_agg("Code", ',' ORDER BY "Code") AS "Codes" FROM "SurveyResponseTopics" GROUP BY "ResponseId") AS t
                WHERE t."ResponseId" = r."Id";
                """);

            migrationBuilder.DropTable(
                name: "SurveyResponseTopics");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerVoiceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_OrganizationId_CustomerId_AnsweredAt",
                table: "SurveyResponses",
                columns: new[] { "OrganizationId", "CustomerId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LoopTasks_OrganizationId_CustomerId_Status",
                table: "LoopTasks",
                columns: new[] { "OrganizationId", "CustomerId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_OrganizationId_CustomerId_AnsweredAt",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_LoopTasks_OrganizationId_CustomerId_Status",
                table: "LoopTasks");
        }
    }
}

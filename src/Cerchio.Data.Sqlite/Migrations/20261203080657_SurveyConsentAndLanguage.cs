using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyConsentAndLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequireSurveyConsent",
                table: "FeedbackSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Customers",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SurveyConsent",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SurveyConsentAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Contacts",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SurveyConsent",
                table: "Contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SurveyConsentAt",
                table: "Contacts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequireSurveyConsent",
                table: "FeedbackSettings");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SurveyConsent",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SurveyConsentAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SurveyConsent",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "SurveyConsentAt",
                table: "Contacts");
        }
    }
}

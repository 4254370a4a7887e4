using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ContactForm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Slug",
                table: "Organizations",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SubmittedFrom",
                table: "Cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Existing organizations get the slug their name suggests (accents dropped, anything else a hyphen, as
            // OrganizationSlug.From does for new ones); a name that leaves too little or a reserved word gets one from its
            // id, and a slug already taken gets the id's first characters as a suffix. translate() also takes the
            // capital accented letters: lower() leaves them alone under the C locale.
            migrationBuilder.Sql("UPDATE \"Organizations\" SET \"Slug\" = btrim(left(btrim(regexp_replace(translate(lower(\"Name\"), "
                + "'àáâäèéêëìíîïòóôöùúûüçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇÑ', 'aaaaeeeeiiiioooouuuucnaaaaeeeeiiiioooouuuucn'), '[^a-z0-9]+', '-', 'g'), '-'), 50), '-');");
            migrationBuilder.Sql("UPDATE \"Organizations\" SET \"Slug\" = 'organizzazione-' || left(replace(\"Id\"::text, '-', ''), 8) "
                + "WHERE length(\"Slug\") < 3 OR \"Slug\" IN ('admin', 'amministrazione', 'api', 'app', 'assistenza', 'cerchio', 'clienti', 'contatti', 'demo', 'embed', 'errore', 'help', 'login', 'modulo', 'new', 'nuova', 'organizzazioni', 'root', 'static', 'supporto', 'test', 'www');");
            migrationBuilder.Sql("UPDATE \"Organizations\" AS o SET \"Slug\" = rtrim(left(o.\"Slug\", 41), '-') || '-' || left(replace(o.\"Id\"::text, '-', ''), 8) "
                + "WHERE EXISTS (SELECT 1 FROM \"Organizations\" AS p WHERE p.\"Slug\" = o.\"Slug\" AND p.\"Id\" < o.\"Id\");");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OrganizationId_Channel_CreatedAt",
                table: "Cases",
                columns: new[] { "OrganizationId", "Channel", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OrganizationId_Channel_CreatedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Slug",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "SubmittedFrom",
                table: "Cases");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SubmittedFrom",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Existing organizations get the slug their name suggests (accents dropped, anything else a hyphen, as
            // OrganizationSlug.From does for new ones); a name that leaves other characters, too little or a reserved
            // word gets one from its id, and a slug already taken gets the id's first characters as a suffix.
            var slug = "lower(trim(\"Name\"))";
            foreach (var (from, to) in new[]
            {
                ("à", "a"), ("á", "a"), ("â", "a"), ("ä", "a"), ("è", "e"), ("é", "e"), ("ê", "e"), ("ë", "e"), ("ì", "i"), ("í", "i"), ("î", "i"),
                ("ï", "i"), ("ò", "o"), ("ó", "o"), ("ô", "o"), ("ö", "o"), ("ù", "u"), ("ú", "u"), ("û", "u"), ("ü", "u"), ("ç", "c"), ("ñ", "n"),
                ("À", "a"), ("Á", "a"), ("È", "e"), ("É", "e"), ("Ì", "i"), ("Ò", "o"), ("Ó", "o"), ("Ù", "u"), ("Ç", "c"),
                (" ", "-"), (".", "-"), (",", "-"), ("&", "-"), ("''", "-"), ("’", "-"), ("/", "-"), ("(", "-"), (")", "-"), ("+", "-"),
                ("_", "-"), (":", "-"), (";", "-"), ("\"", "-"), ("!", "-"), ("?", "-"), ("*", "-"), ("#", "-"), ("@", "-"),
            })
            {
                slug = $"replace({slug}, '{from}', '{to}')";
            }

            for (var i = 0; i < 6; i++)
            {
                slug = $"replace({slug}, '--', '-')";
            }

            migrationBuilder.Sql($"UPDATE \"Organizations\" SET \"Slug\" = trim(substr(trim({slug}, '-'), 1, 50), '-');");
            migrationBuilder.Sql("UPDATE \"Organizations\" SET \"Slug\" = 'organizzazione-' || lower(substr(replace(\"Id\", '-', ''), 1, 8)) "
                + "WHERE \"Slug\" GLOB '*[^a-z0-9-]*' OR length(\"Slug\") < 3 OR \"Slug\" IN ('admin', 'amministrazione', 'api', 'app', 'assistenza', 'cerchio', 'clienti', 'contatti', 'demo', 'embed', 'errore', 'help', 'login', 'modulo', 'new', 'nuova', 'organizzazioni', 'root', 'static', 'supporto', 'test', 'www');");
            migrationBuilder.Sql("UPDATE \"Organizations\" SET \"Slug\" = rtrim(substr(\"Slug\", 1, 41), '-') || '-' || lower(substr(replace(\"Id\", '-', ''), 1, 8)) "
                + "WHERE EXISTS (SELECT 1 FROM \"Organizations\" AS o WHERE o.\"Slug\" = \"Organizations\".\"Slug\" AND o.\"Id\" < \"Organizations\".\"Id\");");

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

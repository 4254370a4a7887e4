using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Postgres.Migrations
{
    /// <summary>
    /// Full-text search for the service desk (ADR 0010): a stored generated tsvector column with a GIN index on case
    /// subjects, case entries and customers, in the cerchio_italian configuration (Italian stemming over unaccent, so
    /// "perche" finds "perché"). The columns are not in the EF model: only the search's own SQL reads them.
    /// </summary>
    /// <remarks>
    /// A generated column blocks ALTER COLUMN TYPE on the columns it reads (Subject, Text, the customer's searched
    /// fields): a later migration changing one drops the column first and adds it again, as Up does here.
    /// </remarks>
    public partial class DeskSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION cerchio_italian (COPY = pg_catalog.italian);
                ALTER TEXT SEARCH CONFIGURATION cerchio_italian
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
                """);

            // '/', '@', '.', '_' and '-' split words as SQLite's tokenizer splits them: "CLI-1", "26/4711" and
            // "info@rossi.it" are found by their parts. '<' and '>' go too: the messages are plain text, and the parser
            // would take "<ciao a tutti>" for an HTML tag and drop its words. Adding a stored column fills it for every
            // existing row.
            migrationBuilder.Sql("""
                ALTER TABLE "Cases" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('cerchio_italian', translate("Subject", '/@._-<>', '       '))) STORED;
                CREATE INDEX "IX_Cases_SearchVector" ON "Cases" USING GIN ("SearchVector");

                ALTER TABLE "CaseEntries" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('cerchio_italian', translate("Text", '/@._-<>', '       '))) STORED;
                CREATE INDEX "IX_CaseEntries_SearchVector" ON "CaseEntries" USING GIN ("SearchVector");

                ALTER TABLE "Customers" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('cerchio_italian', translate(
                        coalesce("Name", '') || ' ' || coalesce("Email", '') || ' ' || coalesce("VatNumber", '') || ' ' || coalesce("City", '')
                        || ' ' || coalesce("ExternalId", '') || ' ' || coalesce("FiscalCode", ''),
                        '/@._-<>', '       '))) STORED;
                CREATE INDEX "IX_Customers_SearchVector" ON "Customers" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: something else in the database may have come to use it.
            migrationBuilder.Sql("""
                ALTER TABLE "Customers" DROP COLUMN IF EXISTS "SearchVector";
                ALTER TABLE "CaseEntries" DROP COLUMN IF EXISTS "SearchVector";
                ALTER TABLE "Cases" DROP COLUMN IF EXISTS "SearchVector";
                DROP TEXT SEARCH CONFIGURATION IF EXISTS cerchio_italian;
                """);
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cerchio.Data.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search for the service desk (ADR 0010): FTS5 indexes over case subjects, case entries and customers,
    /// external-content (the text stays in its own table once) and kept in step by triggers. The model does not change.
    /// </summary>
    /// <remarks>
    /// The indexes point at each table's implicit rowid. A later migration that rebuilds Cases, CaseEntries or Customers
    /// (EF's SQLite table rebuild) drops these triggers and renumbers the rowids: it must create the triggers again and
    /// 'rebuild' the index, as Up does here.
    /// </remarks>
    public partial class DeskSearch : Migration
    {
        // unicode61 with remove_diacritics 2: "perche" finds "perché". No Italian stemmer exists for FTS5; queries use
        // prefixes instead, and the 3-character prefix index keeps short prefixes cheap.
        private const string Options = "tokenize = 'unicode61 remove_diacritics 2', prefix = '3'";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "CasesSearch" USING fts5("Subject", content = 'Cases', content_rowid = 'rowid', {Options});

                CREATE TRIGGER "Cases_Search_Insert" AFTER INSERT ON "Cases" BEGIN
                    INSERT INTO "CasesSearch"(rowid, "Subject") VALUES (new.rowid, new."Subject");
                END;

                CREATE TRIGGER "Cases_Search_Delete" AFTER DELETE ON "Cases" BEGIN
                    INSERT INTO "CasesSearch"("CasesSearch", rowid, "Subject") VALUES ('delete', old.rowid, old."Subject");
                END;

                CREATE TRIGGER "Cases_Search_Update" AFTER UPDATE OF "Subject" ON "Cases" BEGIN
                    INSERT INTO "CasesSearch"("CasesSearch", rowid, "Subject") VALUES ('delete', old.rowid, old."Subject");
                    INSERT INTO "CasesSearch"(rowid, "Subject") VALUES (new.rowid, new."Subject");
                END;

                INSERT INTO "CasesSearch"("CasesSearch") VALUES ('rebuild');
                """);

            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "CaseEntriesSearch" USING fts5("Text", content = 'CaseEntries', content_rowid = 'rowid', {Options});

                CREATE TRIGGER "CaseEntries_Search_Insert" AFTER INSERT ON "CaseEntries" BEGIN
                    INSERT INTO "CaseEntriesSearch"(rowid, "Text") VALUES (new.rowid, new."Text");
                END;

                CREATE TRIGGER "CaseEntries_Search_Delete" AFTER DELETE ON "CaseEntries" BEGIN
                    INSERT INTO "CaseEntriesSearch"("CaseEntriesSearch", rowid, "Text") VALUES ('delete', old.rowid, old."Text");
                END;

                CREATE TRIGGER "CaseEntries_Search_Update" AFTER UPDATE OF "Text" ON "CaseEntries" BEGIN
                    INSERT INTO "CaseEntriesSearch"("CaseEntriesSearch", rowid, "Text") VALUES ('delete', old.rowid, old."Text");
                    INSERT INTO "CaseEntriesSearch"(rowid, "Text") VALUES (new.rowid, new."Text");
                END;

                INSERT INTO "CaseEntriesSearch"("CaseEntriesSearch") VALUES ('rebuild');
                """);

            // The columns a person searches a customer by: name, email, VAT number, city, their code, the fiscal code.
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "CustomersSearch" USING fts5(
                    "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode",
                    content = 'Customers', content_rowid = 'rowid', {Options});

                CREATE TRIGGER "Customers_Search_Insert" AFTER INSERT ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"(rowid, "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode")
                    VALUES (new.rowid, new."Name", new."Email", new."VatNumber", new."City", new."ExternalId", new."FiscalCode");
                END;

                CREATE TRIGGER "Customers_Search_Delete" AFTER DELETE ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"("CustomersSearch", rowid, "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode")
                    VALUES ('delete', old.rowid, old."Name", old."Email", old."VatNumber", old."City", old."ExternalId", old."FiscalCode");
                END;

                CREATE TRIGGER "Customers_Search_Update" AFTER UPDATE OF "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode" ON "Customers" BEGIN
                    INSERT INTO "CustomersSearch"("CustomersSearch", rowid, "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode")
                    VALUES ('delete', old.rowid, old."Name", old."Email", old."VatNumber", old."City", old."ExternalId", old."FiscalCode");
                    INSERT INTO "CustomersSearch"(rowid, "Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode")
                    VALUES (new.rowid, new."Name", new."Email", new."VatNumber", new."City", new."ExternalId", new."FiscalCode");
                END;

                INSERT INTO "CustomersSearch"("CustomersSearch") VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Customers_Search_Update";
                DROP TRIGGER IF EXISTS "Customers_Search_Delete";
                DROP TRIGGER IF EXISTS "Customers_Search_Insert";
                DROP TABLE IF EXISTS "CustomersSearch";
                DROP TRIGGER IF EXISTS "CaseEntries_Search_Update";
                DROP TRIGGER IF EXISTS "CaseEntries_Search_Delete";
                DROP TRIGGER IF EXISTS "CaseEntries_Search_Insert";
                DROP TABLE IF EXISTS "CaseEntriesSearch";
                DROP TRIGGER IF EXISTS "Cases_Search_Update";
                DROP TRIGGER IF EXISTS "Cases_Search_Delete";
                DROP TRIGGER IF EXISTS "Cases_Search_Insert";
                DROP TABLE IF EXISTS "CasesSearch";
                """);
        }
    }
}

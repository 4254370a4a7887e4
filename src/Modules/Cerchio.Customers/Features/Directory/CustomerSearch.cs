using System.Data.Common;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Data.Search;

namespace Cerchio.Customers.Features.Directory;

/// <summary>
/// Customers by full-text search: FTS5 "CustomersSearch" on SQLite, the generated "SearchVector" column on PostgreSQL
/// (both made by the DeskSearch migration; ADR 0010). Raw SQL, so the organization is filtered here by hand.
/// </summary>
internal sealed class CustomerSearch(CerchioDb db)
{
    /// <summary>The fields the snippet shows, in the order of the FTS5 table's columns.</summary>
    private static readonly string[] Fields = ["Name", "Email", "VatNumber", "City", "ExternalId", "FiscalCode"];

    // What CustomerSummary shows, read with the hit: a second query by id through EF's organization filter let SQLite
    // walk the organization's index instead of the primary key.
    private const string Summary = "c.\"Name\", c.\"Kind\", c.\"Email\", c.\"Phone\", c.\"City\", c.\"ExternalId\"";

    // The best rows first, then their highlighted fields: snippets are made for the rows shown, not for every match.
    // bm25 weights: the name counts most, then the identifiers, then the city. "+" keeps SQLite's planner off the
    // OrganizationId index, so the MATCH drives instead of one FTS5 probe per customer.
    private static readonly string Sqlite = $"""
        WITH "Top" AS MATERIALIZED (
            SELECT c.rowid AS "Row", c."Id" AS "Id", bm25("CustomersSearch", 10.0, 5.0, 5.0, 2.0, 5.0, 5.0) AS "Rank"
            FROM "CustomersSearch"
            JOIN "Customers" AS c ON c.rowid = "CustomersSearch".rowid
            WHERE "CustomersSearch" MATCH @q AND +c."OrganizationId" = @org AND c."MergedIntoId" IS NULL
            ORDER BY "Rank", c.rowid
            LIMIT @take)
        SELECT "Top"."Id", -"Top"."Rank", {Summary},
            {string.Join(",\n    ", Fields.Select((_, i) => $"""(SELECT highlight("CustomersSearch", {i}, @open, @close) FROM "CustomersSearch" WHERE "CustomersSearch" MATCH @q AND "CustomersSearch".rowid = "Top"."Row")"""))}
        FROM "Top"
        JOIN "Customers" AS c ON c.rowid = "Top"."Row"
        ORDER BY "Top"."Rank", "Top"."Row"
        """;

    private static readonly string Postgres = $"""
        WITH "Query" AS (SELECT to_tsquery('{SearchText.PostgresConfiguration}', @q) AS q, to_tsquery('{SearchText.PostgresConfiguration}', @words) AS hl),
        "Top" AS (
            SELECT c."Id", ts_rank(c."SearchVector", "Query".q) AS "Score"
            FROM "Customers" AS c CROSS JOIN "Query"
            WHERE c."SearchVector" @@ "Query".q AND c."OrganizationId" = @org AND c."MergedIntoId" IS NULL
            ORDER BY "Score" DESC, c."Id"
            LIMIT @take)
        SELECT "Top"."Id", "Top"."Score", {Summary},
            {string.Join(",\n    ", Fields.Select(f => $"""ts_headline('{SearchText.PostgresConfiguration}', c."{f}", "Query".hl, @whole)"""))}
        FROM "Top" JOIN "Customers" AS c ON c."Id" = "Top"."Id" CROSS JOIN "Query"
        ORDER BY "Top"."Score" DESC, "Top"."Id"
        """;

    public async Task<IReadOnlyList<CustomerSearchHit>> SearchAsync(string text, int take, CancellationToken ct)
    {
        var search = SearchText.Parse(text);
        if (search.IsEmpty)
        {
            return [];
        }

        var parameters = new Dictionary<string, object?>
        {
            ["org"] = db.CurrentOrganizationId,
            ["take"] = Math.Clamp(take, 1, 100),
            ["q"] = db.IsSqlite ? search.ToFts5Match() : search.ToTsQuery(),
        };
        if (db.IsSqlite)
        {
            parameters["open"] = Highlight.Open;
            parameters["close"] = Highlight.Close;
        }
        else
        {
            parameters["words"] = search.ToTsQueryAny();
            parameters["whole"] = $"HighlightAll=true, StartSel=\"{Highlight.Open}\", StopSel=\"{Highlight.Close}\"";
        }

        return await db.ReadAsync(db.IsSqlite ? Sqlite : Postgres, parameters, Read, ct);
    }

    private static CustomerSearchHit Read(DbDataReader reader)
    {
        var customer = new CustomerSummary(
            reader.GetGuidValue(0), reader.GetString(2), reader.GetInt32Value(3) == (int)CustomerKind.Company,
            reader.GetNullableString(4), reader.GetNullableString(5), reader.GetNullableString(6), reader.GetNullableString(7));
        var fields = Enumerable.Range(8, Fields.Length)
            .Select(reader.GetNullableString)
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(Highlight.ToHtml);
        return new CustomerSearchHit(customer, string.Join(" · ", fields), Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }
}

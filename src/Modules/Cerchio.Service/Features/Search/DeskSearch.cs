using System.Data.Common;
using System.Globalization;
using System.Text;
using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Search;
using Cerchio.Service.Domain;
using Cerchio.Text;

namespace Cerchio.Service.Features.Search;

/// <summary>What narrows a search: the cases' status (any of them; none given, all), and a range of days in Italy.</summary>
/// <remarks>The days are when a case was opened, or when a message was written; customers are not narrowed.</remarks>
internal sealed record DeskSearchFilter(IReadOnlyList<CaseStatus> Statuses, DateOnly? From, DateOnly? To)
{
    public static readonly DeskSearchFilter None = new([], null, null);
}

/// <summary>A case whose subject or messages match; its snippet is the subject, highlighted where it matched.</summary>
internal sealed record CaseHit(
    Guid Id, int Number, string Subject, CaseStatus Status, DateTimeOffset CreatedAt, int MatchingMessages, string SnippetHtml, double Score);

/// <summary>One message or note that matches, with the case it belongs to.</summary>
internal sealed record MessageHit(
    Guid Id, Guid CaseId, int CaseNumber, string CaseSubject, CaseStatus CaseStatus, CaseEntryKind Kind, DateTimeOffset At,
    string? AuthorName, string SnippetHtml, double Score);

internal sealed record DeskSearchResults(IReadOnlyList<CaseHit> Cases, IReadOnlyList<MessageHit> Messages, IReadOnlyList<CustomerSearchHit> Customers)
{
    public static readonly DeskSearchResults Empty = new([], [], []);

    public bool IsEmpty => Cases.Count == 0 && Messages.Count == 0 && Customers.Count == 0;
}

/// <summary>
/// The service desk's search: cases (subject and messages together), messages, and customers (through the Customers
/// module's directory), each ranked by the database's own full-text engine — FTS5 bm25() on SQLite, ts_rank() on
/// PostgreSQL — with highlighted, HTML-encoded snippets. See ADR 0010 for the indexes and the trade-offs.
/// </summary>
/// <remarks>
/// The SQL is written by hand, so it filters by organization itself. Nothing typed reaches it but through
/// <see cref="SearchText"/> (plain words, quoted) and parameters; the status filter is a list of enum numbers.
/// </remarks>
internal sealed class DeskSearch(CerchioDb db, ICustomerDirectory customers, TimeProvider clock)
{
    public const int PerKind = 20;

    /// <summary>
    /// SQLite: how many of the organization's newest matches are ranked, per list. bm25 costs about 5 µs a match (a word
    /// in a tenth of 100,000 messages: 50 ms for its top 20), while FTS5 streams a match newest first without ranking
    /// it. A rarer word ranks all its matches as before. PostgreSQL searches by periods instead (<see cref="Periods"/>).
    /// </summary>
    internal const int RankedWindow = 1000;

    /// <summary>
    /// PostgreSQL, for words with at least <see cref="RankedWindow"/> matches: the periods searched, newest first, each
    /// only when the one before found fewer results than asked; the last is all time. The GIN index gives matches in no order, and ranking one fetches its row: a word in a tenth
    /// of a million messages cost a second. Within a period, PostgreSQL ANDs the GIN matches with a range of the
    /// (OrganizationId, At) index and ranks only those (ADR 0010).
    /// </summary>
    internal static readonly TimeSpan?[] Periods = [TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(365), null];

    /// <summary>What people wrote or said. Status changes and assignments are the case's history, not its words.</summary>
    internal static readonly CaseEntryKind[] SearchedKinds =
    [
        CaseEntryKind.CustomerMessage, CaseEntryKind.Reply, CaseEntryKind.Note, CaseEntryKind.ConversationNote,
        CaseEntryKind.HandOffRequested, CaseEntryKind.HandOffAnswered,
    ];

    private static readonly string Kinds = string.Join(", ", SearchedKinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));
    private static readonly string Config = SearchText.PostgresConfiguration;

    private readonly Dictionary<string, bool> _common = [];

    // A subject match weighs twice a message match; a case's score adds up all of its matches.
    private const double SubjectWeight = 2.0;

    public async Task<DeskSearchResults> SearchAsync(string? text, DeskSearchFilter filter, int take = PerKind, CancellationToken ct = default)
    {
        var search = SearchText.Parse(text);
        if (search.IsEmpty)
        {
            return DeskSearchResults.Empty;
        }

        take = Math.Clamp(take, 1, 50);
        var cases = await CasesAsync(search, filter, take, ct);
        var messages = await MessagesAsync(search, filter, take, ct);
        var found = await customers.SearchFullTextAsync(text!, take, ct);
        return new DeskSearchResults(cases, messages, found);
    }

    /// <summary>The few best cases and customers, for results shown as the person types (no messages: their cases are there).</summary>
    public async Task<DeskSearchResults> PreviewAsync(string? text, int take, CancellationToken ct = default)
    {
        var search = SearchText.Parse(text);
        if (search.IsEmpty)
        {
            return DeskSearchResults.Empty;
        }

        take = Math.Clamp(take, 1, 10);
        var cases = await CasesAsync(search, DeskSearchFilter.None, take, ct);
        var found = await customers.SearchFullTextAsync(text!, take, ct);
        return new DeskSearchResults(cases, [], found);
    }

    private async Task<IReadOnlyList<CaseHit>> CasesAsync(SearchText search, DeskSearchFilter filter, int take, CancellationToken ct)
    {
        var parameters = Parameters(search, take);
        var where = Filters(filter, "c.\"CreatedAt\"", parameters);
        // A message's own organization and case are on its row; the case is joined only when the filter asks about it
        // (on SQLite that join doubled the time of a common word).
        var cases = filter.Statuses.Count > 0 || filter.From > DateOnly.MinValue || filter.To < DateOnly.MaxValue ? """JOIN "Cases" AS c ON c."Id" = e."CaseId" """ : "";
        // On SQLite "+" keeps the planner off the OrganizationId index: walking every row of the organization and
        // probing FTS5 once per row took seconds on 200,000 messages; the MATCH must drive.
        var sql = db.IsSqlite
            ? $"""
                WITH "Hits" AS (
                    SELECT * FROM (
                        SELECT c."Id" AS "CaseId", -{SubjectWeight.ToString(CultureInfo.InvariantCulture)} * bm25("CasesSearch") AS "Score", 0 AS "Messages"
                        FROM "CasesSearch"
                        JOIN "Cases" AS c ON c.rowid = "CasesSearch".rowid
                        WHERE "CasesSearch" MATCH @q AND +c."OrganizationId" = @org{where}
                        ORDER BY "CasesSearch".rowid DESC
                        LIMIT @window)
                    UNION ALL
                    SELECT * FROM (
                        SELECT e."CaseId", -bm25("CaseEntriesSearch"), 1
                        FROM "CaseEntriesSearch"
                        JOIN "CaseEntries" AS e ON e.rowid = "CaseEntriesSearch".rowid
                        {cases}
                        WHERE "CaseEntriesSearch" MATCH @q AND +e."OrganizationId" = @org AND e."Kind" IN ({Kinds}){where}
                        ORDER BY "CaseEntriesSearch".rowid DESC
                        LIMIT @window)),
                "Top" AS MATERIALIZED (
                    SELECT "CaseId", SUM("Score") AS "Total", SUM("Messages") AS "Matching"
                    FROM "Hits"
                    GROUP BY "CaseId"
                    ORDER BY 2 DESC, 1
                    LIMIT @take),
                "Rows" AS MATERIALIZED (SELECT c.rowid AS "Row" FROM "Top" JOIN "Cases" AS c ON c."Id" = "Top"."CaseId"),
                {Marked("CasesSearch", "highlight(\"CasesSearch\", 0, @open, @close)", "Rows")}
                SELECT "Top"."CaseId", "Top"."Total", "Top"."Matching", m."Marked", c."Number", c."Subject", c."Status", c."CreatedAt"
                FROM "Top"
                JOIN "Cases" AS c ON c."Id" = "Top"."CaseId"
                LEFT JOIN "Marked" AS m ON m."Row" = c.rowid
                ORDER BY "Top"."Total" DESC, c."Number" DESC
                """
            : $"""
                WITH "Query" AS (SELECT to_tsquery('{Config}', @q) AS q, to_tsquery('{Config}', @words) AS hl),
                "Hits" AS (
                    SELECT c."Id" AS "CaseId", {SubjectWeight.ToString(CultureInfo.InvariantCulture)} * ts_rank(c."SearchVector", "Query".q) AS "Score", 0 AS "Messages"
                    FROM "Cases" AS c CROSS JOIN "Query"
                    WHERE c."SearchVector" @@ "Query".q AND c."OrganizationId" = @org{where}{Since("c.\"CreatedAt\"")}
                    UNION ALL
                    SELECT e."CaseId", ts_rank(e."SearchVector", "Query".q), 1
                    FROM "CaseEntries" AS e
                    {cases}
                    CROSS JOIN "Query"
                    WHERE e."SearchVector" @@ "Query".q AND e."OrganizationId" = @org AND e."Kind" IN ({Kinds}){where}{Since("e.\"At\"")}),
                "Top" AS (
                    SELECT "CaseId", SUM("Score") AS "Total", SUM("Messages") AS "Matching"
                    FROM "Hits"
                    GROUP BY "CaseId"
                    ORDER BY 2 DESC, 1
                    LIMIT @take)
                SELECT "Top"."CaseId", "Top"."Total", "Top"."Matching",
                    CASE WHEN c."SearchVector" @@ "Query".q THEN ts_headline('{Config}', c."Subject", "Query".hl, @whole) END,
                    c."Number", c."Subject", c."Status", c."CreatedAt"
                FROM "Top"
                JOIN "Cases" AS c ON c."Id" = "Top"."CaseId"
                CROSS JOIN "Query"
                ORDER BY "Top"."Total" DESC, c."Number" DESC
                """;

        // The case's fields come with the hit: a second query by id through EF's organization filter let SQLite walk
        // the organization's index instead of the primary key (80 ms for 20 rows at 200,000 messages).
        return await ByPeriodAsync(sql, parameters, take, r =>
        {
            var subject = r.GetString(5);
            var snippet = r.GetNullableString(3) is { } marked ? Highlight.ToHtml(marked) : Highlight.Encode(subject);
            return new CaseHit(r.GetGuidValue(0), r.GetInt32Value(4), subject, (CaseStatus)r.GetInt32Value(6), r.GetTimeValue(7),
                (int)Number(r, 2), snippet, Number(r, 1));
        }, ct);
    }

    private async Task<IReadOnlyList<MessageHit>> MessagesAsync(SearchText search, DeskSearchFilter filter, int take, CancellationToken ct)
    {
        var parameters = Parameters(search, take);
        var where = Filters(filter, "e.\"At\"", parameters);
        var cases = filter.Statuses.Count > 0 ? """JOIN "Cases" AS c ON c."Id" = e."CaseId" """ : "";
        var sql = db.IsSqlite
            ? $"""
                WITH "Window" AS MATERIALIZED (
                    SELECT e.rowid AS "Row", e."Id" AS "Id", bm25("CaseEntriesSearch") AS "Rank"
                    FROM "CaseEntriesSearch"
                    JOIN "CaseEntries" AS e ON e.rowid = "CaseEntriesSearch".rowid
                    {cases}
                    WHERE "CaseEntriesSearch" MATCH @q AND +e."OrganizationId" = @org AND e."Kind" IN ({Kinds}){where}
                    ORDER BY "CaseEntriesSearch".rowid DESC
                    LIMIT @window),
                "Top" AS MATERIALIZED (
                    SELECT * FROM "Window"
                    ORDER BY "Rank", "Row" DESC
                    LIMIT @take),
                {Marked("CaseEntriesSearch", "snippet(\"CaseEntriesSearch\", 0, @open, @close, '…', 24)", "Top")}
                SELECT "Top"."Id", -"Top"."Rank", m."Marked", e."CaseId", e."Kind", e."At", e."AuthorName", c."Number", c."Subject", c."Status"
                FROM "Top"
                JOIN "Marked" AS m ON m."Row" = "Top"."Row"
                JOIN "CaseEntries" AS e ON e.rowid = "Top"."Row"
                JOIN "Cases" AS c ON c."Id" = e."CaseId"
                ORDER BY "Top"."Rank", "Top"."Row" DESC
                """
            : $"""
                WITH "Query" AS (SELECT to_tsquery('{Config}', @q) AS q, to_tsquery('{Config}', @words) AS hl),
                "Top" AS (
                    SELECT e."Id", e."At", ts_rank(e."SearchVector", "Query".q) AS "Score"
                    FROM "CaseEntries" AS e
                    {cases}
                    CROSS JOIN "Query"
                    WHERE e."SearchVector" @@ "Query".q AND e."OrganizationId" = @org AND e."Kind" IN ({Kinds}){where}{Since("e.\"At\"")}
                    ORDER BY 3 DESC, 2 DESC
                    LIMIT @take)
                SELECT "Top"."Id", "Top"."Score", ts_headline('{Config}', e."Text", "Query".hl, @fragments),
                    e."CaseId", e."Kind", e."At", e."AuthorName", c."Number", c."Subject", c."Status"
                FROM "Top"
                JOIN "CaseEntries" AS e ON e."Id" = "Top"."Id"
                JOIN "Cases" AS c ON c."Id" = e."CaseId"
                CROSS JOIN "Query"
                ORDER BY "Top"."Score" DESC, "Top"."At" DESC
                """;

        return await ByPeriodAsync(sql, parameters, take, r => new MessageHit(
            r.GetGuidValue(0), r.GetGuidValue(3), r.GetInt32Value(7), r.GetString(8), (CaseStatus)r.GetInt32Value(9),
            (CaseEntryKind)r.GetInt32Value(4), r.GetTimeValue(5), r.GetNullableString(6), Highlight.ToHtml(r.GetNullableString(2)), Number(r, 1)), ct);
    }

    /// <summary>PostgreSQL: the period's condition on the given time column (none on SQLite, nor for all time).</summary>
    private string Since(string column) => db.IsSqlite ? "" : $" AND (CAST(@since AS timestamptz) IS NULL OR {column} >= @since)";

    /// <summary>
    /// SQLite: the query as it is. PostgreSQL: a word with fewer matches than <see cref="RankedWindow"/> in all is
    /// ranked whole at once, as SQLite does; a commoner one per period, newest first, until one finds as many as asked.
    /// </summary>
    private async Task<IReadOnlyList<T>> ByPeriodAsync<T>(string sql, Dictionary<string, object?> parameters, int take, Func<DbDataReader, T> read, CancellationToken ct)
    {
        if (db.IsSqlite)
        {
            return await db.ReadAsync(sql, parameters, read, ct);
        }

        var now = clock.GetUtcNow();
        IReadOnlyList<T> found = [];
        foreach (var period in await IsCommonAsync(parameters, ct) ? Periods : [null])
        {
            parameters["since"] = period is { } length ? now - length : null;
            found = await db.ReadAsync(sql, parameters, read, ct);
            if (found.Count >= take)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// PostgreSQL: whether the words match at least <see cref="RankedWindow"/> of the organization's messages, counted
    /// no further than that (the scan stops there); asked once per search.
    /// </summary>
    private async Task<bool> IsCommonAsync(Dictionary<string, object?> parameters, CancellationToken ct)
    {
        var q = (string)parameters["q"]!;
        if (!_common.TryGetValue(q, out var common))
        {
            var counted = await db.ReadAsync($"""
                SELECT count(*) FROM (
                    SELECT 1 FROM "CaseEntries" AS e
                    WHERE e."SearchVector" @@ to_tsquery('{Config}', @q) AND e."OrganizationId" = @org AND e."Kind" IN ({Kinds})
                    LIMIT {RankedWindow.ToString(CultureInfo.InvariantCulture)}) AS "Some"
                """, new Dictionary<string, object?> { ["q"] = q, ["org"] = parameters["org"] }, r => Number(r, 0), ct);
            _common[q] = common = counted[0] >= RankedWindow;
        }

        return common;
    }

    /// <summary>
    /// SQLite: the snippets or highlights of the chosen rows (a CTE "Marked" of "Row" and "Marked"), from one scan of the
    /// match from the lowest chosen row up. A lookup per row (MATCH and rowid = …, or rowid IN …) merges a prefix's whole
    /// list of matches again for each row: 20 snippets of a common word cost 80 ms of the 85 at 100,000 messages.
    /// </summary>
    private static string Marked(string index, string function, string rows) => $"""
        "Marked" AS MATERIALIZED (
            SELECT rowid AS "Row", {function} AS "Marked"
            FROM "{index}"
            WHERE "{index}" MATCH @q AND rowid >= (SELECT min("Row") FROM "{rows}") AND +rowid IN (SELECT "Row" FROM "{rows}"))
        """;

    private Dictionary<string, object?> Parameters(SearchText search, int take)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["org"] = db.CurrentOrganizationId,
            ["take"] = take,
            ["q"] = db.IsSqlite ? search.ToFts5Match() : search.ToTsQuery(),
        };
        if (db.IsSqlite)
        {
            parameters["window"] = RankedWindow;
            parameters["open"] = Highlight.Open;
            parameters["close"] = Highlight.Close;
        }
        else
        {
            parameters["words"] = search.ToTsQueryAny();
            var markers = $"StartSel=\"{Highlight.Open}\", StopSel=\"{Highlight.Close}\"";
            parameters["whole"] = $"HighlightAll=true, {markers}";
            parameters["fragments"] = Highlight.PostgresFragments;
        }

        return parameters;
    }

    /// <summary>The filter as SQL over the case "c" and the given date column; values go in as parameters or enum numbers.</summary>
    private static string Filters(DeskSearchFilter filter, string dateColumn, Dictionary<string, object?> parameters)
    {
        var sql = new StringBuilder();
        if (filter.Statuses.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND c.\"Status\" IN ({string.Join(", ", filter.Statuses.Distinct().Select(s => (int)s))})");
        }

        // The calendar's first and last days bound nothing: no condition, and no extreme instant sent to the database.
        if (filter.From is { } from && from > DateOnly.MinValue)
        {
            parameters["from"] = Times.StartOfDay(from);
            sql.Append(CultureInfo.InvariantCulture, $" AND {dateColumn} >= @from");
        }

        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            parameters["to"] = Times.EndOfDay(to);
            sql.Append(CultureInfo.InvariantCulture, $" AND {dateColumn} < @to");
        }

        return sql.ToString();
    }

    private static double Number(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Cerchio.Ui.Import;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Feedback.Features.Import;

/// <summary>The columns an answers file may have: Italian headers, English accepted too.</summary>
internal enum AnswerColumn
{
    Date,
    Score,
    Comment,
    Email,
    Customer,
    Touchpoint,
    Channel,
    Language,
}

/// <summary>A refused row: its number as Excel shows it, the column at fault (its Italian name) and why.</summary>
internal sealed record AnswerRowError(int Row, string Column, ErrorMessage Message);

/// <summary>A row as it will be stored, shown in the preview.</summary>
internal sealed record ImportedRow(
    int Row, DateTimeOffset AnsweredAt, int Score, string? Comment, string? Email, CustomerSummary? Customer, string? TouchpointCode, string Channel, string Language, string Key);

/// <summary>What a file holds for a survey: the rows to store, those already imported, those refused.</summary>
internal sealed record AnswerImportCheck(int Rows, IReadOnlyList<ImportedRow> Valid, int AlreadyImported, IReadOnlyList<AnswerRowError> Errors, int InvalidRows)
{
    /// <summary>The valid rows not imported before: what a confirmation stores.</summary>
    public IReadOnlyList<ImportedRow> New { get; init; } = [];
}

/// <summary>The outcome of a confirmed import.</summary>
internal sealed record AnswerImportOutcome(AnswerImportCheck Check, int Imported, int Skipped);

/// <summary>
/// Imports past answers (a paper survey typed into a spreadsheet) into a survey's current version. The file is read by
/// the shared <see cref="SheetReader"/>; each row is checked on its own, so a bad row never stops the good ones. Every
/// stored answer publishes <see cref="Contracts.SurveyAnswered"/> like one given on the page: its comment is analysed,
/// it reaches the customer's timeline and the loop rules see it (which open none for answers older than
/// <see cref="Loops.Loops.MaxAnswerAge"/>). A row's key is the hash of the survey and its values, so a file imported
/// again adds nothing.
/// </summary>
internal sealed class AnswerImporter(CerchioDb db, ICustomerDirectory customers, ITouchpointCatalog touchpoints, IOrganizationTimeZone zone, TimeProvider clock)
{
    /// <summary>Answers per file: a year of paper surveys fits, and the preview form carries the checked rows back.</summary>
    public const int MaxRows = 10_000;
    private const int BatchSize = 500;
    private const int MaxNameLookups = 1_000;

    public const string NotPublished = "Il sondaggio non è mai stato pubblicato: pubblicalo prima di importare le risposte.";
    public const string MissingColumns = "Mancano le colonne obbligatorie: {0}. La prima riga deve contenere i nomi delle colonne (data, punteggio, commento, email, cliente, touchpoint, canale, lingua).";
    public const string TooManyRows = "Il file ha troppe righe: al massimo 10.000 risposte per importazione. Dividilo in più file.";

    /// <summary>The Italian name of each column, as errors and the page name it.</summary>
    public static string NameOf(AnswerColumn column) => column switch
    {
        AnswerColumn.Date => "data",
        AnswerColumn.Score => "punteggio",
        AnswerColumn.Comment => "commento",
        AnswerColumn.Email => "email",
        AnswerColumn.Customer => "cliente",
        AnswerColumn.Touchpoint => "touchpoint",
        AnswerColumn.Channel => "canale",
        _ => "lingua",
    };

    private static readonly Dictionary<string, AnswerColumn> Headers = new()
    {
        ["data"] = AnswerColumn.Date, ["date"] = AnswerColumn.Date, ["datarisposta"] = AnswerColumn.Date, ["answeredat"] = AnswerColumn.Date,
        ["punteggio"] = AnswerColumn.Score, ["score"] = AnswerColumn.Score, ["voto"] = AnswerColumn.Score,
        ["commento"] = AnswerColumn.Comment, ["comment"] = AnswerColumn.Comment,
        ["email"] = AnswerColumn.Email, ["mail"] = AnswerColumn.Email,
        ["cliente"] = AnswerColumn.Customer, ["customer"] = AnswerColumn.Customer,
        ["touchpoint"] = AnswerColumn.Touchpoint,
        ["canale"] = AnswerColumn.Channel, ["channel"] = AnswerColumn.Channel,
        ["lingua"] = AnswerColumn.Language, ["language"] = AnswerColumn.Language,
    };

    private static readonly string[] DateFormats =
    [
        "d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d-M-yyyy", "d.M.yyyy",
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    /// <summary>The survey's state for an import: null when answers can be imported into it, else why not.</summary>
    public static string? Refusal(Survey survey) => survey.CurrentVersionId is null ? NotPublished : null;

    /// <summary>Which column of the file holds what; the error when a required one is missing.</summary>
    public static (Dictionary<AnswerColumn, int> Columns, ErrorMessage? Error) Map(IReadOnlyList<string> headers)
    {
        var columns = new Dictionary<AnswerColumn, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (Headers.TryGetValue(Key(headers[i]), out var column))
            {
                columns.TryAdd(column, i);
            }
        }

        var missing = new[] { AnswerColumn.Date, AnswerColumn.Score }.Where(c => !columns.ContainsKey(c)).Select(NameOf).ToList();
        return (columns, missing.Count > 0 ? new ErrorMessage(MissingColumns, [string.Join(", ", missing)]) : null);
    }

    /// <summary>Checks every row against the survey, the customers and the touchpoints; stores nothing.</summary>
    public async Task<(AnswerImportCheck? Check, ErrorMessage? Error)> CheckAsync(Survey survey, SheetTable table, CancellationToken ct = default)
    {
        var (columns, missing) = Map(table.Headers);
        if (missing is not null)
        {
            return (null, missing);
        }

        if (table.Rows.Count > MaxRows)
        {
            return (null, new ErrorMessage(TooManyRows, []));
        }

        string? Cell(SheetRow row, AnswerColumn column) => columns.TryGetValue(column, out var i) ? row[i] : null;

        var catalog = (await touchpoints.ListAsync(ct)).ToDictionary(t => t.Code, t => t.Code, StringComparer.OrdinalIgnoreCase);
        var byEmail = await customers.FindByEmailsAsync(table.Rows.Select(r => Cell(r, AnswerColumn.Email)).OfType<string>(), ct);
        var byName = await CustomersByNameAsync(table.Rows.Where(r => Cell(r, AnswerColumn.Email) is null).Select(r => Cell(r, AnswerColumn.Customer)).OfType<string>(), ct);
        var timeZone = await zone.GetAsync(ct);
        var now = clock.GetUtcNow();
        var (min, max) = survey.Scale;

        var valid = new List<ImportedRow>();
        var errors = new List<AnswerRowError>();
        var invalid = 0;
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var rowErrors = new List<AnswerRowError>();
            void Refuse(AnswerColumn column, string text, params object[] args) => rowErrors.Add(new AnswerRowError(row.Number, NameOf(column), new ErrorMessage(text, args)));

            foreach (var column in columns.Keys)
            {
                if (TextRules.Problem(Cell(row, column)) is { } problem)
                {
                    Refuse(column, problem.Text, problem.Args);
                }
            }

            var dateText = Cell(row, AnswerColumn.Date);
            DateTimeOffset? answeredAt = null;
            if (dateText is null)
            {
                Refuse(AnswerColumn.Date, "Manca la data della risposta.");
            }
            else if (ParseDate(dateText, timeZone) is not { } parsed)
            {
                Refuse(AnswerColumn.Date, "Data non valida («{0}»): scrivi gg/mm/aaaa, con l'ora se vuoi (gg/mm/aaaa hh:mm), oppure aaaa-mm-gg.", Short(dateText));
            }
            else if (parsed > now.AddDays(1))
            {
                Refuse(AnswerColumn.Date, "La data {0} è nel futuro.", Short(dateText));
            }
            else
            {
                answeredAt = parsed;
            }

            var scoreText = Cell(row, AnswerColumn.Score);
            int? score = null;
            if (scoreText is null)
            {
                Refuse(AnswerColumn.Score, "Manca il punteggio.");
            }
            else if (!int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) || s < min || s > max)
            {
                Refuse(AnswerColumn.Score, "Punteggio non valido («{0}»): un numero intero da {1} a {2}.", Short(scoreText), min, max);
            }
            else
            {
                score = s;
            }

            var comment = Cell(row, AnswerColumn.Comment);
            if (comment is { Length: > SurveyResponse.MaxComment })
            {
                Refuse(AnswerColumn.Comment, "Il commento è troppo lungo ({0} caratteri): al massimo {1}.", comment.Length, SurveyResponse.MaxComment);
            }

            var email = Cell(row, AnswerColumn.Email)?.ToLowerInvariant();
            if (email is not null && (email.Length > SurveyInvitation.MaxEmail || !email.Contains('@', StringComparison.Ordinal)))
            {
                Refuse(AnswerColumn.Email, "Email non valida («{0}»).", Short(email));
            }

            var customer = email is not null ? byEmail.GetValueOrDefault(email)
                : Cell(row, AnswerColumn.Customer) is { } name ? byName.GetValueOrDefault(name.ToUpperInvariant()) : null;

            var touchpoint = survey.TouchpointCode;
            if (Cell(row, AnswerColumn.Touchpoint) is { } code)
            {
                if (catalog.TryGetValue(code, out var known))
                {
                    touchpoint = known;
                }
                else
                {
                    Refuse(AnswerColumn.Touchpoint, "Touchpoint sconosciuto: «{0}». Usa il codice di un touchpoint del catalogo.", Short(code));
                }
            }

            var channel = SurveyChannels.Imported;
            if (Cell(row, AnswerColumn.Channel) is { } tag)
            {
                channel = tag.ToLowerInvariant();
                if (channel.Length > SurveyChannels.MaxLength || channel.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-'))
                {
                    Refuse(AnswerColumn.Channel, "Canale non valido («{0}»): lettere minuscole, cifre e trattini, al massimo {1}.", Short(tag), SurveyChannels.MaxLength);
                }
            }

            var language = "it";
            if (Cell(row, AnswerColumn.Language) is { } lang)
            {
                if (LanguageOf(lang) is { } known)
                {
                    language = known;
                }
                else
                {
                    Refuse(AnswerColumn.Language, "Lingua non valida («{0}»): it o en.", Short(lang));
                }
            }

            if (rowErrors.Count > 0)
            {
                invalid++;
                errors.AddRange(rowErrors);
                continue;
            }

            var key = KeyOf(survey.Id, answeredAt!.Value, score!.Value, comment, email, Cell(row, AnswerColumn.Customer), touchpoint, channel, language);
            valid.Add(new ImportedRow(row.Number, answeredAt.Value, score.Value, comment, email, customer, touchpoint, channel, language, key));
        }

        // Already imported (an earlier import of the file) or repeated within it: skipped, never stored twice.
        var keys = valid.Select(v => v.Key).Distinct().ToList();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            stored.UnionWith(await db.Set<SurveyResponse>().Where(r => r.SurveyId == survey.Id && r.ImportKey != null && chunk.Contains(r.ImportKey))
                .Select(r => r.ImportKey!).ToListAsync(ct));
        }

        var seen = new HashSet<string>(stored, StringComparer.Ordinal);
        var fresh = valid.Where(v => seen.Add(v.Key)).ToList();
        return (new AnswerImportCheck(table.Rows.Count, valid, valid.Count - fresh.Count, errors, invalid) { New = fresh }, null);
    }

    /// <summary>Stores the new valid rows as answers to the survey's current version, in batches, each with its module event.</summary>
    public async Task<AnswerImportOutcome> ImportAsync(Survey survey, AnswerImportCheck check, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var imported = 0;
        foreach (var batch in check.New.Chunk(BatchSize))
        {
            foreach (var row in batch)
            {
                Add(survey, row, now);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                imported += batch.Length;
            }
            catch (DbUpdateException)
            {
                // Another import of the same file stored some of these meanwhile: store the rest one by one.
                db.ChangeTracker.Clear();
                imported += await StoreOneByOneAsync(survey, batch, now, ct);
            }
        }

        return new AnswerImportOutcome(check, imported, check.AlreadyImported + check.New.Count - imported);
    }

    private void Add(Survey survey, ImportedRow row, DateTimeOffset now)
    {
        var answer = new SurveyResponse
        {
            Id = Ids.New(), SurveyId = survey.Id, VersionId = survey.CurrentVersionId!.Value, CustomerId = row.Customer?.Id,
            TouchpointCode = row.TouchpointCode, Channel = row.Channel, Language = row.Language, Score = row.Score, Comment = row.Comment,
            StartedAt = row.AnsweredAt, AnsweredAt = row.AnsweredAt, SubmittedAt = row.AnsweredAt, UpdatedAt = now, ImportKey = row.Key,
        };
        db.Add(answer);
        // Like an answer given on the page: analysed, put on the timeline, seen by the loop rules (AnswerFollowUp).
        db.Publish(new Contracts.SurveyAnswered(answer.Id, answer.SurveyId, true));
    }

    private async Task<int> StoreOneByOneAsync(Survey survey, ImportedRow[] rows, DateTimeOffset now, CancellationToken ct)
    {
        var stored = 0;
        foreach (var row in rows)
        {
            if (await db.Set<SurveyResponse>().AnyAsync(r => r.SurveyId == survey.Id && r.ImportKey == row.Key, ct))
            {
                continue;
            }

            Add(survey, row, now);
            try
            {
                await db.SaveChangesAsync(ct);
                stored++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return stored;
    }

    /// <summary>Customers named exactly (ignoring case) by rows without an email; a name two customers share names nobody.</summary>
    private async Task<Dictionary<string, CustomerSummary>> CustomersByNameAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var found = new Dictionary<string, CustomerSummary>();
        // A lookup per name: capped, and a name past the cap is imported without its customer.
        foreach (var name in names.Select(n => n.ToUpperInvariant()).Distinct().Take(MaxNameLookups))
        {
            var matches = (await customers.SearchAsync(name, 5, ct)).Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                found[name] = matches[0];
            }
        }

        return found;
    }

    /// <summary>
    /// Italian dates (31/12/2025, with the time if any) and ISO ones (2025-12-31, 2025-12-31T18:30:00+01:00) in the
    /// organization's time zone when they carry no offset; Excel's date cells arrive as day numbers (45657, 45657.75).
    /// </summary>
    public static DateTimeOffset? ParseDate(string text, TimeZoneInfo zone)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return withOffset.ToUniversalTime();
        }

        DateTime local;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            local = DateTime.FromOADate(serial);
        }
        else
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped by the change to summer time is read as the hour after it.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string? LanguageOf(string text) => Key(text) switch
    {
        "it" or "ita" or "italiano" or "italian" => "it",
        "en" or "eng" or "inglese" or "english" => "en",
        _ => null,
    };

    /// <summary>A header or word compared without case, accents, spaces, hyphens or underscores.</summary>
    private static string Key(string text)
    {
        var key = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    /// <summary>A value echoed in a message, cut so that a huge cell does not flood the page.</summary>
    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>
    /// The row's identity: the survey and the row's values as read (not the customer found, who may appear later), so the
    /// same answer in a CSV or an XLSX, imported today or next month, is one answer.
    /// </summary>
    private static string KeyOf(Guid surveyId, DateTimeOffset at, int score, string? comment, string? email, string? customerName, string? touchpoint, string channel, string language)
    {
        var text = string.Join('\u001f', surveyId.ToString("N"), at.UtcTicks.ToString(CultureInfo.InvariantCulture), score.ToString(CultureInfo.InvariantCulture),
            comment ?? "", email ?? "", customerName?.ToUpperInvariant() ?? "", touchpoint ?? "", channel, language);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

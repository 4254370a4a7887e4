using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Text;
using Cerchio.Ui.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Cerchio.Tests.Customers.ImportTestKit;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Past answers imported from CSV and XLSX, on the page (preview, then confirmation) and through the API: bad rows
/// refused one by one with their reason, good ones stored as real answers (customer, channel, date, analysed), a file
/// imported again adds nothing, old answers open no loop, bad files and other people's surveys refused.
/// </summary>
public abstract class AnswerImportTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static readonly DateOnly Today = Times.DayInItaly(DateTimeOffset.UtcNow);

    private static string Italian(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId)> SurveyAsync(string name, bool publish = true)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead), (Email("agente"), Role.Agent));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Consegne su carta", kind = "nps", touchpoint = "consegna" }), HttpStatusCode.Created);
        var id = survey.GetProperty("id").GetGuid();
        if (publish)
        {
            await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null), HttpStatusCode.OK);
        }

        return (org, api, id);
    }

    private Task<List<SurveyResponse>> AnswersAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyResponse>().AsNoTracking().OrderBy(r => r.AnsweredAt).ToListAsync());

    private Task<List<LoopTask>> LoopsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<LoopTask>().AsNoTracking().ToListAsync());

    private static Task<HttpResponseMessage> PostFileAsync(HttpClient api, Guid surveyId, byte[] content, string mediaType = "text/csv", bool dryRun = false)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return api.PostAsync($"/api/v1/surveys/{surveyId}/answers/import{(dryRun ? "?dry_run=true" : "")}", body);
    }

    [Fact]
    public async Task Csv_OnThePage_PreviewsStoringNothing_ThenImportsTheGoodRows_AndAgainSkipsThemAll()
    {
        var (org, api, surveyId) = await SurveyAsync("Import Carta S.r.l.");
        var maria = Email("maria");
        var customer = (await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Bianchi Costruzioni S.r.l.", email = maria }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var recent = Today.AddDays(-2);
        var old = Today.AddDays(-200);
        var csv = Csv(string.Join("\n",
            "data;punteggio;commento;email;touchpoint;canale;lingua",
            $"{Italian(recent)} 10:30;3;Consegna in ritardo di due settimane e nessuno mi ha avvisato.;{maria.ToUpperInvariant()};consegna;;it",
            $"{old:yyyy-MM-dd};9;Tutto perfetto, grazie.;;;fiera;en",
            $"{Italian(recent)};11;Troppo;;;;",
            "31/02/2025;5;;;;;",
            $"{Italian(recent)};6;;;inesistente;;",
            $"{Italian(recent)};;Senza voto;;;;") + "\n");
        var lead = await org.SignInAsync(Role.CxLead);
        var path = $"/ascolto/sondaggi/{surveyId}/importa";
        // The survey page leads here.
        Assert.NotNull((await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}")).QuerySelector($"a#import-answers[href='{path}']"));

        var previewed = await Html.SubmitMultipartAsync(lead, path, "answers-upload", [], [("risposte.csv", csv)]);
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await Html.ParseAsync(previewed);
        Assert.Contains("6 righe: 2 da importare, 0 già importate, 4 con errori.", preview.QuerySelector("#preview-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, preview.QuerySelectorAll("#preview-rows tbody tr").Length);
        var refused = preview.QuerySelectorAll("#row-errors tbody tr").Select(r => (r.GetAttribute("data-row")!, r.GetAttribute("data-column")!)).ToList();
        Assert.Equal([("4", "punteggio"), ("5", "data"), ("6", "touchpoint"), ("7", "punteggio")], refused);
        Assert.Contains("da 0 a 10", preview.QuerySelector("#row-errors tr[data-row='4']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await AnswersAsync(org));

        var confirm = preview.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "answers-confirm");
        var done = await Html.ParseAsync(await Html.PostFormAsync(lead, confirm, []));
        Assert.Contains("2 risposte importate.", done.QuerySelector("#imported-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, done.QuerySelectorAll("#row-errors tbody tr").Length);

        var answers = await AnswersAsync(org);
        Assert.Equal(2, answers.Count);
        var (past, fresh) = (answers[0], answers[1]);
        Assert.Equal(customer, fresh.CustomerId);
        Assert.Equal((SurveyChannels.Imported, "consegna", 3, "it"), (fresh.Channel, fresh.TouchpointCode, fresh.Score, fresh.Language));
        Assert.Equal(new DateTimeOffset(recent.ToDateTime(new TimeOnly(10, 30)), Times.Italy.GetUtcOffset(recent.ToDateTime(new TimeOnly(10, 30)))), fresh.AnsweredAt);
        Assert.NotNull(fresh.SubmittedAt);
        Assert.Null(past.CustomerId);
        Assert.Equal(("fiera", "consegna", 9, "en", old), (past.Channel, past.TouchpointCode, past.Score, past.Language, Times.DayInItaly(past.AnsweredAt!.Value)));

        // Real answers: counted by the results and listed by the answers API.
        var from = Today.AddDays(-300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var results = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/results?from={from}"), HttpStatusCode.OK);
        Assert.Equal(2, results.GetProperty("answers").GetInt32());
        var listed = await JsonAsync(await api.GetAsync($"/api/v1/survey-answers?survey={surveyId}&from={from}"), HttpStatusCode.OK);
        Assert.Equal(2, listed.GetProperty("total").GetInt32());

        // The same file again: nothing new, on the page and through the API.
        var again = await Html.ParseAsync(await Html.SubmitMultipartAsync(lead, path, "answers-upload", [], [("risposte.csv", csv)]));
        Assert.Contains("0 da importare, 2 già importate", again.QuerySelector("#preview-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(again.QuerySelector("#nothing-to-import"));
        var reimported = await JsonAsync(await PostFileAsync(api, surveyId, csv), HttpStatusCode.OK);
        Assert.Equal((0, 2, 4), (reimported.GetProperty("imported").GetInt32(), reimported.GetProperty("skipped").GetInt32(), reimported.GetProperty("invalid").GetInt32()));
        Assert.Equal(2, (await AnswersAsync(org)).Count);
    }

    [Fact]
    public async Task Api_DryRunStoresNothing_Xlsx_WithEnglishHeaders_IsImported_AndOnlyTheRecentNegativeAnswerOpensALoop()
    {
        var (org, api, surveyId) = await SurveyAsync("Import Excel S.r.l.");
        var luca = Email("luca");
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/customers", new { name = "Verdi Impianti S.r.l.", email = luca }), HttpStatusCode.Created);
        var recent = Today.AddDays(-3);
        var old = Today.AddDays(-90);
        // An Excel date cell is a day number: 1 is 1 January 1900 (with Excel's leap-year quirk, as OLE dates count).
        var oldSerial = old.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);
        const string Unhappy = "Consegna in ritardo di due settimane e nessuno mi ha avvisato. Servizio pessimo.";
        var xlsx = Xlsx(
            ["date", "score", "comment", "email", "language"],
            [recent.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "#2", Unhappy, luca, "italiano"],
            ["#" + oldSerial, "#1", Unhappy, luca, "it"]);

        var dry = await JsonAsync(await PostFileAsync(api, surveyId, xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", dryRun: true), HttpStatusCode.OK);
        Assert.Equal((true, 2, 2, 0), (dry.GetProperty("dry_run").GetBoolean(), dry.GetProperty("to_import").GetInt32(), dry.GetProperty("valid").GetInt32(), dry.GetProperty("imported").GetInt32()));
        Assert.Empty(await AnswersAsync(org));

        var multipart = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", "risposte.xlsx" } };
        var imported = await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/answers/import", multipart), HttpStatusCode.OK);
        Assert.Equal(2, imported.GetProperty("imported").GetInt32());
        var answers = await AnswersAsync(org);
        Assert.Equal(old, Times.DayInItaly(answers[0].AnsweredAt!.Value));
        Assert.All(answers, a => Assert.NotNull(a.CustomerId));

        // Both analysed (the follow-up stores the analysis and the loop together): only the recent one is followed up.
        // The analysis runs on the background dispatcher, behind every other test's events: on a loaded 2-core machine it
        // took over 30 s in a full run (alone, a second), so this wait allows longer.
        await Wait.UntilAsync(async () => (await AnswersAsync(org)).All(a => a.Sentiment is not null), "both comments analysed", TimeSpan.FromSeconds(120));
        Assert.All(await AnswersAsync(org), a => Assert.Equal("negative", a.Sentiment));
        var loop = Assert.Single(await LoopsAsync(org));
        Assert.Equal(answers[1].Id, loop.ResponseId);
    }

    [Fact]
    public async Task BadFiles_AreRefusedClearly_AndChangeNothing()
    {
        var (org, api, surveyId) = await SurveyAsync("Import Sbagliato S.r.l.");

        var empty = await JsonAsync(await PostFileAsync(api, surveyId, []), HttpStatusCode.BadRequest);
        Assert.Equal("https://cerchio.dev/problems/bad-request", empty.GetProperty("type").GetString());
        var wrongColumns = await JsonAsync(await PostFileAsync(api, surveyId, Csv("nome;valore\nMario;4\n")), HttpStatusCode.BadRequest);
        Assert.Contains("data, punteggio", wrongColumns.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var garbage = await JsonAsync(await PostFileAsync(api, surveyId, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3], "application/octet-stream"), HttpStatusCode.BadRequest);
        Assert.Equal(SheetReader.NotSpreadsheet, garbage.GetProperty("detail").GetString());
        var oversized = await PostFileAsync(api, surveyId, Csv("data;punteggio\n" + new string('x', SheetReader.MaxBytes) + "\n"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);

        // On the page: the reason next to the file field, nothing stored.
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.ParseAsync(await Html.SubmitMultipartAsync(lead, $"/ascolto/sondaggi/{surveyId}/importa", "answers-upload", [], [("clienti.csv", Csv("nome;valore\nMario;4\n"))]));
        Assert.Contains("Mancano le colonne obbligatorie: data, punteggio.", page.QuerySelector("#File-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#confirm-form"));

        // A survey never published has no version to take answers.
        var (_, draftApi, draftId) = await SurveyAsync("Import Bozza S.r.l.", publish: false);
        var draft = await JsonAsync(await PostFileAsync(draftApi, draftId, Csv($"data;punteggio\n{Italian(Today)};9\n")), HttpStatusCode.BadRequest);
        Assert.Contains("mai stato pubblicato", draft.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await AnswersAsync(org));
    }

    [Fact]
    public async Task AnAgentCannotImport_AndAnotherOrganizationsSurveyIsNotFound()
    {
        var (org, _, surveyId) = await SurveyAsync("Import Ruoli S.r.l.");
        var (_, otherApi, _) = await SurveyAsync("Import Altri S.r.l.");
        var csv = Csv($"data;punteggio\n{Italian(Today)};9\n");

        var agent = await org.SignInAsync(Role.Agent);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(await agent.GetAsync($"/ascolto/sondaggi/{surveyId}/importa")));
        Assert.Null((await Html.GetAsync(agent, $"/ascolto/sondaggi/{surveyId}")).QuerySelector("#import-answers"));

        var foreign = await JsonAsync(await PostFileAsync(otherApi, surveyId, csv), HttpStatusCode.NotFound);
        Assert.Equal("https://cerchio.dev/problems/not-found", foreign.GetProperty("type").GetString());
        var otherLead = await (await app.CreateOrganizationAsync("Import Estranei S.r.l.")).SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await otherLead.GetAsync($"/ascolto/sondaggi/{surveyId}/importa")).StatusCode);
        Assert.Empty(await AnswersAsync(org));
    }
}

public sealed class AnswerImportTestsOnSqlite(SqliteApp app) : AnswerImportTests(app), IClassFixture<SqliteApp>;

public sealed class AnswerImportTestsOnPostgres(PostgresApp app) : AnswerImportTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Feedback.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Ui.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// Further questions after the score (scale, single and multiple choice, yes/no, free text) with their logic ("only to
/// scores 0–6"): written through the API and the form, asked on the response page by score, checked, stored as values,
/// counted per version, shown again when the answer is changed; bad questions and bad answers refused.
/// </summary>
public abstract class SurveyQuestionsTests(AppFixture app)
{
    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@example.test";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private static object Option(string it, string en = "") => new { it, en };

    /// <summary>The five kinds, the choice of what went wrong asked only to detractors.</summary>
    private static object[] Questions() =>
    [
        new { kind = "scale", text_it = "Quanto è stato puntuale il corriere?", text_en = "How punctual was the courier?", required = true, points = 5, low_label_it = "Per niente", high_label_it = "Del tutto" },
        new { kind = "single", text_it = "Cosa è andato storto?", required = true, score_to = 6, options = new[] { Option("Ritardo", "Delay"), Option("Merce danneggiata!", "Damaged goods"), Option("Corriere scortese") } },
        new { kind = "multiple", text_it = "Dove ci hai conosciuto?", options = new[] { Option("Catalogo"), Option("Sito web"), Option("Fiera") } },
        new { kind = "yes_no", text_it = "Ci ricompreresti?" },
        new { kind = "text", text_it = "Altro da dirci?" },
    ];

    private async Task<(TestOrganization Org, HttpClient Api, Guid SurveyId, string Path, string[] Ids)> PublishedAsync(string name)
    {
        var org = await app.CreateOrganizationAsync(name, (Email("lead"), Role.CxLead));
        var api = org.Api();
        var survey = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Dopo la consegna", kind = "nps", touchpoint = "consegna", questions = Questions() }), HttpStatusCode.Created);
        var questions = survey.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["scale", "single", "multiple", "yes_no", "text"], questions.Select(q => q.GetProperty("kind").GetString()));
        // Each choice's code comes from its Italian label; each question gets an id of its own.
        Assert.Equal(["ritardo", "merce-danneggiata", "corriere-scortese"], questions[1].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
        var ids = questions.Select(q => q.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(5, ids.Distinct().Count());
        var id = survey.GetProperty("id").GetGuid();
        var published = await JsonAsync(await api.PostAsync($"/api/v1/surveys/{id}/publish", null), HttpStatusCode.OK);
        return (org, api, id, new Uri(published.GetProperty("public_url").GetString()!).AbsolutePath, ids);
    }

    private Task<List<SurveyAnswerItem>> ItemsAsync(TestOrganization org) =>
        app.InOrganizationAsync(org.Id, services => services.GetRequiredService<CerchioDb>().Set<SurveyAnswerItem>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task FurtherQuestions_AreAskedByScore_Checked_Stored_AndCountedPerVersion()
    {
        var (org, api, surveyId, path, ids) = await PublishedAsync("Domande Consegne S.r.l.");
        var (scale, single, multiple, yesNo, text) = (ids[0], ids[1], ids[2], ids[3], ids[4]);

        // A detractor is asked what went wrong; the score's page draws every question of the kinds.
        var detractor = app.Browser();
        var asked = await Html.ParseAsync(await PostAsync(detractor, path, ("passo", "punteggio"), ("punteggio", "4")));
        Assert.Equal(5, asked.QuerySelectorAll($"#q-{scale} input[type=radio]").Length);
        Assert.Equal(["ritardo", "merce-danneggiata", "corriere-scortese"], asked.QuerySelectorAll($"#q-{single} input[type=radio]").Select(i => i.GetAttribute("value")));
        Assert.Equal(3, asked.QuerySelectorAll($"#q-{multiple} input[type=checkbox]").Length);
        Assert.Equal(2, asked.QuerySelectorAll($"#q-{yesNo} input[type=radio]").Length);
        Assert.NotNull(asked.QuerySelector($"textarea#q-{text}"));

        // Required questions left out, or a choice that is not offered: refused, what was typed shown again, nothing stored.
        var missing = await PostAsync(detractor, path, ("passo", "commento"), ("punteggio", "4"), ("commento", "Tutto in ritardo."), ($"d_{multiple}", "sito-web"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var again = await Html.ParseAsync(missing);
        Assert.NotNull(again.QuerySelector($"#q-{scale}-error"));
        Assert.NotNull(again.QuerySelector($"#q-{single}-error"));
        Assert.Null(again.QuerySelector($"#q-{multiple}-error"));
        Assert.Equal("Tutto in ritardo.", again.QuerySelector<IHtmlTextAreaElement>("#comment")!.Value);
        Assert.True(again.QuerySelector<IHtmlInputElement>($"#q-{multiple} input[value=sito-web]")!.IsChecked);
        var forged = await PostAsync(detractor, path, ("passo", "commento"), ("punteggio", "4"), ($"d_{scale}", "9"), ($"d_{single}", "ritardo"), ($"d_{single}", "corriere-scortese"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotNull((await Html.ParseAsync(forged)).QuerySelector($"#q-{scale}-error"));
        Assert.Empty(await ItemsAsync(org));

        var sent = await PostAsync(detractor, path, ("passo", "commento"), ("punteggio", "4"), ("commento", "Consegna in ritardo."),
            ($"d_{scale}", "2"), ($"d_{single}", "ritardo"), ($"d_{multiple}", "catalogo"), ($"d_{multiple}", "sito-web"), ($"d_{yesNo}", "no"),
            ($"d_{text}", "<script>alert(1)</script> nessun avviso"));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var thanks = await Html.GetAsync(detractor, path);
        var summary = thanks.QuerySelector("#your-answers")!.TextContent;
        Assert.Contains("Ritardo", summary, StringComparison.Ordinal);
        Assert.Contains("Catalogo, Sito web", summary, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", summary, StringComparison.Ordinal);
        Assert.Empty(thanks.QuerySelectorAll("main script"));
        Assert.Equal(6, (await ItemsAsync(org)).Count);

        // A promoter is not asked what went wrong: a value posted for it anyway is not kept.
        var promoter = app.Browser();
        var happy = await Html.ParseAsync(await PostAsync(promoter, path, ("passo", "punteggio"), ("punteggio", "9")));
        Assert.Null(happy.QuerySelector($"#q-{single}"));
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(promoter, path, ("passo", "commento"), ("punteggio", "9"), ($"d_{scale}", "5"), ($"d_{single}", "ritardo"))).StatusCode);
        var items = await ItemsAsync(org);
        Assert.Equal(7, items.Count);
        Assert.Single(items, i => i.QuestionId == single);

        // The results count each value per question, over those who were asked it.
        var results = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/question-results"), HttpStatusCode.OK);
        Assert.Equal(1, results.GetProperty("version").GetInt32());
        var byId = results.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!);
        Assert.Equal(2, byId[scale].GetProperty("asked").GetInt32());
        Assert.Equal(2, byId[scale].GetProperty("answered").GetInt32());
        Assert.Equal(3.5, byId[scale].GetProperty("mean").GetDouble());
        Assert.Equal(1, byId[single].GetProperty("asked").GetInt32());
        Assert.Equal([1, 0, 0], byId[single].GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("count").GetInt32()));
        Assert.Equal("Ritardo", byId[single].GetProperty("counts")[0].GetProperty("label").GetString());
        Assert.Equal([1, 1, 0], byId[multiple].GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("count").GetInt32()));
        Assert.Equal(2, byId[multiple].GetProperty("asked").GetInt32());
        Assert.Equal(1, byId[multiple].GetProperty("answered").GetInt32());
        Assert.Equal([0, 1], byId[yesNo].GetProperty("counts").EnumerateArray().Select(c => c.GetProperty("count").GetInt32()));
        Assert.Equal(["<script>alert(1)</script> nessun avviso"], byId[text].GetProperty("latest_texts").EnumerateArray().Select(t => t.GetString()));

        // The survey's page shows the same numbers; the answers carry their values.
        var lead = await org.SignInAsync(Role.CxLead);
        var page = await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}");
        Assert.Equal("1", page.QuerySelector($"#question-results [data-question='{single}'] tr[data-value=ritardo]")!.GetAttribute("data-count"));
        Assert.Equal("3.50", page.QuerySelector($"#question-results [data-question='{scale}'] [data-mean]")!.GetAttribute("data-mean"));
        var answers = await JsonAsync(await api.GetAsync($"/api/v1/survey-answers?survey={surveyId}"), HttpStatusCode.OK);
        var mine = answers.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("score").GetInt32() == 4);
        Assert.Equal(["catalogo", "sito-web"], mine.GetProperty("answers").GetProperty(multiple).EnumerateArray().Select(v => v.GetString()).Order());

        // The export gives each question a column, and each answer its values as the respondent read them.
        var (sheet, error) = SheetReader.Read("risposte.xlsx", await lead.GetByteArrayAsync($"/ascolto/risposte/export.xlsx?sondaggio={surveyId}"));
        Assert.True(sheet is not null, error);
        string? Cell(SheetRow row, string header) => row[sheet.Headers.ToList().IndexOf(header)];
        Assert.Contains("Quanto è stato puntuale il corriere?", sheet.Headers);
        var sad = sheet.Rows.Single(r => Cell(r, "Punteggio") == "4");
        Assert.Equal("Ritardo", Cell(sad, "Cosa è andato storto?"));
        Assert.Equal("Catalogo; Sito web", Cell(sad, "Dove ci hai conosciuto?"));
        Assert.Equal("No", Cell(sad, "Ci ricompreresti?"));
        Assert.Equal("2", Cell(sad, "Quanto è stato puntuale il corriere?"));
        var glad = sheet.Rows.Single(r => Cell(r, "Punteggio") == "9");
        Assert.Null(Cell(glad, "Cosa è andato storto?"));
        Assert.Equal("5", Cell(glad, "Quanto è stato puntuale il corriere?"));

        // Changing the answer shows what was chosen, and replaces it as a whole.
        var change = await Html.GetAsync(detractor, path + "?modifica=1");
        Assert.True(change.QuerySelector<IHtmlInputElement>($"#q-{single} input[value=ritardo]")!.IsChecked);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(detractor, path, ("passo", "commento"), ("punteggio", "4"), ($"d_{scale}", "1"), ($"d_{single}", "merce-danneggiata"))).StatusCode);
        items = await ItemsAsync(org);
        Assert.Equal(3, items.Count);   // the detractor's two values now, and the promoter's one
        Assert.Contains(items, i => i.QuestionId == single && i.Value == "merce-danneggiata");

        // A new version asks other questions: its results start empty, the first version's stay apart.
        var put = new Dictionary<string, object?>
        {
            ["name"] = "Dopo la consegna", ["kind"] = "nps", ["touchpoint"] = "consegna",
            ["questions"] = new object[] { new { id = scale, kind = "scale", text_it = "Quanto è stato puntuale il corriere?", points = 5 } },
        };
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/surveys/{surveyId}", put), HttpStatusCode.OK);
        Assert.Equal(2, (await JsonAsync(await api.PostAsync($"/api/v1/surveys/{surveyId}/publish", null), HttpStatusCode.OK)).GetProperty("version").GetInt32());
        var second = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/question-results"), HttpStatusCode.OK);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal([2, 1], second.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(0, second.GetProperty("questions")[0].GetProperty("answered").GetInt32());
        var first = await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/question-results?version=1"), HttpStatusCode.OK);
        Assert.Equal(5, first.GetProperty("questions").GetArrayLength());
        await JsonAsync(await api.GetAsync($"/api/v1/surveys/{surveyId}/question-results?version=7"), HttpStatusCode.BadRequest);
        Assert.NotNull((await Html.GetAsync(lead, $"/ascolto/sondaggi/{surveyId}?versione=1")).QuerySelector("#question-results a[data-version='2']"));
    }

    [Fact]
    public async Task BadQuestions_AreRefused_ThroughTheApiAndTheForm_WithWhatWasTypedKept()
    {
        var org = await app.CreateOrganizationAsync("Domande Errate S.r.l.", (Email("lead"), Role.CxLead));
        var api = org.Api();
        async Task<JsonElement> RefusedAsync(params object[] questions)
        {
            var problem = await JsonAsync(await api.PostAsJsonAsync("/api/v1/surveys", new { name = "Errata", kind = "nps", questions }), HttpStatusCode.BadRequest);
            return problem.GetProperty("errors");
        }

        Assert.True((await RefusedAsync(new { kind = "matrix", text_it = "?" })).TryGetProperty("questions[0].kind", out _));
        Assert.True((await RefusedAsync(new { kind = "text", text_it = "" })).TryGetProperty("questions[0].text_it", out _));
        Assert.True((await RefusedAsync(new { kind = "single", text_it = "Quale?", options = new[] { Option("Solo una") } })).TryGetProperty("questions[0].options_it", out _));
        Assert.True((await RefusedAsync(new { kind = "multiple", text_it = "Quali?", options = new[] { Option("Prezzo"), Option("prezzo!") } })).TryGetProperty("questions[0].options_it", out _));
        Assert.True((await RefusedAsync(new { kind = "scale", text_it = "Quanto?", points = 11 })).TryGetProperty("questions[0].points", out _));
        Assert.True((await RefusedAsync(new { kind = "yes_no", text_it = "Sì?", score_from = 11 })).TryGetProperty("questions[0].score_from", out _));
        Assert.True((await RefusedAsync(new { kind = "yes_no", text_it = "Sì?", score_from = 8, score_to = 3 })).TryGetProperty("questions[0].score_from", out _));
        Assert.True((await RefusedAsync(Enumerable.Range(0, 21).Select(i => (object)new { kind = "text", text_it = $"Domanda {i}" }).ToArray())).TryGetProperty("questions", out _));
        Assert.True((await RefusedAsync(new { kind = "text", text_it = new string('x', 501) })).TryGetProperty("questions[0].text_it", out _));
        Assert.Equal(0, (await JsonAsync(await api.GetAsync("/api/v1/surveys"), HttpStatusCode.OK)).GetArrayLength());

        // The form adds a question without saving, refuses it half written keeping what was typed, then saves it.
        var lead = await org.SignInAsync(Role.CxLead);
        const string form = "/ascolto/sondaggi/nuovo?tipo=csat";
        var added = await Html.SubmitFormAsync(lead, form, "survey", new() { ["Input.Name"] = "Negozio", ["Input.Command"] = "add:single" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var drawn = await Html.ParseAsync(added);
        Assert.NotNull(drawn.QuerySelector("#question-0 #q0-options-It"));
        Assert.Equal("Negozio", drawn.QuerySelector<IHtmlInputElement>("#survey-name")!.Value);
        Assert.Equal(0, (await JsonAsync(await api.GetAsync("/api/v1/surveys"), HttpStatusCode.OK)).GetArrayLength());

        var half = new Dictionary<string, string>
        {
            ["Input.Name"] = "Negozio", ["Input.Questions[0].Kind"] = "single", ["Input.Questions[0].TextIt"] = "", ["Input.Questions[0].OptionsIt"] = "Commessa\nAttesa",
            ["Input.Questions[0].ScoreTo"] = "2", ["Input.Questions[0].Required"] = "true",
        };
        var refused = await Html.SubmitFormAsync(lead, form, "survey", half);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.NotNull(shown.GetElementById("Questions[0].TextIt-error"));
        Assert.Equal("Commessa\nAttesa", shown.QuerySelector<IHtmlTextAreaElement>("#q0-options-It")!.Value);
        Assert.True(shown.QuerySelector<IHtmlInputElement>("#q0-required")!.IsChecked);

        half["Input.Questions[0].TextIt"] = "Cosa non è andato?";
        var saved = await Html.SubmitFormAsync(lead, form, "survey", half);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var survey = (await JsonAsync(await api.GetAsync("/api/v1/surveys"), HttpStatusCode.OK))[0];
        var question = survey.GetProperty("questions")[0];
        Assert.Equal("single", question.GetProperty("kind").GetString());
        Assert.Equal(2, question.GetProperty("score_to").GetInt32());
        Assert.True(question.GetProperty("required").GetBoolean());
        Assert.Equal(["commessa", "attesa"], question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("code").GetString()));

        // The edit form shows it again, and removing it takes it away from the draft only when saved.
        var edit = Html.LocationPath(saved)! + "/modifica";
        var removed = await Html.SubmitFormWithAsync(lead, edit, "survey", [("Input.Command", "remove:0")]);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null((await Html.ParseAsync(removed)).QuerySelector("#question-0"));
        Assert.Single((await JsonAsync(await api.GetAsync("/api/v1/surveys"), HttpStatusCode.OK))[0].GetProperty("questions").EnumerateArray());
    }

    [Theory]
    [InlineData("Troppo caro!", "troppo-caro")]
    [InlineData("Qualità  del prodotto", "qualita-del-prodotto")]
    [InlineData("   ", "opzione-3")]
    [InlineData("Perché? È così", "perche-e-cosi")]
    public void OptionCode_ComesFromTheItalianLabel(string label, string code) =>
        Assert.Equal(code, SurveyQuestion.CodeOf(label, 2));

    [Fact]
    public void Check_RefusesWhatTheQuestionDoesNotOffer()
    {
        var choice = new SurveyQuestion("q1", QuestionKind.Single, new("Quale?", ""), Required: true, [new("a", new("A", "")), new("b", new("B", ""))]);
        Assert.Null(choice.Check(["a"]).Error);
        Assert.NotNull(choice.Check(["a", "b"]).Error);
        Assert.NotNull(choice.Check(["c"]).Error);
        Assert.NotNull(choice.Check([" ", null]).Error);
        var scale = new SurveyQuestion("q2", QuestionKind.Scale, new("Quanto?", ""), Required: false, Points: 4, ScoreTo: 6);
        Assert.Null(scale.Check([]).Error);
        Assert.NotNull(scale.Check(["5"]).Error);
        Assert.True(scale.AppliesTo(6));
        Assert.False(scale.AppliesTo(7));
        var text = new SurveyQuestion("q3", QuestionKind.Text, new("Altro?", ""), Required: false);
        Assert.NotNull(text.Check([new string('x', SurveyQuestion.MaxAnswer + 1)]).Error);
    }
}

public sealed class SurveyQuestionsTestsOnSqlite(SqliteApp app) : SurveyQuestionsTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyQuestionsTestsOnPostgres(PostgresApp app) : SurveyQuestionsTests(app), IClassFixture<PostgresApp>;

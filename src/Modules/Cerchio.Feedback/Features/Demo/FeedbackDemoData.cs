using System.Reflection;
using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Feedback.Features.Invitations;
using Cerchio.Feedback.Features.Respond;
using Cerchio.Feedback.Features.Surveys;
using Cerchio.Service.Contracts;
using Cerchio.Text;

namespace Cerchio.Feedback.Features.Demo;

/// <summary>
/// The demo's voice of the customer: an NPS survey that follows every resolved case (its trigger on), answered by about
/// half of those invited; a CSAT survey on a QR code at the point of sale and the trade-fair stand; an NPS on the
/// website. A year of answers, with comments taken from the project's own labelled corpus so that their words match
/// their scores. Deliveries score low (the golden thread's problem), the rest mostly well.
/// </summary>
internal sealed class FeedbackDemoData(
    CerchioDb db, SurveyBook book, SurveyTriggers triggers, ICaseDirectory cases, ICustomerDirectory customers, Loops.AnswerFollowUp followUp, Loops.Loops loops,
    IBusinessHours hours, TimeProvider clock)
    : IFeedbackDemoData
{
    private readonly List<(SurveyResponse Answer, SurveyKind Kind)> _answers = [];

    public async Task SeedAsync(int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var comments = Comments();

        var afterCase = await PublishedAsync(new SurveyInput { Name = "NPS dopo la pratica", Kind = SurveyKind.Nps, Brand = "Rossi Arredamenti" }, ct);
        await triggers.SaveAsync(afterCase.Id, new TriggerInput { Enabled = true, DelayHours = 2 }, ct);
        var shop = await PublishedAsync(new SurveyInput
        {
            Name = "Soddisfazione in negozio e in fiera", Kind = SurveyKind.Csat, Touchpoint = "punto-vendita", Brand = "Rossi Arredamenti",
            Questions =
            [
                new() { Kind = "single", TextIt = "Cosa ha pesato di più?", TextEn = "What mattered most?", Required = true, ScoreTo = 3,
                        OptionsIt = string.Join('\n', ShopReasons), OptionsEn = "Waiting\nStaff courtesy\nPrice\nProducts out of stock" },
                new() { Kind = "yesno", TextIt = "Torneresti da noi?", TextEn = "Would you come back?" },
            ],
        }, ct);
        var site = await PublishedAsync(new SurveyInput { Name = "NPS dal sito", Kind = SurveyKind.Nps, Touchpoint = "sito", Brand = "Rossi Arredamenti" }, ct);

        // After each resolved case: an invitation (the rules were already followed: one a month per person), and half answer.
        var invitedAt = new Dictionary<string, DateTimeOffset>();
        foreach (var c in await cases.ResolvedSinceAsync(now.AddYears(-1), ct))
        {
            var sendAt = c.ResolvedAt.AddHours(2);
            if (c.Email is null || sendAt > now || (invitedAt.TryGetValue(c.Email, out var last) && sendAt - last < TimeSpan.FromDays(FeedbackSettings.DefaultFatigueDays)))
            {
                continue;
            }

            invitedAt[c.Email] = sendAt;
            var invitation = new SurveyInvitation
            {
                Id = Ids.New(), SurveyId = afterCase.Id, TokenHash = Respondent.Hash(Respondent.NewSecret()), CustomerId = c.CustomerId, Email = c.Email.ToLowerInvariant(),
                Name = c.Name, CaseId = c.CaseId, CaseNumber = c.Number, TouchpointCode = c.Touchpoint, Channel = SurveyChannels.Email,
                CreatedAt = sendAt, SentAt = sendAt, ExpiresAt = sendAt.AddDays(SurveyInvitations.DefaultValidDays), Status = InvitationStatus.Sent,
                Cause = $"demo:{c.CaseId:N}",
            };
            db.Add(invitation);
            if (random.Next(100) < 48)
            {
                var at = Before(sendAt.AddHours(random.Next(1, 72)), now);
                invitation.OpenedAt = at;
                Answer(afterCase, invitation.Id, c.CustomerId, c.CaseId, c.Touchpoint, SurveyChannels.Email, Score(random, SurveyKind.Nps, c.Touchpoint), at, random, comments);
            }
        }

        // The point of sale's and the fair's QR codes, and the website's link: answers from people without an invitation.
        var people = await customers.SearchAsync("", 50, ct);
        // The further questions draw from a generator of their own, so the rest of the demo stays as it was.
        var extra = new Random(seed + 1);
        for (var i = 0; i < 1_500; i++)
        {
            var at = now.AddMinutes(-random.Next(0, 365 * 24 * 60));
            var atFair = random.Next(8) == 0;
            var customer = random.Next(3) == 0 && people.Count > 0 ? people[random.Next(people.Count)].Id : (Guid?)null;
            var answer = Answer(shop, null, customer, null, atFair ? "fiera" : "punto-vendita", atFair ? "fiera" : "qr", Score(random, SurveyKind.Csat, "punto-vendita"), at, random, comments);
            ShopQuestions(shop, answer, extra);
        }

        for (var i = 0; i < 400; i++)
        {
            Answer(site, null, null, null, "sito", "sito", Score(random, SurveyKind.Nps, "sito"), now.AddMinutes(-random.Next(0, 365 * 24 * 60)), random, comments);
        }

        // Every comment analysed before the answers are first stored: their topics go in the same save.
        foreach (var (answer, _) in _answers)
        {
            await followUp.AnalyseAsync(answer, ct);
        }

        await db.SaveChangesAsync(ct);
        await LoopsAsync(random, now, ct);
    }

    /// <summary>
    /// The loops the rules open on the analysed answers: those of the last days still open (some overdue),
    /// older ones closed, in time or late, with their outcome and a cause that fits the touchpoint.
    /// </summary>
    private async Task LoopsAsync(Random random, DateTimeOffset now, CancellationToken ct)
    {
        var rules = await loops.SettingsAsync(ct);
        var causes = new List<LoopRootCause>();
        foreach (var name in LoopRootCause.Defaults)
        {
            causes.Add((await loops.FindRootCauseAsync(name, ct))!);
        }

        string[] outcomes = ["solved", "solved", "solved", "compensated", "not_solved", "not_reachable"];
        foreach (var (answer, kind) in _answers.OrderBy(a => a.Answer.AnsweredAt))
        {
            var at = answer.AnsweredAt!.Value;
            if (await loops.ApplyRulesAsync(answer, kind, rules, ct, openedAt: at) is not { } loop || now - at < TimeSpan.FromDays(4) || (now - at < TimeSpan.FromDays(10) && random.Next(3) == 0))
            {
                continue;
            }

            // Most close within the 48 working hours; one in five runs late.
            var took = TimeSpan.FromHours(random.Next(10) < 8 ? random.Next(1, 40) : random.Next(50, 120));
            var deliveryCause = random.Next(3) == 0 ? "Ritardo del corriere" : "Cliente non avvisato di un ritardo";
            var cause = loop.TouchpointCode == "consegna" ? causes.First(c => c.Name == deliveryCause) : causes[random.Next(causes.Count)];
            var closedAt = await hours.AddAsync(at, took, ct);
            if (closedAt < now)
            {
                loop.Close(outcomes[random.Next(outcomes.Length)], cause.Id, null, null, "Giulia Conti", closedAt);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<Survey> PublishedAsync(SurveyInput input, CancellationToken ct)
    {
        var (survey, errors) = await book.SaveAsync(null, input, ct);
        if (survey is null)
        {
            throw new InvalidOperationException(string.Join("; ", errors.All.Select(e => e.Message.Text)));
        }

        return (await book.PublishAsync(survey.Id, ct))!;
    }

    private static readonly string[] ShopReasons = ["Attesa", "Cortesia del personale", "Prezzo", "Prodotti non disponibili"];

    /// <summary>The shop's further questions: the low scores say mostly waiting and missing products; most would come back.</summary>
    private void ShopQuestions(Survey shop, SurveyResponse answer, Random random)
    {
        var questions = SurveyTexts.Read(shop.DraftTexts).Extra;
        void Add(SurveyQuestion q, string value) => db.Add(new SurveyAnswerItem
        {
            Id = Ids.New(), ResponseId = answer.Id, SurveyId = shop.Id, QuestionId = q.Id, Value = value,
        });

        if (questions[0].AppliesTo(answer.Score))
        {
            var roll = random.Next(10);
            Add(questions[0], questions[0].Choices[roll < 4 ? 0 : roll < 7 ? 3 : roll < 9 ? 2 : 1].Code);
        }

        if (random.Next(4) > 0)
        {
            Add(questions[1], random.Next(10) < (answer.Score >= 4 ? 9 : 4) ? SurveyQuestion.Yes : SurveyQuestion.No);
        }
    }

    private SurveyResponse Answer(Survey survey, Guid? invitation, Guid? customer, Guid? caseId, string? touchpoint, string channel, int score, DateTimeOffset at, Random random, ILookup<string, string> comments)
    {
        // Two in three leave a comment; its sentiment follows the score.
        var (min, max) = survey.Scale;
        var share = (double)(score - min) / (max - min);
        var mood = share <= 0.6 ? "negative" : share < 0.8 ? (random.Next(2) == 0 ? "neutral" : "positive") : "positive";
        var pool = comments[$"{mood}:{TopicOf(touchpoint)}"].ToList() is { Count: > 0 } matching ? matching : comments[$"{mood}:"].ToList();
        var answer = new SurveyResponse
        {
            Id = Ids.New(), SurveyId = survey.Id, VersionId = survey.CurrentVersionId!.Value, InvitationId = invitation,
            BrowserKeyHash = invitation is null ? Respondent.Hash(Respondent.NewSecret()) : null, CustomerId = customer, CaseId = caseId,
            TouchpointCode = touchpoint ?? survey.TouchpointCode, Channel = channel, Language = "it", Score = score,
            Comment = random.Next(3) > 0 && pool.Count > 0 ? pool[random.Next(pool.Count)] : null,
            StartedAt = at, AnsweredAt = at, SubmittedAt = at.AddMinutes(1), UpdatedAt = at.AddMinutes(1),
        };
        db.Add(answer);
        _answers.Add((answer, survey.Kind));
        return answer;
    }

    /// <summary>Deliveries disappoint (mostly detractors); the shop and the rest please most people.</summary>
    private static int Score(Random random, SurveyKind kind, string? touchpoint)
    {
        var roll = random.NextDouble();
        var bad = touchpoint == "consegna" ? 0.55 : 0.15;
        var (min, max) = Survey.ScaleOf(kind);
        return kind switch
        {
            SurveyKind.Nps => roll < bad ? random.Next(0, 7) : roll < bad + 0.25 ? random.Next(7, 9) : random.Next(9, 11),
            _ => roll < bad ? random.Next(min, min + 2) : roll < bad + 0.2 ? min + 2 : random.Next(max - 1, max + 1),
        };
    }

    private static string TopicOf(string? touchpoint) => touchpoint switch
    {
        "consegna" => "delivery_times",
        "punto-vendita" or "fiera" => "courtesy",
        "sito" => "website",
        "fattura" => "billing",
        "preventivo" => "quote",
        "centralino" => "phone_wait",
        _ => "",
    };

    /// <summary>The corpus's Italian training comments, by "sentiment:topic" and by "sentiment:" alone.</summary>
    private static ILookup<string, string> Comments()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cerchio.Feedback.Corpus.train.tsv")
            ?? throw new InvalidOperationException("The corpus is not embedded.");
        using var reader = new StreamReader(stream);
        var rows = new List<(string Key, string Text)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split('\t');
            if (cells.Length == 5 && cells[0] == "it")
            {
                rows.Add(($"{cells[1]}:", cells[4]));
                rows.AddRange(cells[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(topic => ($"{cells[1]}:{topic}", cells[4])));
            }
        }

        return rows.ToLookup(r => r.Key, r => r.Text);
    }

    private static DateTimeOffset Before(DateTimeOffset at, DateTimeOffset now) => at > now ? now : at;
}

using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.OpenCase;
using Cerchio.Service.Features.Settings;
using Cerchio.Tenancy;

namespace Cerchio.Service.Features.Demo;

/// <summary>
/// A year of the demo company's desk: cases in every channel, type and status, more in the autumn rush, most from a
/// few loyal customers; each with its conversation (the customer's words, the answer, sometimes a hand-off to
/// Logistica or Amministrazione), its SLA times on the business calendar and its lines on the customer's timeline.
/// Written directly with past times (not through the desk, which stamps "now").
/// </summary>
internal sealed class ServiceDemoData(
    CerchioDb db, ServiceSettings settings, ICustomerDirectory customers, IOrganizationDirectory organization, OrganizationContext tenant, TimeProvider clock,
    Announcements.AnnouncementDemoData announcements, Knowledge.KnowledgeDemoData knowledge)
    : IServiceDemoData
{
    private sealed record Story(CaseType Type, string Touchpoint, string Subject, string Message, string Reply, string? HandOffTo, string? HandOffAsk, string? HandOffAnswer);

    private static readonly Story[] Stories =
    [
        new(CaseType.Complaint, "consegna", "Consegna in ritardo dell'ordine {0}", "Buongiorno, l'ordine {0} doveva arrivare la settimana scorsa e non abbiamo notizie. Il cantiere è fermo.", "Gentile cliente, ci scusiamo per il ritardo: abbiamo verificato con il magazzino, la consegna è prevista per giovedì mattina.", "Logistica e magazzino", "Dov'è la consegna dell'ordine {0}? Il cliente ha il cantiere fermo.", "Partita stamattina con il corriere, arriva giovedì entro le 12."),
        new(CaseType.Complaint, "consegna", "Mobile arrivato danneggiato", "Il {1} consegnato ieri ha un'anta rigata e uno spigolo rotto. Allego le foto.", "Ci dispiace molto: sostituiamo l'anta e lo spigolo senza costi, il tecnico la contatterà per fissare l'intervento.", "Logistica e magazzino", "Serve un'anta di ricambio per il {1} dell'ordine {0}: disponibile?", "Anta in magazzino, pronta per il tecnico da lunedì."),
        new(CaseType.Complaint, "fattura", "Fattura {0} con importo errato", "Nella fattura {0} l'importo non corrisponde al preventivo concordato: mancano lo sconto del 10% e il trasporto gratuito.", "Ha ragione: emettiamo una nota di credito per la differenza entro fine settimana.", "Amministrazione", "Verificate la fattura {0}: il cliente dice che manca lo sconto del 10% del preventivo.", "Confermato, lo sconto non era stato applicato. Nota di credito emessa oggi."),
        new(CaseType.Request, "fattura", "Richiesta copia fattura {0}", "Potete inviarci una copia della fattura {0}? Il nostro commercialista non la trova.", "Certo, la trova in allegato. Buona giornata.", null, null, null),
        new(CaseType.TechnicalAssistance, "manuale", "Montaggio del {1}: manca una istruzione", "Nel manuale del {1} non è spiegato come fissare la cerniera superiore. Potete aiutarci?", "Le inviamo lo schema corretto: la cerniera va fissata con le due viti corte del sacchetto B.", null, null, null),
        new(CaseType.TechnicalAssistance, "assistenza", "Cassetto del {1} che non scorre", "Dopo due mesi il cassetto del {1} si blocca a metà corsa.", "Probabilmente la guida va regolata: il nostro tecnico passerà martedì, senza costi perché in garanzia.", null, null, null),
        new(CaseType.SalesOpportunity, "preventivo", "Preventivo per un {1}", "Buongiorno, vorremmo un preventivo per un {1} per il nostro nuovo ufficio, consegna entro marzo.", "Grazie per la richiesta: la nostra area manager la contatterà domani per un sopralluogo.", "Vendite", "Nuovo cliente interessato a un {1}, consegna entro marzo: potete fare il sopralluogo?", "Sopralluogo fissato per lunedì alle 10."),
        new(CaseType.SalesOpportunity, "fiera", "Contatto dalla fiera: {1} per hotel", "Ci siamo visti in fiera al vostro stand: per il nostro hotel servirebbero 40 {1}.", "È stato un piacere conoscervi: prepariamo l'offerta per 40 pezzi entro venerdì.", null, null, null),
        new(CaseType.Information, "sito", "Orari dello showroom", "Siete aperti il sabato pomeriggio? Vorrei vedere il {1} esposto.", "Sì, lo showroom è aperto il sabato dalle 9 alle 18: la aspettiamo.", null, null, null),
        new(CaseType.Information, "punto-vendita", "Disponibilità colori del {1}", "Il {1} esiste anche in rovere chiaro?", "Sì, è disponibile in rovere chiaro, noce e bianco opaco, senza sovrapprezzo.", null, null, null),
        new(CaseType.Request, "centralino", "Richiamare per spostare la consegna", "Il cliente ha chiamato: chiede di spostare la consegna dell'ordine {0} alla settimana successiva.", "Consegna spostata come richiesto, confermata al cliente per telefono.", "Logistica e magazzino", "Spostate la consegna dell'ordine {0} alla settimana prossima?", "Fatto, nuova data martedì."),
        new(CaseType.Complaint, "commerciale", "Promessa del venditore non mantenuta", "Il vostro venditore ci aveva garantito la consegna in 3 settimane, ne sono passate 6.", "Ci scusiamo: abbiamo parlato con l'area manager, la consegna avverrà entro 5 giorni lavorativi e il trasporto è a nostro carico.", "Vendite", "Il cliente dice che gli avevamo promesso 3 settimane per l'ordine {0}: cosa è stato detto?", "Confermo, era stata indicata una data troppo ottimistica. Trasporto gratuito approvato."),
        new(CaseType.Request, "email", "Modifica indirizzo di consegna", "Per l'ordine {0} la consegna va fatta al nuovo cantiere di via Roma 12.", "Indirizzo aggiornato, grazie della comunicazione.", null, null, null),
    ];

    private static readonly Story[] WithHandOff = Stories.Where(s => s.HandOffTo is not null).ToArray();

    private static readonly (CaseChannel Channel, int Weight)[] Channels =
        [(CaseChannel.Email, 45), (CaseChannel.Phone, 25), (CaseChannel.WebForm, 10), (CaseChannel.WalkIn, 8), (CaseChannel.TradeFair, 4), (CaseChannel.Visit, 4), (CaseChannel.Api, 4)];

    private static readonly string[] Products = ["armadio su misura", "tavolo in rovere", "divano modulare", "parete attrezzata", "cucina componibile", "letto contenitore", "libreria a giorno"];

    // More work in the autumn and before Christmas, less in August.
    private static readonly int[] MonthWeight = [7, 7, 8, 8, 8, 7, 6, 3, 10, 12, 12, 10];

    public async Task SeedAsync(int cases, int seed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var (calendar, policy) = await settings.GetAsync(ct);
        var people = await customers.SearchAsync("", 50, ct);
        var departments = await organization.DepartmentsAsync(ct);
        var members = await organization.MembersAsync(ct);
        var agents = members.Where(m => m.Role is Role.Agent or Role.CxLead).ToList();
        var now = clock.GetUtcNow();
        var openedTimes = Enumerable.Range(0, cases).Select(_ => PastInstant(random, now)).Order().ToList();
        // The golden thread's problem: the last four weeks hold seven late or damaged deliveries, whatever the draws
        // gave and whatever the day, so the journey map always opens with Consegna red (its threshold is 5 complaints).
        var recent = Math.Max(12, openedTimes.Count(t => now - t < TimeSpan.FromDays(28)));
        var deliveryEvery = Math.Max(1, recent / 7);

        for (var i = 0; i < cases; i++)
        {
            // The latest dozen are still being worked, in every state (new, answered, with a department, waiting on the
            // customer, resolved); older ones are almost all done.
            var latest = cases - 1 - i;
            // They arrived over the last day and a half, three hours apart, so the inbox shows due times still running,
            // near due and just past, not only a backlog weeks overdue. Still in order: numbers follow arrival.
            var opened = latest < 12 ? Max(openedTimes[i], now - TimeSpan.FromHours(3 * (latest + 1))) : openedTimes[i];
            // A few of the last weeks' cases are still open past their due time: the backlog the desk is working off.
            var stage = latest < 12 ? latest % 6 : now - opened < TimeSpan.FromDays(45) && random.Next(6) == 0 ? 3 : 6;
            var story = stage == 2 ? WithHandOff[random.Next(WithHandOff.Length)] : Stories[random.Next(Stories.Length)];
            // Decided by the case's position, leaving the draws alone so the rest of the year stays as it was.
            var inRecent = i - (cases - recent);
            if (inRecent >= 0 && inRecent % deliveryEvery == 0 && inRecent / deliveryEvery < 7)
            {
                story = Stories[inRecent / deliveryEvery % 2];
            }

            // A few customers write often: the square skews the pick towards the first ones.
            var customer = people[(int)(Math.Pow(random.NextDouble(), 2) * people.Count)];
            var channel = story.Touchpoint switch
            {
                "fiera" => CaseChannel.TradeFair,
                "centralino" => CaseChannel.Phone,
                "punto-vendita" => CaseChannel.WalkIn,
                "sito" => CaseChannel.WebForm,
                _ => Pick(random, Channels),
            };
            var priority = story.Type == CaseType.Complaint && random.Next(3) == 0 ? CasePriority.High
                : random.Next(12) == 0 ? CasePriority.Urgent : random.Next(8) == 0 ? CasePriority.Low : CasePriority.Normal;
            var order = $"{opened.Year % 100}/{random.Next(1000, 9999)}";
            var product = Products[random.Next(Products.Length)];
            string Fill(string text) => string.Format(System.Globalization.CultureInfo.InvariantCulture, text, order, product);

            var item = Case.Open(i + 1, Fill(story.Subject), story.Type, priority, channel, opened, calendar, policy.For(priority, story.Type));
            item.CustomerId = customer.Id;
            item.RequesterName = customer.Name;
            item.RequesterEmail = customer.Email;
            item.TouchpointCode = story.Touchpoint;
            var agent = agents.Count == 0 || random.Next(10) == 0 ? null : agents[random.Next(agents.Count)];
            item.AssigneeId = agent?.UserId;
            item.DepartmentId = departments.FirstOrDefault(d => d.Name.StartsWith("Customer service", StringComparison.Ordinal))?.Id;
            db.Add(item);
            var loggedByAgent = channel is CaseChannel.Phone or CaseChannel.WalkIn or CaseChannel.TradeFair or CaseChannel.Visit;
            Entry(item, loggedByAgent ? CaseEntryKind.ConversationNote : CaseEntryKind.CustomerMessage, Fill(story.Message), opened, loggedByAgent ? agent?.Name : customer.Name, channel);
            Timeline(item, "case_opened", $"Pratica #{item.Number} aperta: {item.Subject}", opened);

            if (stage == 0)
            {
                continue;   // new, nobody has answered yet
            }

            var answeredAt = Clamp(opened + TimeSpan.FromMinutes(random.Next(20, 60 * 30)), now);
            item.AgentResponded(answeredAt);
            Entry(item, CaseEntryKind.Reply, Fill(story.Reply), answeredAt, agent?.Name ?? "Giulia Conti", CaseChannel.Email);
            if (stage >= 2 && story.HandOffTo is { } departmentName && departments.FirstOrDefault(d => d.Name.StartsWith(departmentName, StringComparison.Ordinal)) is { } department)
            {
                var askedAt = Clamp(answeredAt + TimeSpan.FromMinutes(random.Next(5, 120)), now);
                var handOff = new HandOff
                {
                    Id = Ids.New(), CaseId = item.Id, DepartmentId = department.Id, Request = Fill(story.HandOffAsk!), RequestedAt = askedAt,
                    RequestedByName = agent?.Name, DueAt = calendar.AddBusinessTime(askedAt, TimeSpan.FromHours(8)),
                };
                db.Add(handOff);
                Entry(item, CaseEntryKind.HandOffRequested, $"{department.Name}: {handOff.Request}", askedAt, agent?.Name, null);
                item.WaitOnDepartment(true, askedAt, calendar);
                if (stage == 2)
                {
                    continue;   // still with the department
                }

                var back = Clamp(askedAt + TimeSpan.FromHours(random.Next(1, 40)), now);
                var person = members.FirstOrDefault(m => m.DepartmentId == department.Id);
                handOff.Complete(Fill(story.HandOffAnswer!), person?.UserId, person?.Name, back);
                Entry(item, CaseEntryKind.HandOffAnswered, $"{department.Name}: {handOff.Answer}", back, person?.Name, null);
                item.WaitOnDepartment(false, back, calendar);
            }

            if (stage == 4)
            {
                item.MoveTo(CaseStatus.WaitingOnCustomer, Clamp(item.LastActivityAt + TimeSpan.FromMinutes(10), now), calendar);
                continue;
            }

            if (stage < 5)
            {
                continue;   // open, being worked
            }

            var resolvedAt = Clamp(item.LastActivityAt + TimeSpan.FromHours(random.Next(1, 72)), now);
            item.MoveTo(CaseStatus.Resolved, resolvedAt, calendar);
            Entry(item, CaseEntryKind.StatusChanged, $"{CaseNames.Label(CaseStatus.Open)} → {CaseNames.Label(CaseStatus.Resolved)}", resolvedAt, agent?.Name, null);
            Timeline(item, "case_resolved", $"Pratica #{item.Number} risolta", resolvedAt);
            if (stage == 6 && now - resolvedAt > TimeSpan.FromDays(7))
            {
                item.MoveTo(CaseStatus.Closed, resolvedAt + TimeSpan.FromDays(7), calendar);
            }
        }

        db.Add(new CaseCounter { OrganizationId = tenant.RequiredOrganizationId, LastNumber = cases });
        await db.SaveChangesAsync(ct);
        await announcements.SeedAsync(random, ct);
        await knowledge.SeedAsync(ct);
    }

    private void Entry(Case owner, CaseEntryKind kind, string text, DateTimeOffset at, string? author, CaseChannel? channel) =>
        db.Add(new CaseEntry { Id = Ids.New(), CaseId = owner.Id, Kind = kind, At = at, AuthorName = author, Text = text, Channel = channel });

    private void Timeline(Case about, string type, string summary, DateTimeOffset at)
    {
        if (about.CustomerId is { } customerId)
        {
            customers.RecordOnTimeline(customerId, new TimelineEntry(type, at, summary, about.TouchpointCode, CaseNames.Of(about.Channel), "demo", CaseDesk.PageOf(about.Number)));
        }
    }

    private static DateTimeOffset Clamp(DateTimeOffset at, DateTimeOffset now) => at > now ? now : at;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    /// <summary>A moment of the past year, weighted by month, on a weekday morning or afternoon.</summary>
    private static DateTimeOffset PastInstant(Random random, DateTimeOffset now)
    {
        while (true)
        {
            var at = now.AddDays(-random.Next(0, 365)).AddMinutes(-random.Next(0, 24 * 60));
            var local = Cerchio.Text.Times.InItaly(at);
            if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && random.Next(5) > 0)
            {
                continue;
            }

            if (random.Next(12) < MonthWeight[local.Month - 1])
            {
                return at > now ? now : at;
            }
        }
    }
}

using System.Text.Json;
using Bogus;
using Cerchio.Customers.Contracts;
using Cerchio.Customers.Domain;
using Cerchio.Data;

namespace Cerchio.Customers.Features.Demo;

/// <summary>
/// Realistic Italian customers for the demo company (a furniture maker selling to builders, architects,
/// shops and families): valid partite IVA, Italian addresses and phones, and a year of the events its
/// ERP would send — quotes, orders, deliveries, invoices, visits, calls.
/// </summary>
internal sealed class CustomerDemoData(CerchioDb db, TimeProvider clock) : ICustomerDemoData
{
    private static readonly string[] CompanySuffixes = ["S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s."];
    private static readonly string[] CompanyTrades =
        ["Costruzioni", "Edilizia", "Arredamenti", "Interni", "Architettura", "Immobiliare", "Hotel", "Ristrutturazioni", "Design", "Contract"];
    private static readonly string[] Sectors = ["edilizia", "architettura", "hotellerie", "retail", "privato"];
    private static readonly string[] Segments = ["A", "B", "C"];
    private static readonly (string City, string Province, string Cap)[] Cities =
    [
        ("Milano", "MI", "20121"), ("Torino", "TO", "10121"), ("Padova", "PD", "35121"), ("Verona", "VR", "37121"),
        ("Treviso", "TV", "31100"), ("Bologna", "BO", "40121"), ("Firenze", "FI", "50122"), ("Roma", "RM", "00184"),
        ("Napoli", "NA", "80133"), ("Bari", "BA", "70121"), ("Brescia", "BS", "25121"), ("Bergamo", "BG", "24121"),
        ("Udine", "UD", "33100"), ("Vicenza", "VI", "36100"), ("Modena", "MO", "41121"), ("Parma", "PR", "43121"),
        ("Genova", "GE", "16121"), ("Trento", "TN", "38122"), ("Pesaro", "PU", "61121"), ("Lecce", "LE", "73100"),
    ];
    private static readonly string[] JobTitles = ["Titolare", "Ufficio acquisti", "Direttore di cantiere", "Amministrazione", "Architetto", "Responsabile tecnico"];
    private static readonly string[] Products = ["cucina componibile", "armadio su misura", "tavolo in rovere", "divano modulare", "parete attrezzata", "camera completa", "arredo bagno", "libreria a giorno"];

    public async Task SeedAsync(int customers, int seed, CancellationToken ct = default)
    {
        var faker = new Faker("it") { Random = new Randomizer(seed) };
        var now = clock.GetUtcNow();
        var events = new List<TimelineEvent>();

        for (var i = 0; i < customers; i++)
        {
            var isCompany = i % 3 != 2;   // two in three are businesses
            var place = faker.PickRandom(Cities);
            var createdAt = now.AddDays(-faker.Random.Int(370, 900));
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var trade = faker.PickRandom(CompanyTrades);
            var details = new CustomerDetails
            {
                Kind = isCompany ? CustomerKind.Company : CustomerKind.Person,
                Name = isCompany ? $"{last} {trade} {faker.PickRandom(CompanySuffixes)}" : null,
                FirstName = isCompany ? null : first,
                LastName = isCompany ? null : last,
                VatNumber = isCompany ? VatNumber(faker) : null,
                Email = isCompany ? $"info@{Slug(last)}{Slug(trade)}{i}.it" : $"{Slug(first)}.{Slug(last)}{i}@{faker.PickRandom("gmail.com", "libero.it", "outlook.it", "virgilio.it")}",
                Phone = isCompany ? $"+39 0{faker.Random.Int(2, 99)} {faker.Random.Int(100000, 9999999)}" : $"+39 3{faker.Random.Int(20, 99)} {faker.Random.Int(100, 999)} {faker.Random.Int(1000, 9999)}",
                Address = $"{faker.PickRandom("Via", "Viale", "Corso", "Piazza")} {faker.Name.LastName()} {faker.Random.Int(1, 180)}",
                PostalCode = place.Cap,
                City = place.City,
                Province = place.Province,
                Country = "IT",
                ExternalId = $"CLI-{10000 + i}",
                Attributes = new Dictionary<string, string>
                {
                    ["segmento"] = faker.PickRandom(Segments),
                    ["settore"] = isCompany ? faker.PickRandom(Sectors[..4]) : "privato",
                },
            };
            var customer = new Customer { Id = Ids.New(), CreatedAt = createdAt };
            customer.Apply(details, createdAt);
            db.Add(customer);
            events.Add(Event(customer, EventTypes.CustomerCreated, createdAt, "Cliente creato dall'import iniziale", "demo"));

            if (isCompany)
            {
                foreach (var _ in Enumerable.Range(0, faker.Random.Int(1, 3)))
                {
                    var cf = faker.Name.FirstName();
                    var cl = faker.Name.LastName();
                    db.Add(new Contact
                    {
                        Id = Ids.New(),
                        CustomerId = customer.Id,
                        FirstName = cf,
                        LastName = cl,
                        Email = $"{Slug(cf)}.{Slug(cl)}@{customer.Email!.Split('@')[1]}",
                        Phone = $"+39 3{faker.Random.Int(20, 99)} {faker.Random.Int(100, 999)} {faker.Random.Int(1000, 9999)}",
                        JobTitle = faker.PickRandom(JobTitles),
                        CreatedAt = createdAt,
                    });
                }
            }

            // A year of business: each deal is quote → order → delivery → invoice, with visits and calls around it.
            var deals = faker.Random.Int(1, isCompany ? 5 : 2);
            for (var d = 0; d < deals; d++)
            {
                var at = now.AddDays(-faker.Random.Double(5, 365));
                var product = faker.PickRandom(Products);
                var amount = Math.Round(faker.Random.Decimal(400, isCompany ? 60000 : 9000), 2);
                var number = $"{at:yy}/{faker.Random.Int(1000, 9999)}";
                if (isCompany && faker.Random.Bool(0.6f))
                {
                    events.Add(Event(customer, "visit", at.AddDays(-faker.Random.Int(3, 20)), "Visita del commerciale in sede", "erp", "commerciale"));
                }

                events.Add(Event(customer, "quote_sent", at, $"Preventivo {number}: {product}", "erp", "preventivo", ("numero", number), ("importo", amount)));
                if (faker.Random.Bool(0.7f))
                {
                    var ordered = at.AddDays(faker.Random.Int(2, 20));
                    events.Add(Event(customer, "order_placed", ordered, $"Ordine {number}: {product}", "erp", "punto-vendita", ("numero", number), ("importo", amount)));
                    var promised = ordered.AddDays(faker.Random.Int(20, 45));
                    var late = faker.Random.Bool(0.25f) ? faker.Random.Int(3, 15) : 0;
                    var delivered = promised.AddDays(late);
                    if (delivered < now)
                    {
                        events.Add(Event(customer, "delivered", delivered, late > 0 ? $"Consegna {number} ({late} giorni di ritardo)" : $"Consegna {number}", "erp", "consegna",
                            ("numero", number), ("giorni_ritardo", late)));
                        events.Add(Event(customer, "invoice_issued", delivered.AddDays(1), $"Fattura {number}", "erp", "fattura", ("numero", number), ("importo", amount)));
                    }
                }

                if (faker.Random.Bool(0.35f))
                {
                    events.Add(Event(customer, "call", at.AddDays(faker.Random.Int(1, 30)), faker.PickRandom("Richiesta informazioni sui tempi", "Chiarimento sul preventivo", "Segnalazione su un montaggio"), "centralino", "centralino"));
                }
            }
        }

        db.AddRange(events.Where(e => e.OccurredAt <= now));
        await db.SaveChangesAsync(ct);
    }

    private TimelineEvent Event(Customer customer, string type, DateTimeOffset at, string summary, string source, string? touchpoint = null, params (string Key, object Value)[] properties) => new()
    {
        Id = Ids.New(),
        CustomerId = customer.Id,
        Type = type,
        OccurredAt = at,
        RecordedAt = clock.GetUtcNow(),
        Summary = summary,
        TouchpointCode = touchpoint,
        Source = source,
        Properties = JsonSerializer.Serialize(properties.ToDictionary(p => p.Key, p => p.Value)),
    };

    private static string VatNumber(Faker faker)
    {
        var first = faker.Random.ReplaceNumbers("##########");
        return first + VatNumbers.CheckDigit(first);
    }

    private static string Slug(string s) => new(Customer.Normalize(s).Where(char.IsAsciiLetterOrDigit).ToArray());
}

using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Tenancy;

namespace Cerchio.Service.Features.Announcements;

/// <summary>
/// The demo company's announcements: last month's new returns procedure, acknowledged by almost everyone before its
/// launch and discussed in its thread; and next Monday's price list, published yesterday, acknowledged by half the
/// front line so far. Written directly with past times, as the desk's demo data is.
/// </summary>
internal sealed class AnnouncementDemoData(CerchioDb db, Announcements announcements, IOrganizationDirectory organization, TimeProvider clock)
{
    public async Task SeedAsync(Random random, CancellationToken ct = default)
    {
        var members = await organization.MembersAsync(ct);
        var departments = await organization.DepartmentsAsync(ct);
        var author = members.FirstOrDefault(m => m.Role == Role.CxLead) ?? members.First();
        var now = clock.GetUtcNow();
        var today = Cerchio.Text.Times.DayInItaly(now);
        var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var nextMonday = today.AddDays(toMonday == 0 ? 7 : toMonday);
        var frontLine = departments.Where(d => AnnouncementNames.IsFrontLine(d.Name)).Select(d => d.Id).ToList();

        var returns = New(author, AnnouncementKind.ProcessChange, "Nuova procedura per i resi: ritiro a domicilio entro 5 giorni",
            """
            Dal **lancio** i resi non passano più dal punto vendita: il cliente apre la richiesta e **Logistica** organizza il ritiro a domicilio entro 5 giorni lavorativi.

            Cosa cambia per voi:
            - aprite sempre una pratica di tipo *richiesta* con touchpoint **Consegna**;
            - chiedete a Logistica la data di ritiro con un passaggio di consegne;
            - il rimborso parte dall'Amministrazione quando il mobile rientra in magazzino.

            Il modulo per il cliente è sul sito, alla pagina [Resi e rimborsi](https://www.rossiarredamenti.it/resi).
            """,
            Cerchio.Text.Times.StartOfDay(today.AddDays(-20)), frontLine, "consegna,sito", "tutti i mobili su misura");
        var prices = New(author, AnnouncementKind.PriceChange, "Nuovo listino 2027: cucine componibili +4%",
            """
            Da **lunedì** entra in vigore il listino 2027. Le **cucine componibili** aumentano del 4%; armadi, tavoli e librerie restano invariati.

            I preventivi già firmati restano al prezzo vecchio fino alla consegna. I preventivi aperti valgono al prezzo vecchio fino a venerdì.

            Il listino in PDF è nella cartella condivisa *Commerciale › Listini*.
            """,
            Cerchio.Text.Times.StartOfDay(nextMonday), frontLine, "preventivo,punto-vendita,commerciale", "cucina componibile");

        foreach (var (announcement, publishedDaysAgo) in new[] { (returns, 27.0), (prices, 1.0) })
        {
            announcement.CreatedAt = now.AddDays(-publishedDaysAgo - 1);
            announcement.Publish(now.AddDays(-publishedDaysAgo), TimeSpan.FromDays(1));
            db.Add(announcement);
        }

        // Last month's: all but one acknowledged before the launch, the last one a day late.
        var audience = await announcements.AudienceOfAsync(returns, ct);
        for (var i = 0; i < audience.Count; i++)
        {
            var read = returns.PublishedAt!.Value.AddHours(2 + random.Next(60));
            var late = i == audience.Count - 1;
            db.Add(new AnnouncementReceipt
            {
                Id = Ids.New(), AnnouncementId = returns.Id, UserId = audience[i].UserId, ReadAt = late ? returns.EffectiveAt.AddHours(20) : read,
                AcknowledgedAt = late ? returns.EffectiveAt.AddDays(1) : read.AddMinutes(random.Next(1, 30)),
            });
        }

        returns.RemindedAt = returns.RemindAt;
        Thread(returns, audience, author,
        [
            (AnnouncementPostKind.Question, "Vale anche per i resi di mobili già montati dal nostro montatore?", "Sì: il montatore smonta e Logistica ritira nello stesso giro.", null, true),
            (AnnouncementPostKind.Question, "Se il cliente vuole riportarlo lui in negozio possiamo accettarlo?", "Sì, ma apriamo comunque la pratica così il rimborso parte lo stesso giorno.", null, true),
            (AnnouncementPostKind.Proposal, "Mandiamo al cliente un SMS il giorno prima del ritiro, come per le consegne.", null, ProposalDecision.Accepted, false),
            (AnnouncementPostKind.Proposal, "Facciamo pagare il ritiro sotto i 100 euro.", "Non ora: il ritiro gratuito è il punto della nuova procedura. Lo rivediamo a marzo con i numeri.", ProposalDecision.Declined, false),
        ]);

        // Next Monday's: half the front line has acknowledged so far, a few have only read it.
        var upcoming = await announcements.AudienceOfAsync(prices, ct);
        for (var i = 0; i < upcoming.Count; i++)
        {
            var read = i % 3 == 2 ? (DateTimeOffset?)null : prices.PublishedAt!.Value.AddHours(1 + random.Next(18));
            db.Add(new AnnouncementReceipt
            {
                Id = Ids.New(), AnnouncementId = prices.Id, UserId = upcoming[i].UserId, ReadAt = read,
                AcknowledgedAt = read is { } r && i % 2 == 0 ? r.AddMinutes(random.Next(1, 20)) : null,
            });
        }

        Thread(prices, upcoming, author,
        [
            (AnnouncementPostKind.Question, "I clienti chiederanno se vale anche per gli ordini già fatti: cosa rispondiamo?", null, null, false),
        ]);
        await db.SaveChangesAsync(ct);
    }

    private static Announcement New(MemberInfo author, AnnouncementKind kind, string title, string body, DateTimeOffset effectiveAt, List<Guid> departments, string touchpoints, string products) => new()
    {
        Id = Ids.New(), Kind = kind, Title = title, Body = body, EffectiveAt = effectiveAt, RequiresAcknowledgement = true,
        AudienceDepartments = CommaList.Join(departments), AudienceRoles = CommaList.Join(new[] { Role.Agent }), Touchpoints = touchpoints, Products = products,
        AuthorId = author.UserId, AuthorName = author.Name,
    };

    private void Thread(Announcement about, List<MemberInfo> audience, MemberInfo author, (AnnouncementPostKind Kind, string Text, string? Answer, ProposalDecision? Decision, bool Faq)[] posts)
    {
        for (var i = 0; i < posts.Length && audience.Count > 0; i++)
        {
            var (kind, text, answer, decision, faq) = posts[i];
            var at = about.PublishedAt!.Value.AddHours(5 + (i * 7));
            var asker = audience[i % audience.Count];
            var post = new AnnouncementPost
            {
                Id = Ids.New(), AnnouncementId = about.Id, Kind = kind, Text = text, AuthorId = asker.UserId, AuthorName = asker.Name, At = at,
                Answer = decision is null ? answer : null, Decision = decision, DecisionReason = decision is null ? null : answer,
                AnsweredBy = answer is null && decision is null ? null : author.Name, AnsweredAt = answer is null && decision is null ? null : at.AddHours(3), IsFaq = faq,
            };
            db.Add(post);
            // The first question of a thread is everybody's: two colleagues have it too.
            if (i == 0 && kind == AnnouncementPostKind.Question)
            {
                db.AddRange(audience.Where(m => m.UserId != asker.UserId).Take(2).Select((m, n) => new AnnouncementPostSupport
                {
                    Id = Ids.New(), PostId = post.Id, UserId = m.UserId, UserName = m.Name, At = at.AddMinutes(20 * (n + 1)),
                }));
            }
        }
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cerchio.Customers.Domain;
using Cerchio.Customers.Features.ImportCustomers;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Cerchio.Ui.Import;

namespace Cerchio.Tests.Infrastructure;

public static class EveryKindOfRecord
{
    private static int _seeded;

    /// <summary>
    /// One record of every kind, in a new organization, and the route parameter names each kind is known by: the
    /// tests that walk every endpoint (isolation, bad input) fill route parameters from it. A new kind of record
    /// with a new route parameter is added here once.
    /// </summary>
    public static async Task<(TestOrganization Org, Dictionary<string, string> Ids)> SeedAsync(AppFixture app, string name, string tag)
    {
        var org = await app.CreateOrganizationAsync(name, ($"persona.{tag.ToLowerInvariant()}@example.test", Role.Agent));
        var api = org.Api();
        var customer = await (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Cliente {tag} S.r.l.", email = $"cliente.{tag.ToLowerInvariant()}@example.test", external_id = $"EXT-{tag}", attributes = new Dictionary<string, string> { ["nota"] = tag } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var customerId = customer.GetProperty("id").GetGuid();
        var duplicate = await (await api.PostAsJsonAsync("/api/v1/customers", new { name = $"Doppione {tag} S.r.l." }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await api.PostAsJsonAsync($"/api/v1/customers/{customerId}/contacts", new { first_name = "Contatto", last_name = tag, email = $"contatto.{tag.ToLowerInvariant()}@example.test" })).EnsureSuccessStatusCode();
        // Case numbers count per organization: each seeded organization numbers its cases from a range of its own, so
        // the number of its case does not exist in another one, even after the pages' own forms (quick capture) open more.
        var range = Interlocked.Increment(ref _seeded) * 100_000;
        await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            db.Add(new Cerchio.Service.Domain.CaseCounter { OrganizationId = org.Id, LastNumber = range });
            return await db.SaveChangesAsync();
        });
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = $"Pratica {tag}", customer = new { external_id = $"EXT-{tag}" }, channel = "email", text = $"Testo {tag}" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var caseNumber = opened.GetProperty("number").GetInt32();
        // A second case of the same customer, merged into the first: the merged case (closed, pointing to its target) is a record too.
        var duplicateCase = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = $"Pratica doppia {tag}", customer = new { external_id = $"EXT-{tag}" }, channel = "phone", text = $"Doppia {tag}" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        (await api.PostAsJsonAsync($"/api/v1/cases/{duplicateCase.GetProperty("number").GetInt32()}/merge", new { into = caseNumber })).EnsureSuccessStatusCode();

        (await api.PostAsJsonAsync("/api/v1/events", new { events = new[] { new { id = $"evento-{tag}", type = "delivered", customer = new { external_id = $"EXT-{tag}" }, occurred_at = "2026-10-01T08:00:00Z", summary = $"Consegna {tag}" } } })).EnsureSuccessStatusCode();

        return await app.InOrganizationAsync(org.Id, async services =>
        {
            var db = services.GetRequiredService<CerchioDb>();
            var department = await db.Set<Department>().OrderBy(d => d.SortOrder).FirstAsync();
            department.Name = $"Reparto {tag}";
            var member = await db.Set<Membership>().Include(m => m.Department).FirstAsync(m => m.Role == Role.Agent);
            var (key, _) = Cerchio.Organizations.Domain.ApiKey.Issue($"Chiave {tag}", "test", DateTimeOffset.UtcNow);
            db.Add(key);
            var invitation = new Invitation { Id = Ids.New(), Email = $"invito.{tag.ToLowerInvariant()}@example.test", Role = Role.Agent, TokenHash = Cerchio.Organizations.Domain.ApiKey.Hash(tag), CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7), InvitedBy = tag };
            db.Add(invitation);
            var import = new ImportJob { Id = Ids.New(), FileName = $"clienti-{tag}.csv", Sheet = StoredSheet.Encode(new SheetTable(["Ragione sociale"], [new SheetRow(2, [$"Import {tag}"])])), Status = ImportStatus.Previewed, TotalRows = 1, CreatedBy = tag, CreatedAt = DateTimeOffset.UtcNow };
            db.Add(import);
            // No IMAP server: the poller leaves it alone, so only requests change it.
            var mailbox = new Cerchio.Service.Domain.Mailbox { Id = Ids.New(), Name = $"Casella {tag}", Address = $"assistenza.{tag.ToLowerInvariant()}@example.test", SenderName = tag };
            db.Add(mailbox);
            var handOff = new Cerchio.Service.Domain.HandOff
            {
                Id = Ids.New(), CaseId = await db.Set<Cerchio.Service.Domain.Case>().Where(c => c.Number == caseNumber).Select(c => c.Id).SingleAsync(),
                DepartmentId = department.Id, Request = $"Richiesta {tag}", RequestedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow.AddDays(1),
            };
            db.Add(handOff);
            var firstEntry = await db.Set<Cerchio.Service.Domain.CaseEntry>().Where(e => e.CaseId == handOff.CaseId).OrderBy(e => e.At).FirstAsync();
            var attachment = new Cerchio.Service.Domain.CaseAttachment
            {
                Id = Ids.New(), CaseId = handOff.CaseId, EntryId = firstEntry.Id, FileName = $"allegato-{tag}.txt", ContentType = "text/plain",
                Content = Encoding.UTF8.GetBytes($"Contenuto {tag}"), Size = Encoding.UTF8.GetByteCount($"Contenuto {tag}"),
            };
            db.Add(attachment);
            // The desk's own calendar, with a closure named after the organization: the settings page must show only its own.
            db.Add(new Cerchio.Service.Domain.DeskSettings
            {
                OrganizationId = org.Id,
                Calendar = Cerchio.Service.Domain.DeskSettings.Write(Cerchio.Service.Domain.CalendarSettings.ItalianDefault with { Closures = [Cerchio.Service.Domain.Closure.Yearly(12, 7, $"Patrono {tag}")] }),
                SlaPolicy = Cerchio.Service.Domain.DeskSettings.Write(Cerchio.Service.Domain.SlaPolicy.ItalianDefault),
            });
            var cannedReply = new Cerchio.Service.Domain.CannedReply { Id = Ids.New(), Title = $"Risposta {tag}", TitleKey = $"risposta {tag}".ToLowerInvariant(), Body = $"Testo della risposta {tag}, {{{{cliente}}}}", CreatedBy = tag, UpdatedBy = tag };
            db.Add(cannedReply);
            // A notification for each person: the bell and /notifiche must show only the signed-in person's own.
            var administrator = await db.Set<Membership>().Where(m => m.Role == Role.Administrator).Select(m => m.UserId).FirstAsync();
            var notifications = new[] { member.UserId, administrator }.Select(recipient => new Notification
            {
                Id = Ids.New(), RecipientId = recipient, Kind = Cerchio.Organizations.Contracts.NotificationKind.Mention,
                Title = $"Notifica {tag}", Link = $"/assistenza/pratiche/{caseNumber}", CreatedAt = DateTimeOffset.UtcNow,
            }).ToList();
            db.AddRange(notifications);
            // A published announcement to the agent, read by nobody yet, with a question in its thread.
            var announcement = new Cerchio.Service.Domain.Announcement
            {
                Id = Ids.New(), Kind = Cerchio.Service.Domain.AnnouncementKind.PriceChange, Title = $"Annuncio {tag}", Body = $"Listino {tag}",
                EffectiveAt = DateTimeOffset.UtcNow.AddDays(7), RequiresAcknowledgement = true, AudienceRoles = "Agent", Products = $"Prodotto {tag}",
                Status = Cerchio.Service.Domain.AnnouncementStatus.Published, AuthorId = administrator, AuthorName = tag,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, PublishedAt = DateTimeOffset.UtcNow, RemindAt = DateTimeOffset.UtcNow.AddDays(6),
            };
            db.Add(announcement);
            db.Add(new Cerchio.Service.Domain.AnnouncementReceipt { Id = Ids.New(), AnnouncementId = announcement.Id, UserId = member.UserId });
            db.Add(new Cerchio.Service.Domain.AnnouncementPost
            {
                Id = Ids.New(), AnnouncementId = announcement.Id, Kind = Cerchio.Service.Domain.AnnouncementPostKind.Question, Text = $"Domanda {tag}",
                AuthorId = member.UserId, AuthorName = tag, At = DateTimeOffset.UtcNow,
            });
            var article = new Cerchio.Service.Domain.Article
            {
                Id = Ids.New(), GroupId = Ids.New(), Title = $"Articolo {tag}", Body = $"Conoscenza {tag}", Category = $"Categoria {tag}", Tags = tag,
                Status = Cerchio.Service.Domain.ArticleStatus.Published, Version = 1, CreatedBy = tag, UpdatedBy = tag, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(article);
            db.Add(new Cerchio.Service.Domain.ArticleVersion { Id = Ids.New(), ArticleId = article.Id, Version = 1, Title = article.Title, Body = article.Body, Status = article.Status, SavedBy = tag, SavedAt = DateTimeOffset.UtcNow });
            Cerchio.Service.Domain.DocumentFile FileOf(Cerchio.Service.Domain.DocumentOwner kind, Guid ownerId) => new()
            {
                Id = Ids.New(), OwnerKind = kind, OwnerId = ownerId, FileName = $"allegato-{tag}.pdf", ContentType = "application/pdf",
                Content = Encoding.UTF8.GetBytes($"%PDF-1.4 {tag}"), Size = 9 + tag.Length, AddedBy = tag, AddedAt = DateTimeOffset.UtcNow,
            };
            var announcementFile = FileOf(Cerchio.Service.Domain.DocumentOwner.Announcement, announcement.Id);
            var articleFile = FileOf(Cerchio.Service.Domain.DocumentOwner.Article, article.Id);
            db.AddRange(announcementFile, articleFile);
            // The organization's own touchpoint (beside the seventeen defaults every organization has).
            // Its code leaves the tag out: a page that echoes the address asked for must not look like a leak.
            var touchpointCode = $"tocco-{Guid.NewGuid():N}"[..16];
            var (touchpoint, touchpointErrors) = await services.GetRequiredService<Cerchio.Journeys.Features.Catalog.TouchpointCatalog>()
                .SaveAsync(null, new() { Code = touchpointCode, Name = $"Touchpoint {tag}", Promise = tag });
            if (touchpoint is null)
            {
                throw new InvalidOperationException(string.Join("; ", touchpointErrors.All.Select(e => e.Message.Text)));
            }

            // The default journey (made on first look, so made here rather than by the first page a test visits), and
            // a journey of its own with the default stages.
            var journeyBook = services.GetRequiredService<Cerchio.Journeys.Features.Maps.JourneyBook>();
            await journeyBook.ListAsync();
            var (journey, journeyErrors) = await journeyBook.SaveAsync(null, new() { Name = $"Viaggio {tag}", Description = tag });
            if (journey is null)
            {
                throw new InvalidOperationException(string.Join("; ", journeyErrors.All.Select(e => e.Message.Text)));
            }

            var stage = await db.Set<Cerchio.Journeys.Domain.JourneyStage>().FirstAsync(s => s.JourneyId == journey.Id);
            // A card on that stage: the organization's own touchpoint.
            var stageInput = Cerchio.Journeys.Features.Maps.StageInput.From(stage, []);
            stageInput.Touchpoints = [touchpointCode];
            var (_, stageErrors) = await journeyBook.SaveStageAsync(journey.Id, stage.Id, stageInput);
            if (stageErrors.Any)
            {
                throw new InvalidOperationException(string.Join("; ", stageErrors.All.Select(e => e.Message.Text)));
            }

            var card = await db.Set<Cerchio.Journeys.Domain.JourneyCard>().SingleAsync(c => c.JourneyId == journey.Id);

            // A persona tied to the customer's attribute, with a photo (a 1×1 PNG).
            var (persona, personaErrors) = await services.GetRequiredService<Cerchio.Journeys.Features.Personas.Personas>().SaveAsync(null,
                new() { Name = $"Persona {tag}", Quote = tag, MatchAttribute = "nota", MatchValue = tag },
                Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="));
            if (persona is null)
            {
                throw new InvalidOperationException(string.Join("; ", personaErrors.All.Select(e => e.Message.Text)));
            }

            // A published survey with an invitation to the customer and its answer, the comment naming the organization.
            var surveys = services.GetRequiredService<Cerchio.Feedback.Features.Surveys.SurveyBook>();
            var (survey, surveyErrors) = await surveys.SaveAsync(null, new() { Name = $"Sondaggio {tag}", Kind = Cerchio.Feedback.Contracts.SurveyKind.Nps, Touchpoint = touchpointCode, QuestionIt = $"Domanda {tag}?" });
            if (survey is null)
            {
                throw new InvalidOperationException(string.Join("; ", surveyErrors.All.Select(e => e.Message.Text)));
            }

            await surveys.PublishAsync(survey.Id);
            var (surveyTrigger, _) = await services.GetRequiredService<Cerchio.Feedback.Features.Invitations.SurveyTriggers>()
                .AddEventTriggerAsync(survey.Id, new() { EventType = "delivered", Touchpoint = touchpointCode });
            // Sent every year to the customers holding the tag: the schedule names the organization's own value.
            var (schedule, scheduleErrors) = await services.GetRequiredService<Cerchio.Feedback.Features.Invitations.SurveySchedules>().SaveAsync(survey.Id, new()
            {
                Enabled = true, Attribute = "nota", Value = tag, EveryMonths = 12, Hour = 9,
                FirstDay = Cerchio.Text.Times.FormDate(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)),
            });
            if (schedule is null)
            {
                throw new InvalidOperationException(string.Join("; ", scheduleErrors.All.Select(e => e.Message.Text)));
            }

            var (surveyInvitation, _, invitationErrors) = await services.GetRequiredService<Cerchio.Feedback.Features.Invitations.SurveyInvitations>()
                .CreateAsync(survey.Id, new() { CustomerId = customerId, Name = $"Invitato {tag}" });
            if (surveyInvitation is null)
            {
                throw new InvalidOperationException(string.Join("; ", invitationErrors.All.Select(e => e.Message.Text)));
            }

            var answer = new Cerchio.Feedback.Domain.SurveyResponse
            {
                Id = Ids.New(), SurveyId = survey.Id, VersionId = (await db.Set<Cerchio.Feedback.Domain.Survey>().SingleAsync(s => s.Id == survey.Id)).CurrentVersionId!.Value,
                InvitationId = surveyInvitation.Id, CustomerId = customerId, TouchpointCode = touchpointCode, Score = 3, Comment = $"Commento {tag}",
                StartedAt = DateTimeOffset.UtcNow, AnsweredAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(answer);
            // Its loop, numbered like the case ({number} names both), with what was done on it.
            var loop = new Cerchio.Feedback.Domain.LoopTask
            {
                Id = Ids.New(), Number = caseNumber, ResponseId = answer.Id, SurveyId = survey.Id, CustomerId = customerId, Email = $"cliente.{tag.ToLowerInvariant()}@example.test",
                Name = $"Cliente {tag}", TouchpointCode = touchpointCode, DepartmentId = department.Id, Reasons = "low_score", Score = 3,
                OpenedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow.AddDays(2),
            };
            db.Add(loop);
            db.Add(new Cerchio.Feedback.Domain.LoopActivity { Id = Ids.New(), LoopId = loop.Id, Kind = "note", Text = $"Nota {tag}", At = DateTimeOffset.UtcNow });

            var timelineEvent = await db.Set<TimelineEvent>().FirstAsync(e => e.CustomerId == customerId);
            var contact = await db.Set<Contact>().FirstAsync(c => c.CustomerId == customerId);
            var slug = await db.Set<Organization>().Select(o => o.Slug).SingleAsync();
            await db.SaveChangesAsync();
            var ids = new Dictionary<string, string>
            {
                ["customerid"] = customerId.ToString(),
                ["duplicateid"] = duplicate.GetProperty("id").GetString()!,
                ["contactid"] = contact.Id.ToString(),
                ["eventid"] = timelineEvent.Id.ToString(),
                ["externalid"] = $"EXT-{tag}",
                ["departmentid"] = department.Id.ToString(),
                ["memberid"] = member.Id.ToString(),
                ["membershipid"] = member.Id.ToString(),
                ["userid"] = member.UserId.ToString(),
                ["apikeyid"] = key.Id.ToString(),
                ["keyid"] = key.Id.ToString(),
                ["invitationid"] = invitation.Id.ToString(),
                ["token"] = tag,
                ["importid"] = import.Id.ToString(),
                ["jobid"] = import.Id.ToString(),
                ["organizationid"] = org.Id.ToString(),
                ["documentname"] = "v1",
                ["mailboxid"] = mailbox.Id.ToString(),
                ["handoffid"] = handOff.Id.ToString(),
                ["attachmentid"] = attachment.Id.ToString(),
                ["cannedreplyid"] = cannedReply.Id.ToString(),
                ["number"] = caseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["slug"] = slug,
                ["announcementid"] = announcement.Id.ToString(),
                ["articleid"] = article.Id.ToString(),
                ["announcementfileid"] = announcementFile.Id.ToString(),
                ["articlefileid"] = articleFile.Id.ToString(),
                ["code"] = touchpointCode,
                ["journeyid"] = journey.Id.ToString(),
                ["stageid"] = stage.Id.ToString(),
                ["cardid"] = card.Id.ToString(),
                ["personaid"] = persona.Id.ToString(),
                ["surveyid"] = survey.Id.ToString(),
                ["answerid"] = answer.Id.ToString(),
                ["triggerid"] = surveyTrigger!.Id.ToString(),
                ["key"] = survey.PublicKey,
                ["logoorganizationid"] = org.Id.ToString(),   // the logo's public address (no logo: not found)
                ["logoversion"] = "1",
            };
            return (org, ids);
        });
    }
}

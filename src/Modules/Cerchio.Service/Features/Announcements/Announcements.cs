using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Organizations.Contracts;
using Cerchio.Service.Domain;
using Cerchio.Service.Features.Markdown;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Service.Features.Announcements;

/// <summary>An announcement's audience and how far it was informed before the launch.</summary>
/// <param name="InformedBeforeLaunch">Acknowledged (or read, when no acknowledgement is asked) before the effective date.</param>
internal sealed record Coverage(int Audience, int Read, int Acknowledged, int InformedBeforeLaunch)
{
    /// <summary>Informed before the launch, as a share of the audience (0–100); null without an audience.</summary>
    public double? Percent => Audience == 0 ? null : Math.Round(100.0 * InformedBeforeLaunch / Audience, 1);

    public static Coverage Of(Announcement a, IReadOnlyCollection<AnnouncementReceipt> receipts) => new(
        receipts.Count,
        receipts.Count(r => r.ReadAt is not null),
        receipts.Count(r => r.AcknowledgedAt is not null),
        receipts.Count(r => AnnouncementReceipt.InformedAt(r, a.RequiresAcknowledgement) is { } at && at < a.EffectiveAt));
}

/// <summary>
/// Announcements to the front line: writing and publishing them (the audience fixed, the bell and an email for each
/// person, in one transaction), reading and acknowledging, the thread of questions and proposals, the coverage.
/// </summary>
internal sealed class Announcements(
    CerchioDb db, IOrganizationDirectory organization, ITouchpointCatalog touchpoints, INotifications notifications, EmailOutbox outbox,
    OrganizationContext tenant, AnnouncementPublishers publishers, Attachments.DocumentFiles documents, IOptions<SmtpSettings> smtp, IConfiguration configuration, Loc l, TimeProvider clock)
{
    public const string ListPath = "/comunicazioni/annunci";

    public static string PageOf(Guid id) => $"{ListPath}/{id}";

    /// <summary>How long before the launch those who have not acknowledged are reminded (setting Announcements:ReminderLead).</summary>
    private TimeSpan ReminderLead => configuration.GetValue("Announcements:ReminderLead", TimeSpan.FromDays(1));

    /// <summary>Whether the person may write announcements, as <see cref="MayWriteAsync"/> (or <see cref="FindAsync"/>) found.</summary>
    public bool CanWrite { get; private set; }

    /// <summary>Whether the person may write announcements, by the organization's <see cref="PublisherRule"/>; pages ask first, then read <see cref="CanWrite"/>.</summary>
    public async Task<bool> MayWriteAsync(CancellationToken ct = default) => CanWrite = await publishers.MayIAsync(ct);

    /// <summary>The announcement, if the person may see it: published and archived ones to everyone, drafts to those who write them.</summary>
    public async Task<Announcement?> FindAsync(Guid id, CancellationToken ct = default)
    {
        var writer = await MayWriteAsync(ct);
        var found = await db.Set<Announcement>().FirstOrDefaultAsync(a => a.Id == id, ct);
        return found is { Status: AnnouncementStatus.Draft } && !writer ? null : found;
    }

    private const string NotAPublisher = "Non puoi scrivere annunci: chiedi a un amministratore di aggiungerti a chi li pubblica.";

    /// <summary>A published or archived announcement, as the API shows them to any key of the organization.</summary>
    public Task<Announcement?> FindPublishedAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Announcement>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status != AnnouncementStatus.Draft, ct);

    /// <summary>A new form: the front line as audience, acknowledgement asked, launch in a week.</summary>
    public async Task<AnnouncementInput> NewInputAsync(CancellationToken ct = default)
    {
        var departments = await organization.DepartmentsAsync(ct);
        return new AnnouncementInput
        {
            Kind = AnnouncementNames.Slug(AnnouncementKind.NewProduct),
            RequiresAcknowledgement = true,
            EffectiveDate = Times.FormDate(Times.DayInItaly(clock.GetUtcNow()).AddDays(7)),
            DepartmentIds = departments.Where(d => AnnouncementNames.IsFrontLine(d.Name)).Select(d => d.Id.ToString()).ToList(),
            Roles = [AnnouncementNames.Slug(Role.Agent)],
        };
    }

    /// <summary>Creates a draft, or changes one; a published announcement keeps what its audience was told.</summary>
    public async Task<(Announcement? Announcement, Errors Errors)> SaveAsync(Announcement? existing, AnnouncementInput input, CancellationToken ct = default)
    {
        var catalog = await touchpoints.ListAsync(ct);
        var departments = (await organization.DepartmentsAsync(ct)).Select(d => d.Id).ToList();
        var errors = input.Validate(departments, catalog);
        if (!await MayWriteAsync(ct))
        {
            errors.Add("Title", NotAPublisher);
        }

        if (existing is { Status: not AnnouncementStatus.Draft })
        {
            errors.Add("Title", "L'annuncio è già pubblicato: chi lo ha ricevuto ha letto questo testo. Scrivi un nuovo annuncio per le novità.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var announcement = existing ?? new Announcement { Id = Ids.New(), CreatedAt = now, AuthorId = tenant.UserId, AuthorName = tenant.ActorName ?? "" };
        input.ApplyTo(announcement, catalog);
        announcement.UpdatedAt = now;
        if (existing is null)
        {
            db.Add(announcement);
        }

        await db.SaveChangesAsync(ct);
        return (announcement, errors);
    }

    /// <summary>The members an announcement goes to: of its departments or with its roles, the author left out.</summary>
    public async Task<List<MemberInfo>> AudienceOfAsync(Announcement a, CancellationToken ct = default)
    {
        var departments = a.DepartmentIds;
        var roles = a.Roles;
        return (await organization.MembersAsync(ct))
            .Where(m => m.UserId != a.AuthorId && ((m.DepartmentId is { } d && departments.Contains(d)) || roles.Contains(m.Role)))
            .ToList();
    }

    /// <summary>
    /// Publishes a draft: the audience is fixed (one receipt each), and each of them gets a notification and an email
    /// in their language, all in the transaction that publishes it. A launch already past is allowed: the page warns.
    /// </summary>
    public async Task<Errors> PublishAsync(Announcement a, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (!await MayWriteAsync(ct))
        {
            return errors.Add("Audience", NotAPublisher);
        }

        var audience = await AudienceOfAsync(a, ct);
        if (audience.Count == 0)
        {
            return errors.Add("Audience", "Nessuna persona nei reparti e nei ruoli scelti: aggiungi persone o cambia il pubblico.");
        }

        var now = clock.GetUtcNow();
        if (a.Publish(now, ReminderLead) is { } refused)
        {
            return errors.Add("Audience", refused);
        }

        await TellAsync(a, audience.Select(m => m.UserId), ct);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>
    /// Makes people part of a published announcement's audience: a receipt each, the bell and an email in their
    /// language, in the caller's save. At publication for everyone, and later for whoever joins its departments or
    /// roles before the launch (<see cref="AudienceCatchUpPass"/>).
    /// </summary>
    public async Task TellAsync(Announcement a, IEnumerable<Guid> people, CancellationToken ct = default)
    {
        var ids = people.ToList();
        db.AddRange(ids.Select(id => new AnnouncementReceipt { Id = Ids.New(), AnnouncementId = a.Id, UserId = id }));
        var told = await notifications.AddAsync(new NewNotification(NotificationKind.AnnouncementPublished, PageOf(a.Id), "Nuovo annuncio: {0}", a.Title), ids, ct);
        foreach (var message in await MessagesAsync(a, told, reminder: false, ct))
        {
            outbox.Queue(message, relatedId: a.Id);
        }
    }

    public async Task<Errors> ArchiveAsync(Announcement a, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (!await MayWriteAsync(ct))
        {
            return errors.Add("Status", NotAPublisher);
        }

        if (a.Archive(clock.GetUtcNow()) is { } refused)
        {
            return errors.Add("Status", refused);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

    public Task<List<AnnouncementReceipt>> ReceiptsAsync(Guid announcementId, CancellationToken ct = default) =>
        db.Set<AnnouncementReceipt>().AsNoTracking().Where(r => r.AnnouncementId == announcementId).ToListAsync(ct);

    /// <summary>The person opened it: the first time counts as read. Nothing for those outside its audience.</summary>
    public async Task<AnnouncementReceipt?> MarkReadAsync(Announcement a, CancellationToken ct = default)
    {
        var receipt = await db.Set<AnnouncementReceipt>().FirstOrDefaultAsync(r => r.AnnouncementId == a.Id && r.UserId == tenant.UserId, ct);
        if (receipt is { ReadAt: null } && a.Status == AnnouncementStatus.Published)
        {
            receipt.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return receipt;
    }

    /// <summary>A person of the audience says they read and understood it; again changes nothing.</summary>
    public async Task<Errors> AcknowledgeAsync(Announcement a, Guid? userId, CancellationToken ct = default)
    {
        var errors = new Errors();
        var receipt = userId is { } id ? await db.Set<AnnouncementReceipt>().FirstOrDefaultAsync(r => r.AnnouncementId == a.Id && r.UserId == id, ct) : null;
        if (receipt is null)
        {
            return errors.Add("email", "Questa persona non è tra i destinatari dell'annuncio.");
        }

        if (a.Status != AnnouncementStatus.Published)
        {
            return errors.Add("email", "L'annuncio è archiviato: non si conferma più.");
        }

        var now = clock.GetUtcNow();
        receipt.ReadAt ??= now;
        receipt.AcknowledgedAt ??= now;
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public Task<List<AnnouncementPost>> ThreadAsync(Guid announcementId, CancellationToken ct = default) =>
        db.Set<AnnouncementPost>().AsNoTracking().Where(p => p.AnnouncementId == announcementId).OrderBy(p => p.At).ThenBy(p => p.Id).ToListAsync(ct);

    /// <summary>Who said "anch'io" to each post of the thread, by post.</summary>
    public async Task<ILookup<Guid, AnnouncementPostSupport>> SupportsAsync(Guid announcementId, CancellationToken ct = default) =>
        (await (from s in db.Set<AnnouncementPostSupport>()
                join p in db.Set<AnnouncementPost>() on s.PostId equals p.Id
                where p.AnnouncementId == announcementId
                orderby s.At
                select s).AsNoTracking().ToListAsync(ct)).ToLookup(s => s.PostId);

    /// <summary>
    /// The person has the same question (or backs the same proposal) as one of the thread, while it is published; again
    /// changes nothing, and their own post needs no "anch'io".
    /// </summary>
    public async Task<Errors> SupportAsync(Announcement a, Guid postId, CancellationToken ct = default)
    {
        var errors = new Errors();
        var post = await db.Set<AnnouncementPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId && p.AnnouncementId == a.Id, ct);
        if (post is null)
        {
            return errors.Add("post", "Messaggio non trovato in questo annuncio.");
        }

        if (a.Status != AnnouncementStatus.Published)
        {
            return errors.Add("post", "L'annuncio è archiviato: la discussione è chiusa.");
        }

        if (post.AuthorId == tenant.UserId || tenant.UserId is not { } me
            || await db.Set<AnnouncementPostSupport>().AnyAsync(s => s.PostId == postId && s.UserId == me, ct))
        {
            return errors;
        }

        db.Add(new AnnouncementPostSupport { Id = Ids.New(), PostId = postId, UserId = me, UserName = tenant.ActorName ?? "", At = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same click twice at once: the other one counted it.
        }

        return errors;
    }

    /// <summary>A question or a proposal from anyone who may read it, while it is published.</summary>
    public async Task<Errors> PostAsync(Announcement a, AnnouncementPostKind? kind, string? text, CancellationToken ct = default)
    {
        var errors = new Errors();
        text = text?.Trim();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add("kind", "Scegli se è una domanda o una proposta.");
        }

        if (string.IsNullOrEmpty(text) || text.Length > AnnouncementPost.MaxText)
        {
            errors.Add("text", "Scrivi la domanda o la proposta (al massimo {0} caratteri).", AnnouncementPost.MaxText);
        }

        if (a.Status != AnnouncementStatus.Published)
        {
            errors.Add("text", a.Status == AnnouncementStatus.Archived
                ? "L'annuncio è archiviato: la discussione è chiusa."
                : "L'annuncio non è ancora pubblicato.");
        }

        if (errors.Any)
        {
            return errors;
        }

        db.Add(new AnnouncementPost
        {
            Id = Ids.New(), AnnouncementId = a.Id, Kind = kind!.Value, Text = text!, AuthorId = tenant.UserId, AuthorName = tenant.ActorName ?? "", At = clock.GetUtcNow(),
        });
        if (a.AuthorId is { } author)
        {
            await notifications.AddAsync(new NewNotification(NotificationKind.AnnouncementThread, PageOf(a.Id),
                kind == AnnouncementPostKind.Question ? "{0} chiede su «{1}»" : "{0} propone su «{1}»", tenant.ActorName ?? "", a.Title), [author], ct);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>The author's answer to a question or a proposal; it reaches whoever asked.</summary>
    public Task<Errors> AnswerAsync(Announcement a, Guid postId, string? text, CancellationToken ct = default) =>
        RespondAsync(a, postId, (post, by, now) => post.AnswerWith(text, by, now), ct);

    /// <summary>A proposal accepted, or declined with a reason; it reaches whoever proposed it.</summary>
    public Task<Errors> DecideAsync(Announcement a, Guid postId, ProposalDecision? decision, string? reason, CancellationToken ct = default) =>
        RespondAsync(a, postId, (post, by, now) => decision is { } d && Enum.IsDefined(d) ? post.Decide(d, reason, by, now) : "Scegli se accogliere o respingere la proposta.", ct);

    /// <summary>A question shown among the announcement's frequent questions, or no longer.</summary>
    public Task<Errors> SetFaqAsync(Announcement a, Guid postId, bool faq, CancellationToken ct = default) =>
        RespondAsync(a, postId, (post, _, _) =>
        {
            post.IsFaq = faq;
            return null;
        }, ct, tellAsker: false);

    /// <summary>What those who write announcements do to a post of the thread, while the announcement is not archived.</summary>
    private async Task<Errors> RespondAsync(Announcement a, Guid postId, Func<AnnouncementPost, string, DateTimeOffset, string?> change, CancellationToken ct, bool tellAsker = true)
    {
        var errors = new Errors();
        var post = await db.Set<AnnouncementPost>().FirstOrDefaultAsync(p => p.Id == postId && p.AnnouncementId == a.Id, ct);
        if (post is null)
        {
            return errors.Add("post", "Messaggio non trovato in questo annuncio.");
        }

        if (a.Status == AnnouncementStatus.Archived)
        {
            return errors.Add("text", "L'annuncio è archiviato: la discussione è chiusa.");
        }

        var by = tenant.ActorName ?? "";
        if (change(post, by, clock.GetUtcNow()) is { } refused)
        {
            return errors.Add("text", refused, AnnouncementPost.MaxText);
        }

        if (tellAsker)
        {
            // Whoever asked, and whoever had the same question.
            var askers = await db.Set<AnnouncementPostSupport>().Where(s => s.PostId == post.Id).Select(s => s.UserId).ToListAsync(ct);
            if (post.AuthorId is { } asker)
            {
                askers.Add(asker);
            }

            await notifications.AddAsync(new NewNotification(NotificationKind.AnnouncementThread, PageOf(a.Id), "{0} ha risposto su «{1}»", by, a.Title), askers.Distinct(), ct);
        }

        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>
    /// The emails announcing it, or reminding those who have not acknowledged, each in its person's language. The body
    /// is rendered once for them all: sanitising it is the costly part.
    /// </summary>
    /// <summary>
    /// The emails to its people, in each one's language. Its files are named, not attached: they stay on its page,
    /// where only the organization's people can download them, and the mail stays small.
    /// </summary>
    public async Task<List<MimeMessage>> MessagesAsync(Announcement a, IEnumerable<MemberContact> people, bool reminder, CancellationToken ct = default)
    {
        var files = (await documents.ListAsync(a.Id, ct)).Select(f => f.FileName).ToList();
        return Messages(a, files, people, reminder);
    }

    private List<MimeMessage> Messages(Announcement a, IReadOnlyList<string> files, IEnumerable<MemberContact> people, bool reminder)
    {
        var (text, html) = (SafeMarkdown.ToText(a.Body), SafeMarkdown.ToHtml(a.Body));
        return people.Select(person => Loc.In(person.Language, () =>
        {
            var launch = Times.InItaly(a.EffectiveAt).ToString("d", System.Globalization.CultureInfo.CurrentCulture);
            var subject = reminder
                ? l.F("Promemoria: conferma di aver letto «{0}» prima del {1}", a.Title, launch)
                : l.F("{0}: {1} (dal {2})", l[AnnouncementNames.Label(a.Kind)], a.Title, launch);
            var ask = a.RequiresAcknowledgement ? l["Conferma di averlo letto dalla pagina dell'annuncio."] : "";
            var where = l.F("Leggilo in Cerchio, dove puoi fare domande e proposte: {0}", PageOf(a.Id));
            var attached = files.Count == 0 ? "" : l.F("Allegati, sulla pagina dell'annuncio: {0}", string.Join(", ", files));
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(smtp.Value.From));
            message.To.Add(new MailboxAddress(person.Name, person.Email));
            message.Subject = subject;
            message.Body = new BodyBuilder
            {
                TextBody = string.Join("\n", subject, "", text, "", attached, ask, where),
                HtmlBody = $"<h1>{System.Net.WebUtility.HtmlEncode(subject)}</h1>{html}<p>{System.Net.WebUtility.HtmlEncode(attached)}</p><p>{System.Net.WebUtility.HtmlEncode(ask)}</p><p>{System.Net.WebUtility.HtmlEncode(where)}</p>",
            }.ToMessageBody();
            return message;
        })).ToList();
    }
}

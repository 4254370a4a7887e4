using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Data.Outbox;
using Cerchio.Feedback.Contracts;
using Cerchio.Feedback.Domain;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Touchpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cerchio.Feedback.Features.Loops;

/// <summary>A loop with what its pages and the API show beside it: the answer and its topics, the department's name, the root cause's.</summary>
internal sealed record LoopView(LoopTask Loop, SurveyResponse Answer, IReadOnlyList<string> Topics, string SurveyName, SurveyKind Kind, string? Department, string? RootCause);

/// <summary>Which loops a list shows.</summary>
internal sealed record LoopFilter(string? State = null, Guid? DepartmentId = null, string? Touchpoint = null, Guid? CustomerId = null);

/// <summary>
/// Closing the loop with every unhappy customer. An answer that meets the organization's rules (a low score, a
/// negative comment) opens one loop, for the department that owns its touchpoint, due within working hours; its
/// people are told. They call or write (both logged, the email through the outbox), then close it with the outcome
/// and the root cause. A loop left open past its due time is escalated to the CX lead (<see cref="EscalateOverdueLoops"/>).
/// Opening, contacting and closing land on the customer's timeline.
/// </summary>
internal sealed class Loops(
    CerchioDb db, OrganizationContext tenant, ITouchpointCatalog touchpoints, IOrganizationDirectory directory, INotifications notifications,
    ICustomerDirectory customers, Cerchio.Service.Contracts.ICaseDirectory cases, IBusinessHours hours, EmailOutbox outbox, IOptions<SmtpSettings> smtp, Loc l, TimeProvider clock,
    Invitations.SurveyInvitations invitations)
{
    /// <summary>A re-survey after closing goes out within this many days.</summary>
    public const int MaxResurveyDays = 60;

    public const string ListPath = "/ascolto/cerchi";
    public const int MaxRootCauses = 100;

    /// <summary>
    /// An answer given longer ago than this opens no loop: a paper survey imported months later cannot be followed up
    /// (the customer no longer expects a call, the facts are history). It still counts in the results.
    /// </summary>
    public static readonly TimeSpan MaxAnswerAge = TimeSpan.FromDays(30);

    public static string PathOf(int number) => $"{ListPath}/{number}";

    public async Task<FeedbackSettings> SettingsAsync(CancellationToken ct = default) =>
        await db.Set<FeedbackSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new FeedbackSettings();

    /// <summary>
    /// Opens the answer's loop when the rules say so and it has none yet; adds a reason to an open one (a negative
    /// comment after the score). An answer nobody can be reached for (a public link's, with no customer) opens none.
    /// Adds to the caller's pending changes; returns the loop opened, if any. <paramref name="openedAt"/> dates a loop
    /// the demo opens in the past, without telling anyone. An answer older than <see cref="MaxAnswerAge"/> then opens none.
    /// </summary>
    public async Task<LoopTask?> ApplyRulesAsync(SurveyResponse answer, SurveyKind kind, FeedbackSettings rules, CancellationToken ct = default, DateTimeOffset? openedAt = null)
    {
        if (answer.Score is not { } score)
        {
            return null;
        }

        var reasons = new List<string>();
        if (rules.LoopUpTo(kind) is { } upTo && score <= upTo)
        {
            reasons.Add(LoopReasons.LowScore);
        }

        if (rules.LoopOnNegativeComment && answer.Sentiment == "negative")
        {
            reasons.Add(LoopReasons.NegativeComment);
        }

        var existing = await db.Set<LoopTask>().FirstOrDefaultAsync(l => l.ResponseId == answer.Id, ct)
            ?? db.ChangeTracker.Entries<LoopTask>().Select(e => e.Entity).FirstOrDefault(l => l.ResponseId == answer.Id);
        if (existing is not null)
        {
            var known = existing.Reasons.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (existing.Status == LoopStatus.Open && reasons.Except(known).Any())
            {
                existing.Reasons = string.Join(',', known.Union(reasons));
            }

            return null;
        }

        var now = openedAt ?? clock.GetUtcNow();
        if (reasons.Count == 0 || (answer.AnsweredAt is { } answeredAt && now - answeredAt > MaxAnswerAge))
        {
            return null;
        }

        var invitation = answer.InvitationId is { } invitationId
            ? await db.Set<SurveyInvitation>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, ct)
            : null;
        var customer = answer.CustomerId is { } customerId ? await customers.GetAsync(customerId, ct) : null;
        var email = invitation?.Email ?? customer?.Email;
        if (customer is null && email is null)
        {
            return null;
        }

        var touchpoint = answer.TouchpointCode is { } code ? await touchpoints.FindAsync(code, ct) : null;
        var loop = new LoopTask
        {
            Id = Ids.New(), OrganizationId = answer.OrganizationId, Number = await NextNumberAsync(ct), ResponseId = answer.Id, SurveyId = answer.SurveyId,
            CustomerId = answer.CustomerId, Email = email, Name = invitation?.Name ?? customer?.Name, CaseId = answer.CaseId, CaseNumber = invitation?.CaseNumber,
            TouchpointCode = answer.TouchpointCode, DepartmentId = touchpoint?.OwnerDepartmentId, Reasons = string.Join(',', reasons), Score = score,
            OpenedAt = now, DueAt = await hours.AddAsync(now, TimeSpan.FromHours(rules.LoopSlaHours), ct),
        };
        db.Add(loop);
        if (openedAt is null)
        {
            await notifications.AddAsync(new NewNotification(NotificationKind.LoopOpened, PathOf(loop.Number), "Cerchio da chiudere: {0} ha risposto {1}", loop.Name ?? email ?? "", score),
                await OwnersAsync(loop.DepartmentId, ct), ct);
        }

        Timeline(loop, "loop_opened", $"Cerchio n. {loop.Number} aperto: punteggio {score}", now);
        if (openedAt is null && rules.LoopReopensCase && answer.CaseId is { } caseId)
        {
            // The case's note is written for its agents; it is saved with the loop.
            await cases.ReopenAsync(caseId, $"Riaperta dal cerchio n. {loop.Number}: il cliente ha risposto {score} al sondaggio «{(await db.Set<Survey>().Where(s => s.Id == answer.SurveyId).Select(s => s.Name).FirstAsync(ct))}». {answer.Comment}".Trim(), ct);
        }

        return loop;
    }

    private async Task<int> NextNumberAsync(CancellationToken ct)
    {
        var stored = await db.Set<LoopTask>().MaxAsync(l => (int?)l.Number, ct) ?? 0;
        var pending = db.ChangeTracker.Entries<LoopTask>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Number).DefaultIfEmpty(0).Max();
        return Math.Max(stored, pending) + 1;
    }

    /// <summary>Who answers for a department's loops: its people; the CX leads when nobody owns the touchpoint or the department is empty.</summary>
    private async Task<List<Guid>> OwnersAsync(Guid? departmentId, CancellationToken ct)
    {
        var members = await directory.MembersAsync(ct);
        var owners = departmentId is { } d ? members.Where(m => m.DepartmentId == d).Select(m => m.UserId).ToList() : [];
        return owners.Count > 0 ? owners : members.Where(m => m.Role == Role.CxLead).Select(m => m.UserId).ToList();
    }

    private void Timeline(LoopTask loop, string type, string summary, DateTimeOffset at)
    {
        if (loop.CustomerId is { } customerId)
        {
            customers.RecordOnTimeline(customerId, new TimelineEntry(type, at, summary, loop.TouchpointCode, "Cerchio", tenant.ActorName, PathOf(loop.Number)));
        }
    }

    /// <summary>The loops the filter keeps: open ones by due time (the most urgent first), closed ones newest first.</summary>
    public async Task<(List<LoopView> Rows, int Total)> ListAsync(LoopFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var loops = db.Set<LoopTask>().AsNoTracking();
        loops = filter.State switch
        {
            "chiusi" or "closed" => loops.Where(l => l.Status == LoopStatus.Closed),
            "scaduti" or "overdue" => loops.Where(l => l.Status == LoopStatus.Open && l.DueAt < now),
            "tutti" or "all" => loops,
            _ => loops.Where(l => l.Status == LoopStatus.Open),
        };
        if (filter.DepartmentId is { } department)
        {
            loops = loops.Where(l => l.DepartmentId == department);
        }

        if (!string.IsNullOrWhiteSpace(filter.Touchpoint))
        {
            var code = filter.Touchpoint.Trim();
            loops = loops.Where(l => l.TouchpointCode == code);
        }

        if (filter.CustomerId is { } customer)
        {
            loops = loops.Where(l => l.CustomerId == customer);
        }

        var total = await loops.CountAsync(ct);
        var ordered = filter.State is "chiusi" or "closed" or "tutti" or "all"
            ? loops.OrderByDescending(l => l.OpenedAt).ThenByDescending(l => l.Number)
            : loops.OrderBy(l => l.DueAt).ThenBy(l => l.Number);
        return (await ViewsAsync(ordered.Skip(skip).Take(take), ct), total);
    }

    public async Task<LoopView?> FindAsync(int number, CancellationToken ct = default) =>
        (await ViewsAsync(db.Set<LoopTask>().AsNoTracking().Where(l => l.Number == number), ct)).FirstOrDefault();

    /// <summary>
    /// The page of loops, then what they show beside them, each read by its keys: SQLite would otherwise run a paged
    /// join as a sub-query it scans (DeskQueryPlansTests).
    /// </summary>
    private async Task<List<LoopView>> ViewsAsync(IQueryable<LoopTask> loops, CancellationToken ct)
    {
        var page = await loops.ToListAsync(ct);
        if (page.Count == 0)
        {
            return [];
        }

        var answerIds = page.Select(l => l.ResponseId).ToList();
        var answers = await db.Set<SurveyResponse>().AsNoTracking().Where(IdLists.Contains<SurveyResponse>(answerIds, r => r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var topics = await TextAnalysis.AnswerTopics.OfAsync(db, answerIds, ct);
        var surveys = await db.Set<Survey>().AsNoTracking().Where(IdLists.Contains<Survey>(page.Select(l => l.SurveyId).Distinct().ToList(), s => s.Id))
            .Select(s => new { s.Id, s.Name, s.Kind }).ToDictionaryAsync(s => s.Id, ct);
        var causeIds = page.Where(l => l.RootCauseId is not null).Select(l => l.RootCauseId!.Value).Distinct().ToList();
        var causes = causeIds.Count == 0 ? [] : await db.Set<LoopRootCause>().AsNoTracking().Where(IdLists.Contains<LoopRootCause>(causeIds, c => c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        return page.Select(l => new LoopView(l, answers[l.ResponseId], topics.GetValueOrDefault(l.ResponseId) ?? [], surveys[l.SurveyId].Name, surveys[l.SurveyId].Kind,
            l.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, l.RootCauseId is { } c ? causes.GetValueOrDefault(c) : null)).ToList();
    }

    public Task<List<LoopActivity>> ActivitiesAsync(Guid loopId, CancellationToken ct = default) =>
        db.Set<LoopActivity>().AsNoTracking().Where(a => a.LoopId == loopId).OrderBy(a => a.At).ToListAsync(ct);

    /// <summary>Open loops (and how many are overdue) for the sidebar and the touchpoints' owners.</summary>
    public async Task<(int Open, int Overdue)> OpenCountAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = db.Set<LoopTask>().AsNoTracking().Where(l => l.Status == LoopStatus.Open);
        return (await open.CountAsync(ct), await open.CountAsync(l => l.DueAt < now, ct));
    }

    /// <summary>
    /// Logs a call or a note, or writes to the customer (the email goes out through the outbox, in the same save). Field
    /// keys: Kind, Text, Subject, Status.
    /// </summary>
    public async Task<(LoopActivity? Activity, Errors Errors)> LogAsync(int number, string? kind, bool? reached, string? text, string? subject, CancellationToken ct = default)
    {
        var errors = new Errors();
        var loop = await db.Set<LoopTask>().FirstOrDefaultAsync(l => l.Number == number, ct);
        if (loop is null)
        {
            return (null, errors.Add("Loop", "Cerchio non trovato."));
        }

        kind = kind?.Trim().ToLowerInvariant();
        text = text?.Trim();
        if (kind is not (LoopActivity.Call or LoopActivity.Email or LoopActivity.Note))
        {
            errors.Add("Kind", "Scegli telefonata, email o nota.");
        }

        if (string.IsNullOrEmpty(text))
        {
            errors.Add("Text", kind == LoopActivity.Email ? "Scrivi il messaggio per il cliente." : "Scrivi cosa è successo.");
        }
        else if (text.Length > LoopActivity.MaxText)
        {
            errors.Add("Text", "Il testo è troppo lungo ({0} caratteri): al massimo {1}.", text.Length, LoopActivity.MaxText);
        }

        if (kind == LoopActivity.Call && reached is null)
        {
            errors.Add("Reached", "Indica se il cliente ha risposto.");
        }

        if (kind == LoopActivity.Email && loop.Email is null)
        {
            errors.Add("Kind", "Il cliente non ha un indirizzo email: telefonagli e registra la chiamata.");
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var activity = new LoopActivity
        {
            Id = Ids.New(), LoopId = loop.Id, Kind = kind!, Reached = kind == LoopActivity.Call ? reached : null, Text = text!,
            ById = tenant.UserId, ByName = tenant.ActorName, At = now,
        };
        db.Add(activity);
        if (kind == LoopActivity.Email)
        {
            var organization = await directory.NameAsync(ct);
            var language = await db.Set<SurveyResponse>().Where(r => r.Id == loop.ResponseId).Select(r => r.Language).FirstAsync(ct);
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(organization, MailboxAddress.Parse(smtp.Value.From).Address));
            message.To.Add(new MailboxAddress(loop.Name ?? "", loop.Email ?? ""));
            message.Subject = string.IsNullOrWhiteSpace(subject) ? Loc.In(language, () => l.F("{0}: la tua risposta al nostro sondaggio", organization)) : subject.Trim();
            message.Body = new TextPart("plain") { Text = text! };
            outbox.Queue(message, relatedId: loop.Id);
        }

        if (kind is LoopActivity.Call or LoopActivity.Email)
        {
            Timeline(loop, "loop_contact", kind == LoopActivity.Call ? $"Cerchio n. {loop.Number}: telefonata" : $"Cerchio n. {loop.Number}: email al cliente", now);
        }

        await db.SaveChangesAsync(ct);
        return (activity, errors);
    }

    /// <summary>
    /// Closes a loop (field keys: Outcome, RootCause, Note, Status, Resurvey); <paramref name="rootCause"/> is a root
    /// cause's id or name. With <paramref name="resurveyInDays"/> the customer is asked the same survey again that many
    /// days later, whatever the fatigue rule says (closing the loop is the reason to ask): the loop and the invitation
    /// are stored together or not at all.
    /// </summary>
    public async Task<(LoopTask? Loop, Errors Errors)> CloseAsync(
        int number, string? outcome, string? rootCause, string? note, int? resurveyInDays = null, CancellationToken ct = default)
    {
        var loop = await db.Set<LoopTask>().FirstOrDefaultAsync(l => l.Number == number, ct);
        if (loop is null)
        {
            return (null, new Errors().Add("Loop", "Cerchio non trovato."));
        }

        var cause = await FindRootCauseAsync(rootCause, ct);
        if (cause is null && !string.IsNullOrWhiteSpace(rootCause))
        {
            return (loop, new Errors().Add("RootCause", "Causa sconosciuta: scegline una dall'elenco (GET /api/v1/loop-root-causes)."));
        }

        if (loop.Status == LoopStatus.Closed)
        {
            return (loop, new Errors().Add("Status", "Il cerchio è già chiuso."));
        }

        if (resurveyInDays is { } days && await ResurveyErrorAsync(loop, days, ct) is { } problem)
        {
            return (loop, new Errors().Add("Resurvey", problem.Message, problem.Args));
        }

        var now = clock.GetUtcNow();
        var errors = loop.Close(outcome?.Trim().ToLowerInvariant(), cause?.Id, note, tenant.UserId, tenant.ActorName, now);
        if (errors.Any)
        {
            return (loop, errors);
        }

        Timeline(loop, "loop_closed", $"Cerchio n. {loop.Number} chiuso: {LoopOutcomes.LabelOf(loop.Outcome)} ({cause!.Name})", loop.ClosedAt!.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (resurveyInDays is { } delay)
        {
            var language = await db.Set<SurveyResponse>().Where(r => r.Id == loop.ResponseId).Select(r => r.Language).FirstAsync(ct);
            var (invitation, _, refused) = await invitations.CreateAsync(loop.SurveyId, new Invitations.InvitationInput
            {
                CustomerId = loop.CustomerId, Email = loop.Email, Name = loop.Name, Language = language, CaseId = loop.CaseId, CaseNumber = loop.CaseNumber,
                Touchpoint = loop.TouchpointCode, Cause = SurveyInvitation.AfterLoop(loop.Id, now), SendAt = delay == 0 ? null : now.AddDays(delay),
            }, ct);
            if (invitation is null)
            {
                // Checked above; a survey closed in between (or the invitation not stored) leaves the loop open rather
                // than half done: the transaction is not committed.
                db.ChangeTracker.Clear();
                var why = refused.All.Select(e => e.Message).FirstOrDefault() ?? new ErrorMessage("Non è stato possibile richiedere di nuovo il parere: riprova.", []);
                return (loop, new Errors().Add("Resurvey", why.Text, why.Args));
            }
        }

        await transaction.CommitAsync(ct);
        return (loop, errors);
    }

    /// <summary>Why the loop's customer cannot be asked again, or null.</summary>
    private async Task<(string Message, object[] Args)?> ResurveyErrorAsync(LoopTask loop, int days, CancellationToken ct)
    {
        if (days < 0 || days > MaxResurveyDays)
        {
            return ("Da 0 a {0} giorni.", [MaxResurveyDays]);
        }

        if (loop.Email is null)
        {
            return ("Il cliente non ha un indirizzo email: non si può richiedere di nuovo il parere.", []);
        }

        return await db.Set<Survey>().AnyAsync(s => s.Id == loop.SurveyId && s.Status == SurveyStatus.Live, ct)
            ? null
            : ("Il sondaggio è chiuso: riaprilo per richiedere di nuovo il parere.", []);
    }

    /// <summary>The invitations asking the loop's customer again after it closed, newest first, with the score given.</summary>
    public async Task<List<(SurveyInvitation Invitation, int? Score)>> ResurveysAsync(LoopTask loop, CancellationToken ct = default)
    {
        var prefix = SurveyInvitation.AfterLoopPrefix(loop.Id);
        var rows = await db.Set<SurveyInvitation>().AsNoTracking()
            .Where(i => i.SurveyId == loop.SurveyId && i.Cause != null && i.Cause.StartsWith(prefix))
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new { Invitation = i, Score = db.Set<SurveyResponse>().Where(r => r.InvitationId == i.Id).Select(r => r.Score).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => (r.Invitation, r.Score)).ToList();
    }

    /// <summary>Opens a closed loop again: the customer came back about it. False when it is not closed.</summary>
    public async Task<bool?> ReopenAsync(int number, CancellationToken ct = default)
    {
        var loop = await db.Set<LoopTask>().FirstOrDefaultAsync(l => l.Number == number, ct);
        if (loop is null)
        {
            return null;
        }

        if (loop.Status != LoopStatus.Closed)
        {
            return false;
        }

        loop.Reopen();
        db.Add(new LoopActivity { Id = Ids.New(), LoopId = loop.Id, Kind = LoopActivity.Note, Text = "Cerchio riaperto.", ById = tenant.UserId, ByName = tenant.ActorName, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The organization's root causes: its own, and the defaults it has not stored yet. A default is stored (under the
    /// same id) when first chosen, so reading the list changes nothing.
    /// </summary>
    public async Task<List<LoopRootCause>> RootCausesAsync(CancellationToken ct = default)
    {
        var stored = await db.Set<LoopRootCause>().AsNoTracking().ToListAsync(ct);
        var names = stored.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var organizationId = tenant.RequiredOrganizationId;
        var defaults = LoopRootCause.Defaults.Where(n => !names.Contains(n))
            .Select(n => new LoopRootCause { Id = DefaultIdOf(organizationId, n), OrganizationId = organizationId, Name = n });
        return stored.Where(c => !c.IsArchived).Concat(defaults).OrderBy(c => c.TouchpointCode != null).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>A default's id in one organization: the same on every read, before and after it is stored.</summary>
    private static Guid DefaultIdOf(Guid organizationId, string name) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{organizationId:N}/{name}"))[..16]);

    /// <summary>The cause as a stored row (a default is stored the first time it is chosen).</summary>
    private async Task<LoopRootCause> StoredAsync(LoopRootCause cause, CancellationToken ct) =>
        await db.Set<LoopRootCause>().AnyAsync(c => c.Id == cause.Id, ct) ? cause : await AddRootCauseAsync(cause.Name, cause.TouchpointCode, ct, cause.Id);

    /// <summary>The pain points of a touchpoint, one per line in the catalog, as root causes may name them.</summary>
    public static IReadOnlyList<string> PainPointsOf(TouchpointInfo? touchpoint) =>
        (touchpoint?.PainPoints ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.TrimStart('-', '•', '*', ' ')).Where(p => p.Length is > 0 and <= LoopRootCause.MaxName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// A root cause by id or by name (ignoring case); a name that is one of a catalog touchpoint's pain points becomes a
    /// root cause of the organization, tied to that touchpoint.
    /// </summary>
    public async Task<LoopRootCause?> FindRootCauseAsync(string? given, CancellationToken ct = default)
    {
        var text = given?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > LoopRootCause.MaxName)
        {
            return null;
        }

        var all = await RootCausesAsync(ct);
        var found = Guid.TryParse(text, out var id)
            ? all.FirstOrDefault(c => c.Id == id)
            : all.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
        if (found is not null || Guid.TryParse(text, out _))
        {
            return found is null ? null : await StoredAsync(found, ct);
        }

        foreach (var touchpoint in await touchpoints.ListAsync(ct))
        {
            if (PainPointsOf(touchpoint).FirstOrDefault(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase)) is { } pain)
            {
                return await AddRootCauseAsync(pain, touchpoint.Code, ct);
            }
        }

        return null;
    }

    /// <summary>Adds a root cause (field key Name); a name already there is that one.</summary>
    public async Task<(LoopRootCause? Cause, Errors Errors)> SaveRootCauseAsync(string? name, string? touchpoint, CancellationToken ct = default)
    {
        var errors = new Errors();
        var text = name?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, errors.Add("Name", "Scrivi la causa."));
        }

        if (text.Length > LoopRootCause.MaxName)
        {
            return (null, errors.Add("Name", "Il nome è troppo lungo ({0} caratteri): al massimo {1}.", text.Length, LoopRootCause.MaxName));
        }

        var all = await RootCausesAsync(ct);
        if (all.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            return (await StoredAsync(existing, ct), errors);
        }

        if (all.Count >= MaxRootCauses)
        {
            return (null, errors.Add("Name", "Ci sono già {0} cause: archiviane qualcuna prima di aggiungerne altre.", MaxRootCauses));
        }

        string? code = null;
        if (!string.IsNullOrWhiteSpace(touchpoint))
        {
            if (await touchpoints.FindAsync(touchpoint, ct) is not { } known)
            {
                return (null, errors.Add("Touchpoint", "Touchpoint sconosciuto: usa un codice del catalogo."));
            }

            code = known.Code;
        }

        return (await AddRootCauseAsync(text, code, ct), errors);
    }

    private async Task<LoopRootCause> AddRootCauseAsync(string name, string? touchpoint, CancellationToken ct, Guid? id = null)
    {
        var cause = new LoopRootCause { Id = id ?? Ids.New(), OrganizationId = tenant.RequiredOrganizationId, Name = name, TouchpointCode = touchpoint, CreatedAt = clock.GetUtcNow() };
        db.Add(cause);
        try
        {
            await db.SaveChangesAsync(ct);
            return cause;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same name was stored meanwhile (or archived before): that one is it.
            db.Entry(cause).State = EntityState.Detached;
            var existing = await db.Set<LoopRootCause>().FirstAsync(c => c.Name == name, ct);
            existing.IsArchived = false;
            await db.SaveChangesAsync(ct);
            return existing;
        }
    }

    /// <summary>
    /// The closure of the loops opened from <paramref name="start"/> to <paramref name="end"/>: overall, per department and
    /// per touchpoint (PRODUCT.md: closed within their SLA / opened; the median time to close).
    /// </summary>
    public async Task<(LoopClosureDto Whole, List<LoopClosureDto> ByDepartment, List<LoopClosureDto> ByTouchpoint)> ClosureAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<LoopTask>().AsNoTracking().Where(l => l.OpenedAt >= start && l.OpenedAt < end)
            .Select(l => new { l.DepartmentId, l.TouchpointCode, l.Status, l.OpenedAt, l.DueAt, l.ClosedAt }).ToListAsync(ct);
        var departments = (await directory.DepartmentsAsync(ct)).ToDictionary(d => d.Id, d => d.Name);

        LoopClosureDto Of(string? group, IEnumerable<(LoopStatus Status, DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset? ClosedAt)> loops)
        {
            var list = loops.ToList();
            var closed = list.Where(l => l.ClosedAt is not null).Select(l => (l.ClosedAt!.Value - l.OpenedAt).TotalHours).Order().ToList();
            var inTime = list.Count(l => l.ClosedAt is { } c && c <= l.DueAt);
            var open = list.Count(l => l.Status == LoopStatus.Open);
            var overdue = list.Count(l => l.Status == LoopStatus.Open && l.DueAt < now);
            double? median = closed.Count == 0 ? null : closed.Count % 2 == 1 ? closed[closed.Count / 2] : (closed[closed.Count / 2 - 1] + closed[closed.Count / 2]) / 2;
            return new LoopClosureDto(group, list.Count, inTime, closed.Count, open, overdue, list.Count == 0 ? null : 100.0 * inTime / list.Count, median is { } m ? Math.Round(m, 1) : null);
        }

        var tuples = rows.Select(r => (r.DepartmentId, r.TouchpointCode, Row: (r.Status, r.OpenedAt, r.DueAt, r.ClosedAt))).ToList();
        var byDepartment = tuples.GroupBy(t => t.DepartmentId)
            .Select(g => Of(g.Key is { } d ? departments.GetValueOrDefault(d, "—") : null, g.Select(t => t.Row)))
            .OrderByDescending(d => d.Opened).ToList();
        var byTouchpoint = tuples.GroupBy(t => t.TouchpointCode)
            .Select(g => Of(g.Key, g.Select(t => t.Row)))
            .OrderByDescending(d => d.Opened).ToList();
        return (Of(null, tuples.Select(t => t.Row)), byDepartment, byTouchpoint);
    }

    /// <summary>The rules as the API and the settings form give them; field keys NpsUpTo, CsatUpTo, CesUpTo, SlaHours.</summary>
    public async Task<Errors> SaveRulesAsync(LoopRulesDto input, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (input.NpsUpTo is < 0 or > 10)
        {
            errors.Add("NpsUpTo", "Per l'NPS scegli da 0 a 10 (o nessuno).");
        }

        if (input.CsatUpTo is < 1 or > 5)
        {
            errors.Add("CsatUpTo", "Per il CSAT scegli da 1 a 5 (o nessuno).");
        }

        if (input.CesUpTo is < 1 or > 7)
        {
            errors.Add("CesUpTo", "Per il CES scegli da 1 a 7 (o nessuno).");
        }

        if (input.SlaHours is < 1 or > 24 * 30)
        {
            errors.Add("SlaHours", "Le ore lavorative per chiudere vanno da 1 a {0}.", 24 * 30);
        }

        if (errors.Any)
        {
            return errors;
        }

        var settings = await db.Set<FeedbackSettings>().FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new FeedbackSettings { OrganizationId = tenant.RequiredOrganizationId };
            db.Add(settings);
        }

        (settings.LoopNpsUpTo, settings.LoopCsatUpTo, settings.LoopCesUpTo, settings.LoopOnNegativeComment, settings.LoopSlaHours, settings.LoopReopensCase) =
            (input.NpsUpTo, input.CsatUpTo, input.CesUpTo, input.NegativeComment, input.SlaHours, input.ReopenCase);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public static LoopRulesDto RulesOf(FeedbackSettings s) => new(s.LoopNpsUpTo, s.LoopCsatUpTo, s.LoopCesUpTo, s.LoopOnNegativeComment, s.LoopSlaHours, s.LoopReopensCase);

    /// <summary>
    /// Escalates one overdue loop to the CX leads and the department's head: once (the claim), and only while it is still
    /// open and overdue. False when there was nothing to do.
    /// </summary>
    public async Task<bool> EscalateAsync(Guid loopId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.Set<LoopTask>().Where(l => l.Id == loopId && l.Status == LoopStatus.Open && l.EscalatedAt == null && l.DueAt < now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.EscalatedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var loop = await db.Set<LoopTask>().AsNoTracking().FirstAsync(l => l.Id == loopId, ct);
        var members = await directory.MembersAsync(ct);
        var heads = loop.DepartmentId is { } d ? (await directory.DepartmentsAsync(ct)).Where(x => x.Id == d && x.HeadUserId is not null).Select(x => x.HeadUserId!.Value) : [];
        var recipients = members.Where(m => m.Role == Role.CxLead).Select(m => m.UserId).Concat(heads).Distinct().ToList();
        await notifications.AddAsync(new NewNotification(NotificationKind.LoopOverdue, PathOf(loop.Number), "Cerchio n. {0} scaduto: {1} aspetta ancora una risposta", loop.Number, loop.Name ?? loop.Email ?? ""), recipients, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

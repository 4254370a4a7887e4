using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

/// <summary>
/// A pratica: one thing a customer needs, on any channel, from the first contact to its resolution. Its rules (which
/// status may follow which, when the SLA clock runs) live here; handlers only call them.
/// </summary>
internal sealed class Case : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Sequential per organization, never reused: what people say on the phone ("la pratica 1234").</summary>
    public int Number { get; set; }

    public string Subject { get; set; } = "";
    public CaseStatus Status { get; set; }
    public CaseType Type { get; set; }
    public CasePriority Priority { get; set; }
    public CaseChannel Channel { get; set; }
    public string? TouchpointCode { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>Who wrote or called, as they gave themselves, when no customer record says it better.</summary>
    public string? RequesterName { get; set; }
    public string? RequesterEmail { get; set; }

    public Guid? DepartmentId { get; set; }
    public Guid? AssigneeId { get; set; }

    /// <summary>The support mailbox the case came in by: replies go out from it.</summary>
    public Guid? MailboxId { get; set; }

    /// <summary>The sending system's id (POST /cases): a repeated request returns the case it created the first time.</summary>
    public string? ExternalId { get; set; }

    /// <summary>
    /// A web-form case's client address, pseudonymised (a hash: the rate limit counts by it, nobody reads it back).
    /// Null for every other channel.
    /// </summary>
    public string? SubmittedFrom { get; set; }

    /// <summary>A complaint, by type or flagged on any case: always visible to the CX lead and the executives.</summary>
    public bool IsComplaint { get; set; }

    /// <summary>The department a complaint is about (not necessarily the one handling it).</summary>
    public Guid? ComplaintAboutDepartmentId { get; set; }

    /// <summary>The person a complaint is about, a salesperson say.</summary>
    public Guid? ComplaintAboutPersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? FirstResponseAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int ReopenCount { get; set; }

    public DateTimeOffset FirstResponseDueAt { get; set; }
    public DateTimeOffset ResolutionDueAt { get; set; }

    /// <summary>The next target that runs out (first response, then resolution); null while the clock stands still or the case is done. The inbox sorts by it.</summary>
    public DateTimeOffset? SlaDueAt { get; set; }

    /// <summary>Since when the clock stands still (waiting on the customer).</summary>
    public DateTimeOffset? SlaPausedAt { get; set; }

    /// <summary>Which near-breach and breach emails have gone out: each once per case, claimed by a conditional update.</summary>
    public SlaAlerts SlaAlertsSent { get; set; }

    /// <summary>
    /// Business time the case has waited on the customer, pauses ended so far: the resolution time leaves it out
    /// (PRODUCT.md), and the pause history is not kept anywhere else.
    /// </summary>
    public TimeSpan WaitedOnCustomer { get; set; }

    /// <summary>The case this one was merged into: its conversation lives there now, and mail about it goes there.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>The target's number, kept beside its id: numbers never change, so links and the API need no lookup.</summary>
    public int? MergedIntoNumber { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    public bool IsDone => Status is CaseStatus.Resolved or CaseStatus.Closed;

    /// <summary>
    /// Flags or clears a complaint and names whom it is about; null when done, otherwise why not. Once a complaint names
    /// a department or a person, only a reviewer (the CX lead) may clear it or change whom it names: otherwise the
    /// head of the named department could make it disappear from the complaints by department.
    /// </summary>
    public string? Complain(bool isComplaint, Guid? aboutDepartment, Guid? aboutPerson, bool mayReview)
    {
        if (!isComplaint && Type == CaseType.Complaint)
        {
            return "Una pratica di tipo reclamo resta un reclamo: cambia prima il tipo.";
        }

        var hides = !isComplaint
            || (ComplaintAboutDepartmentId is not null && aboutDepartment != ComplaintAboutDepartmentId)
            || (ComplaintAboutPersonId is not null && aboutPerson != ComplaintAboutPersonId);
        if (IsComplaint && hides && !mayReview && (ComplaintAboutDepartmentId is not null || ComplaintAboutPersonId is not null))
        {
            return "Questo reclamo nomina un reparto o una persona: solo il Responsabile CX può toglierlo o cambiare chi nomina.";
        }

        IsComplaint = isComplaint;
        ComplaintAboutDepartmentId = isComplaint ? aboutDepartment : null;
        ComplaintAboutPersonId = isComplaint ? aboutPerson : null;
        return null;
    }

    public static Case Open(int number, string subject, CaseType type, CasePriority priority, CaseChannel channel, DateTimeOffset now,
        BusinessCalendar calendar, SlaTargets targets) 
    {
        var opened = new Case
        {
            Id = Ids.New(),
            Number = number,
            Subject = subject,
            Status = CaseStatus.New,
            Type = type,
            Priority = priority,
            Channel = channel,
            IsComplaint = type == CaseType.Complaint,
            CreatedAt = now,
            UpdatedAt = now,
            LastActivityAt = now,
            FirstResponseDueAt = calendar.AddBusinessTime(now, targets.FirstResponse),
            ResolutionDueAt = calendar.AddBusinessTime(now, targets.Resolution),
        };
        opened.UpdateSlaDue();
        return opened;
    }

    /// <summary>Why this case cannot be merged into <paramref name="target"/> (Italian, for Loc), or null when it can.</summary>
    public ErrorMessage? MergeRefusal(Case target)
    {
        if (target.Id == Id)
        {
            return new("Una pratica non si unisce a sé stessa: scegli un'altra pratica.", []);
        }

        if (CustomerId is null || target.CustomerId != CustomerId)
        {
            return new("La pratica #{0} è di un altro cliente: si uniscono solo pratiche dello stesso cliente.", [target.Number]);
        }

        if (MergedIntoNumber is { } earlier)
        {
            return new("La pratica #{0} è già unita nella #{1}.", [Number, earlier]);
        }

        if (Status == CaseStatus.Closed)
        {
            return new("La pratica #{0} è chiusa: una pratica chiusa non si unisce più.", [Number]);
        }

        if (target.MergedIntoNumber is { } further)
        {
            // Refused rather than followed: the agent confirmed this target, not the one it went to.
            return new("La pratica #{0} è già unita nella #{1}: unisci nella #{1}.", [target.Number, further]);
        }

        if (target.Status == CaseStatus.Closed)
        {
            return new("La pratica #{0} è chiusa: scegli una pratica ancora aperta o risolta.", [target.Number]);
        }

        if (IsComplaint && target.IsComplaint && (Differs(ComplaintAboutDepartmentId, target.ComplaintAboutDepartmentId) || Differs(ComplaintAboutPersonId, target.ComplaintAboutPersonId)))
        {
            // The target can name only one: merging would hide whom this complaint is about.
            return new("Le due pratiche sono reclami su reparti o persone diversi: unirle nasconderebbe uno dei due.", []);
        }

        return null;

        static bool Differs(Guid? mine, Guid? theirs) => mine is not null && theirs is not null && mine != theirs;
    }

    /// <summary>
    /// Closes this case as merged into <paramref name="target"/>, without resolving it: a merge is not an answer, so it
    /// counts in no resolution metric and triggers no survey. A complaint carries over: merging never hides one.
    /// The target keeps its own SLA clock.
    /// </summary>
    public void MergeInto(Case target, DateTimeOffset now)
    {
        MergedIntoId = target.Id;
        MergedIntoNumber = target.Number;
        MergedAt = now;
        if (Status == CaseStatus.WaitingOnCustomer)
        {
            SlaPausedAt = null;
        }

        Status = CaseStatus.Closed;
        ClosedAt = now;
        UpdatedAt = now;
        LastActivityAt = now;
        UpdateSlaDue();

        if (IsComplaint)
        {
            target.IsComplaint = true;
            target.ComplaintAboutDepartmentId ??= ComplaintAboutDepartmentId;
            target.ComplaintAboutPersonId ??= ComplaintAboutPersonId;
        }

        target.UpdatedAt = now;
        target.LastActivityAt = now;
    }

    /// <summary>Which moves a person may make by hand. Waiting on a department begins and ends with a hand-off, never by hand.</summary>
    public static bool CanMove(CaseStatus from, CaseStatus to) => (from, to) switch
    {
        (CaseStatus.New or CaseStatus.Open or CaseStatus.WaitingOnCustomer, CaseStatus.Open or CaseStatus.WaitingOnCustomer or CaseStatus.Resolved or CaseStatus.Closed) => true,
        (CaseStatus.Resolved, CaseStatus.Open or CaseStatus.Closed) => true,
        _ => false,
    };

    /// <summary>A person moves the case; null when done, otherwise why not (nothing changed).</summary>
    public string? MoveTo(CaseStatus to, DateTimeOffset now, BusinessCalendar calendar)
    {
        if (to == Status)
        {
            return null;
        }

        if (!CanMove(Status, to))
        {
            return Status switch
            {
                CaseStatus.Closed => "Una pratica chiusa non cambia più stato.",
                CaseStatus.WaitingOnDepartment => "La pratica attende un reparto: chiudi o annulla il passaggio prima.",
                _ when to == CaseStatus.WaitingOnDepartment => "Per far attendere un reparto, chiedi al reparto con un passaggio.",
                _ => "Questo cambio di stato non è previsto.",
            };
        }

        Apply(to, now, calendar);
        return null;
    }

    /// <summary>The customer wrote again: a resolved case reopens, a case waiting on them goes back to the agent.</summary>
    public void CustomerReplied(DateTimeOffset now, BusinessCalendar calendar)
    {
        LastActivityAt = now;
        if (Status is CaseStatus.Resolved or CaseStatus.WaitingOnCustomer)
        {
            Apply(CaseStatus.Open, now, calendar);
        }
    }

    /// <summary>An agent answered the customer: the first answer stops the first-response clock.</summary>
    public void AgentResponded(DateTimeOffset now)
    {
        FirstResponseAt ??= now;
        LastActivityAt = now;
        UpdatedAt = now;
        if (Status == CaseStatus.New)
        {
            Status = CaseStatus.Open;
        }

        UpdateSlaDue();
    }

    /// <summary>The case is given to a person and/or a department (null: nobody); a new case is now being worked on.</summary>
    public void Assign(Guid? assigneeId, Guid? departmentId, DateTimeOffset now)
    {
        AssigneeId = assigneeId;
        DepartmentId = departmentId;
        UpdatedAt = now;
        LastActivityAt = now;
        if (Status == CaseStatus.New)
        {
            // No SLA effect: only a reply stops the first-response clock.
            Status = CaseStatus.Open;
        }
    }

    /// <summary>A hand-off is asked, or the last open one is answered: waiting on a department begins or ends.</summary>
    public void WaitOnDepartment(bool waiting, DateTimeOffset now, BusinessCalendar calendar)
    {
        if (waiting && !IsDone && Status != CaseStatus.WaitingOnDepartment)
        {
            Apply(CaseStatus.WaitingOnDepartment, now, calendar);
        }
        else if (!waiting && Status == CaseStatus.WaitingOnDepartment)
        {
            Apply(CaseStatus.Open, now, calendar);
        }
    }

    /// <summary>
    /// The organization changed its calendar: the business time a running target had left is laid out again on the new
    /// hours and closed days, from now (or from when the clock stopped, while it waits on the customer). Time already
    /// run stays as it ran under the old calendar; a target already past stays past, at the instant it ran out; the
    /// targets themselves (hours per priority) stay those the case opened with, as when its priority changes.
    /// </summary>
    public void FollowCalendar(BusinessCalendar before, BusinessCalendar after, DateTimeOffset now)
    {
        if (IsDone)
        {
            return;
        }

        if (FirstResponseAt is null)
        {
            FirstResponseDueAt = Relay(FirstResponseDueAt, now, before, after);
        }

        ResolutionDueAt = Relay(ResolutionDueAt, SlaPausedAt ?? now, before, after);
        UpdateSlaDue();
    }

    private static DateTimeOffset Relay(DateTimeOffset due, DateTimeOffset from, BusinessCalendar before, BusinessCalendar after) =>
        due <= from ? due : after.AddBusinessTime(from, before.BusinessTimeBetween(from, due));

    private void Apply(CaseStatus to, DateTimeOffset now, BusinessCalendar calendar)
    {
        if (Status == CaseStatus.WaitingOnCustomer && SlaPausedAt is { } pausedAt)
        {
            // The customer held the case: the resolution target moves later by the business time they took.
            var held = calendar.BusinessTimeBetween(pausedAt, now);
            ResolutionDueAt = calendar.AddBusinessTime(ResolutionDueAt, held);
            WaitedOnCustomer += held;
            SlaPausedAt = null;
        }

        if (to == CaseStatus.WaitingOnCustomer)
        {
            SlaPausedAt = now;
        }

        if (Status == CaseStatus.Resolved && to == CaseStatus.Open)
        {
            ReopenCount++;
            ResolvedAt = null;
        }

        if (to == CaseStatus.Resolved)
        {
            ResolvedAt = now;
        }

        if (to == CaseStatus.Closed)
        {
            ClosedAt = now;
            ResolvedAt ??= now;
        }

        Status = to;
        UpdatedAt = now;
        LastActivityAt = now;
        UpdateSlaDue();
    }

    private void UpdateSlaDue() =>
        SlaDueAt = IsDone || Status == CaseStatus.WaitingOnCustomer ? null
            : FirstResponseAt is null ? FirstResponseDueAt
            : ResolutionDueAt;
}

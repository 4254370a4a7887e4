using Cerchio.Tenancy;

namespace Cerchio.Feedback.Domain;

/// <summary>
/// A loop to close: an unhappy answer (a detractor, a low CSAT or CES, a negative comment) given to the department that
/// owns the answer's touchpoint, to call or write to the customer within working hours, record what came of it and why
/// it went wrong, and close. One loop per answer; its rules are <see cref="Close"/> and <see cref="Log"/>.
/// </summary>
internal sealed class LoopTask : IOrganizationScoped
{
    public const int MaxNote = 4_000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Per organization, from 1: what people call it ("cerchio n. 12").</summary>
    public int Number { get; set; }
    public Guid ResponseId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>Whom to write to: the invitation's address (a public link's answers have none).</summary>
    public string? Email { get; set; }
    public string? Name { get; set; }
    public Guid? CaseId { get; set; }
    public int? CaseNumber { get; set; }
    public string? TouchpointCode { get; set; }

    /// <summary>The touchpoint's owner when the loop opened; null: nobody owns it, the CX lead takes it.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>Why it opened (<see cref="LoopReasons"/>), comma separated.</summary>
    public string Reasons { get; set; } = "";
    public int Score { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The SLA: the loop should close by then (working hours after opening).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the CX lead was told it is overdue (once).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
    public LoopStatus Status { get; set; } = LoopStatus.Open;
    public string? Outcome { get; set; }
    public Guid? RootCauseId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
    public string? ClosedByName { get; set; }

    public bool IsOverdue(DateTimeOffset now) => Status == LoopStatus.Open && now > DueAt;

    /// <summary>Whether it closed within its SLA (what the closure rate counts).</summary>
    public bool ClosedInTime => ClosedAt is { } closed && closed <= DueAt;

    /// <summary>Closes the loop with what came of it and why it went wrong; a closed loop stays closed (reopen it first).</summary>
    public Errors Close(string? outcome, Guid? rootCauseId, string? note, Guid? by, string? byName, DateTimeOffset now)
    {
        var errors = new Errors();
        if (Status == LoopStatus.Closed)
        {
            return errors.Add("Status", "Il cerchio è già chiuso.");
        }

        if (outcome is null || !LoopOutcomes.Labels.ContainsKey(outcome))
        {
            errors.Add("Outcome", "Scegli com'è andata: risolto, non risolto, compensato o non raggiungibile.");
        }

        if (rootCauseId is null)
        {
            errors.Add("RootCause", "Scegli la causa: è ciò che permette di correggere il touchpoint.");
        }

        if (note is { Length: > MaxNote })
        {
            errors.Add("Note", "La nota è troppo lunga ({0} caratteri): al massimo {1}.", note.Length, MaxNote);
        }

        if (errors.Any)
        {
            return errors;
        }

        (Status, Outcome, RootCauseId, Note, ClosedAt, ClosedById, ClosedByName) = (LoopStatus.Closed, outcome, rootCauseId, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now, by, byName);
        return errors;
    }

    /// <summary>Opens a closed loop again (the customer called back): its SLA stays the first one.</summary>
    public void Reopen() => (Status, Outcome, RootCauseId, ClosedAt, ClosedById, ClosedByName) = (LoopStatus.Open, null, null, null, null, null);
}

internal enum LoopStatus
{
    Open = 1,
    Closed = 2,
}

/// <summary>Why a loop opened (stable codes).</summary>
internal static class LoopReasons
{
    public const string LowScore = "low_score";
    public const string NegativeComment = "negative_comment";

    public static string LabelOf(string reason) => reason switch
    {
        LowScore => "Punteggio basso",
        NegativeComment => "Commento negativo",
        _ => reason,
    };
}

/// <summary>What came of a loop (stable codes, PRODUCT.md).</summary>
internal static class LoopOutcomes
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["solved"] = "Raggiunto e risolto",
        ["not_solved"] = "Raggiunto, non risolto",
        ["compensated"] = "Compensato",
        ["not_reachable"] = "Non raggiungibile",
    };

    public static string LabelOf(string? outcome) => outcome is null ? "" : Labels.GetValueOrDefault(outcome, outcome);
}

/// <summary>What someone did on a loop: a call, an email to the customer, a note.</summary>
internal sealed class LoopActivity : IOrganizationScoped
{
    public const int MaxText = 4_000;
    public const string Call = "call";
    public const string Email = "email";
    public const string Note = "note";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid LoopId { get; set; }
    public string Kind { get; set; } = Note;

    /// <summary>A call: whether the customer answered.</summary>
    public bool? Reached { get; set; }
    public string Text { get; set; } = "";
    public Guid? ById { get; set; }
    public string? ByName { get; set; }
    public DateTimeOffset At { get; set; }

    public static string LabelOf(string kind) => kind switch
    {
        Call => "Telefonata",
        Email => "Email al cliente",
        _ => "Nota",
    };
}

/// <summary>
/// Why something went wrong, from the organization's own list (the defaults below, then its own), optionally tied to a
/// touchpoint: the pattern across closed loops is what an initiative fixes.
/// </summary>
internal sealed class LoopRootCause : IOrganizationScoped
{
    public const int MaxName = 120;

    public static readonly IReadOnlyList<string> Defaults =
    [
        "Ritardo del corriere",
        "Cliente non avvisato di un ritardo",
        "Errore nell'ordine o nella spedizione",
        "Prodotto difettoso o danneggiato",
        "Errore in fattura",
        "Preventivo poco chiaro o in ritardo",
        "Informazioni sbagliate o incomplete",
        "Attesa troppo lunga per una risposta",
        "Comportamento del personale",
        "Aspettativa del cliente non realistica",
        "Altro",
    ];

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? TouchpointCode { get; set; }
    public bool IsArchived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

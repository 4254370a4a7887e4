using Cerchio.Tenancy;

namespace Cerchio.Customers.Domain;

/// <summary>
/// One thing that happened with a customer, from any system or channel. Events from the API carry the
/// sender's id, unique per organization, which makes re-sent events harmless.
/// </summary>
[NotAudited]
internal sealed class TimelineEvent : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>order_placed, quote_sent, delivered, invoice_issued, visit, call, custom; or customer_created, customer_updated, customer_merged, contact_added.</summary>
    public string Type { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The idempotency id given by the sending system; null for events Cerchio records itself.</summary>
    public string? ExternalId { get; set; }
    public string? TouchpointCode { get; set; }
    public string? Summary { get; set; }

    /// <summary>JSON object of the event's properties as sent.</summary>
    public string Properties { get; set; } = "{}";
    public string Source { get; set; } = "";
    public string? ActorName { get; set; }
}

internal static class EventTypes
{
    public static readonly string[] External = ["order_placed", "quote_sent", "delivered", "invoice_issued", "visit", "call", "custom"];

    public const string CustomerCreated = "customer_created";
    public const string CustomerUpdated = "customer_updated";
    public const string CustomerMerged = "customer_merged";
    public const string ContactAdded = "contact_added";

    /// <summary>Italian labels; Loc translates.</summary>
    public static string Label(string type) => type switch
    {
        "order_placed" => "Ordine",
        "quote_sent" => "Preventivo inviato",
        "delivered" => "Consegna",
        "invoice_issued" => "Fattura emessa",
        "visit" => "Visita",
        "call" => "Telefonata",
        "custom" => "Evento",
        CustomerCreated => "Cliente creato",
        CustomerUpdated => "Scheda modificata",
        CustomerMerged => "Duplicato unito",
        ContactAdded => "Contatto aggiunto",
        "case_opened" => "Pratica aperta",
        "case_resolved" => "Pratica risolta",
        "case_reopened" => "Pratica riaperta",
        "case_replied" => "Risposta inviata",
        "case_message" => "Messaggio ricevuto",
        "case_handed_off" => "Passaggio a un reparto",
        "case_hand_off_answered" => "Risposta di un reparto",
        "survey_answered" => "Risposta a un sondaggio",
        "loop_opened" => "Cerchio aperto",
        "loop_contact" => "Cliente ricontattato",
        "loop_closed" => "Cerchio chiuso",
        _ => type,
    };
}

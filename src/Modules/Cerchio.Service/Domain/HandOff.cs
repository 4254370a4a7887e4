using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

internal enum HandOffStatus
{
    Open = 1,
    Answered = 2,
    Cancelled = 3,
}

/// <summary>
/// A request from a case to any department ("Amministrazione: verificate la fattura 26/4711"): the case waits on that
/// department until it answers, so the waiting time is the department's, and it is measured.
/// </summary>
internal sealed class HandOff : IOrganizationScoped
{
    public const int MaxText = 4000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CaseId { get; set; }
    public Guid DepartmentId { get; set; }

    /// <summary>A person of the department, when the agent knows who should answer; otherwise anyone in it.</summary>
    public Guid? AssigneeId { get; set; }
    public string Request { get; set; } = "";
    public Guid? RequestedById { get; set; }
    public string? RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public HandOffStatus Status { get; set; } = HandOffStatus.Open;
    public string? Answer { get; set; }
    public Guid? AnsweredById { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Only an open request can be answered, once.</summary>
    public string? Complete(string answer, Guid? by, string? byName, DateTimeOffset now)
    {
        if (Status != HandOffStatus.Open)
        {
            return "Questa richiesta ha già una risposta.";
        }

        Status = HandOffStatus.Answered;
        Answer = answer;
        AnsweredById = by;
        AnsweredByName = byName;
        AnsweredAt = now;
        return null;
    }
}

using Cerchio.Service.Domain;

namespace Cerchio.Service.Contracts;

/// <summary>A case as the API shows it. Names of status, type, priority and channel are snake_case words.</summary>
public sealed record CaseDto(
    Guid Id, int Number, string Subject, string Status, string Type, string Priority, string Channel, string? Touchpoint,
    Guid? CustomerId, string? RequesterName, string? RequesterEmail, Guid? DepartmentId, Guid? AssigneeId, string? ExternalId,
    bool IsComplaint, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt,
    DateTimeOffset FirstResponseDueAt, DateTimeOffset ResolutionDueAt, DateTimeOffset? SlaDueAt,
    Guid? ComplaintAboutDepartmentId, Guid? ComplaintAboutPersonId, int? MergedInto)
{
    internal static CaseDto From(Case c) => new(
        c.Id, c.Number, c.Subject, CaseNames.Of(c.Status), CaseNames.Of(c.Type), CaseNames.Of(c.Priority), CaseNames.Of(c.Channel), c.TouchpointCode,
        c.CustomerId, c.RequesterName, c.RequesterEmail, c.DepartmentId, c.AssigneeId, c.ExternalId,
        c.IsComplaint, c.CreatedAt, c.UpdatedAt, c.FirstResponseAt, c.ResolvedAt, c.FirstResponseDueAt, c.ResolutionDueAt, c.SlaDueAt,
        c.ComplaintAboutDepartmentId, c.ComplaintAboutPersonId, c.MergedIntoNumber);
}

/// <summary>How the API names a customer, as in the events API: its code, email or VAT number.</summary>
public sealed record CustomerReferenceInput(string? ExternalId, string? Email, string? VatNumber);

/// <summary>POST /api/v1/cases. Required: subject, customer, channel. external_id makes a repeated request harmless.</summary>
public sealed record CaseInput(
    string? Subject, CustomerReferenceInput? Customer, string? Channel, string? Type, string? Priority, string? Touchpoint, string? Text, string? ExternalId);

/// <summary>A line of the conversation; a message lists its files (received or sent with it).</summary>
public sealed record CaseEntryDto(Guid Id, string Kind, DateTimeOffset At, string? AuthorName, string Text, string? Channel, IReadOnlyList<AttachmentDto> Attachments)
{
    internal static CaseEntryDto From(CaseEntry e) => From(e, []);

    internal static CaseEntryDto From(CaseEntry e, IReadOnlyList<AttachmentDto> attachments) => new(
        e.Id, KindName(e.Kind), e.At, e.AuthorName, e.Text, e.Channel is { } c ? CaseNames.Of(c) : null, attachments);

    internal static string KindName(CaseEntryKind kind) => kind switch
    {
        CaseEntryKind.CustomerMessage => "customer_message",
        CaseEntryKind.Reply => "reply",
        CaseEntryKind.Note => "note",
        CaseEntryKind.ConversationNote => "conversation_note",
        CaseEntryKind.StatusChanged => "status_changed",
        CaseEntryKind.Assigned => "assigned",
        CaseEntryKind.HandOffRequested => "hand_off_requested",
        CaseEntryKind.HandOffAnswered => "hand_off_answered",
        _ => "merged",
    };
}

public sealed record StatusInput(string? Status);

public sealed record NoteInput(string? Text);

/// <summary>POST /api/v1/cases/{number}/merge: the number of the case of the same customer this one joins.</summary>
public sealed record MergeInput(int? Into);

/// <summary>POST /api/v1/cases/{number}/replies. Attachments as in the inbound webhook: filename and base64 content.</summary>
public sealed record ReplyInput(string? Text, List<string>? Cc, List<InboundAttachmentInput>? Attachments = null);

/// <summary>A file of a case's message. inline: an image shown inside the email's HTML (cid:). url: where to download it.</summary>
public sealed record AttachmentDto(Guid Id, Guid EntryId, string FileName, string ContentType, long Size, bool Inline, string Url)
{
    internal static AttachmentDto From(Features.Attachments.AttachmentInfo a, int caseNumber) => new(
        a.Id, a.EntryId, a.FileName, a.ContentType, a.Size, a.IsInline, Features.Attachments.CaseFiles.ApiUrl(caseNumber, a.Id));
}

/// <summary>POST /api/v1/cases/{number}/hand-offs: ask a department (optionally one person in it) for something, by a due time.</summary>
public sealed record HandOffInput(Guid? DepartmentId, Guid? AssigneeId, string? Text, DateTimeOffset? DueAt);

public sealed record HandOffAnswerInput(string? Text);

public sealed record HandOffDto(
    Guid Id, int CaseNumber, Guid DepartmentId, Guid? AssigneeId, string Request, string Status, DateTimeOffset RequestedAt, DateTimeOffset DueAt,
    string? Answer, DateTimeOffset? AnsweredAt)
{
    internal static HandOffDto From(HandOff h, int caseNumber) => new(
        h.Id, caseNumber, h.DepartmentId, h.AssigneeId, h.Request, h.Status.ToString().ToLowerInvariant(), h.RequestedAt, h.DueAt, h.Answer, h.AnsweredAt);
}

namespace Cerchio.Service.Contracts;

/// <summary>POST /api/v1/inbound/email as JSON, for mail providers that push parsed messages.</summary>
public sealed record InboundEmailInput(
    string? From, List<string>? To, List<string>? Cc, string? Subject, string? Text, string? Html, string? MessageId,
    string? InReplyTo, List<string>? References, List<InboundAttachmentInput>? Attachments);

public sealed record InboundAttachmentInput(string? Filename, string? ContentType, string? Content);

public sealed record InboundResult(string Outcome, int? CaseNumber, string? Reason);

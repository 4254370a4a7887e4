using System.Diagnostics.CodeAnalysis;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>Why a message could not be imported.</summary>
internal enum ParseFailure
{
    /// <summary>The stream held no bytes.</summary>
    Empty = 1,

    /// <summary>Over <see cref="InboundLimits.MaxMessageBytes"/> (an HTTP caller answers 413).</summary>
    TooLarge = 2,

    /// <summary>A header block over <see cref="InboundLimits.MaxHeaderBytes"/>.</summary>
    HeaderTooLarge = 3,

    /// <summary>More MIME entities than <see cref="InboundLimits.MaxMimeEntities"/>.</summary>
    TooManyParts = 4,

    /// <summary>Not an RFC 5322 message (no header block could be read).</summary>
    Malformed = 5,

    /// <summary>No usable From (or Sender) mailbox: a case needs someone to answer.</summary>
    NoSender = 6,

    /// <summary>Parsing took longer than <see cref="InboundLimits.Timeout"/>.</summary>
    TimedOut = 7,
}

/// <summary>A parsed email, or the reason (English, for the admin's "failed imports" list) it was refused.</summary>
internal sealed record ParseOutcome
{
    private ParseOutcome(ParsedEmail? email, ParseFailure? failure, string? reason)
    {
        Email = email;
        Failure = failure;
        Reason = reason;
    }

    public ParsedEmail? Email { get; }

    public ParseFailure? Failure { get; }

    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Email))]
    [MemberNotNullWhen(false, nameof(Failure), nameof(Reason))]
    public bool Succeeded => Email is not null;

    public static ParseOutcome Success(ParsedEmail email) => new(email, null, null);

    public static ParseOutcome Failed(ParseFailure failure, string reason) => new(null, failure, reason);

    public override string ToString() => Succeeded ? $"Parsed {Email.MessageId}" : $"{Failure}: {Reason}";
}

using Cerchio.Service.Features.InboundEmail;
using Cerchio.Service.Features.OpenCase;
using MimeKit;

namespace Cerchio.Service.Features.Reply;

/// <summary>
/// What an agent may attach to a reply: at most <see cref="MaxCount"/> files, together no larger than the size a
/// message may have when it comes in (Mailboxes:MaxMessageMegabytes, 25 MB by default; most servers refuse more).
/// Checked from the declared sizes before any file is read, by the page and by the API alike.
/// </summary>
internal static class ReplyAttachments
{
    public const int MaxCount = 10;

    /// <summary>
    /// The largest reply form or API body the server reads: room for the files at the default limit, the text and
    /// base64's growth, so a few megabytes too many get a clear answer rather than a cut connection.
    /// </summary>
    public const long MaxRequestBytes = 48L * 1024 * 1024;

    public static ErrorMessage? Refusal(int count, long totalBytes, InboundLimits limits)
    {
        if (count > MaxCount)
        {
            return new ErrorMessage("Puoi allegare al massimo {0} file a una risposta.", [MaxCount]);
        }

        return totalBytes > limits.MaxMessageBytes
            ? new ErrorMessage("Gli allegati superano il limite di {0} MB per messaggio: togli o riduci qualche file.", [limits.MaxMessageBytes / (1024 * 1024)])
            : null;
    }

    /// <summary>
    /// A file as it will travel: the name cleaned like an inbound one, the type from its extension (what a browser or
    /// client declares is not trusted).
    /// </summary>
    public static NewAttachment File(string? fileName, byte[] content, int number)
    {
        var type = MimeTypes.GetMimeType(fileName ?? "");
        return new NewAttachment(Bodies.FileName(fileName, type, number), type, null, false, content);
    }
}

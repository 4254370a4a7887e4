using Cerchio.Service.Domain;

namespace Cerchio.Service.Features.CannedReplies;

/// <summary>The canned reply form.</summary>
internal sealed class CannedReplyInput
{
    public static readonly string[] Languages = ["it", "en"];

    public string? Title { get; set; }
    public string? Body { get; set; }

    /// <summary>"it", "en", or empty for any customer.</summary>
    public string? Language { get; set; }

    public static CannedReplyInput From(CannedReply r) => new() { Title = r.Title, Body = r.Body, Language = r.Language };

    public Errors Validate()
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > CannedReply.MaxTitle)
        {
            errors.Add(nameof(Title), "Il titolo è obbligatorio, al massimo {0} caratteri.", CannedReply.MaxTitle);
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > CannedReply.MaxBody)
        {
            errors.Add(nameof(Body), "Il testo è obbligatorio, al massimo {0} caratteri.", CannedReply.MaxBody);
        }

        if (!string.IsNullOrEmpty(Language) && !Languages.Contains(Language))
        {
            errors.Add(nameof(Language), "Lingua non valida.");
        }

        return errors;
    }

    public void ApplyTo(CannedReply r, string actor, DateTimeOffset now)
    {
        r.Title = Title!.Trim();
        r.TitleKey = CannedReply.KeyOf(r.Title);
        r.Body = Body!.Trim();
        r.Language = string.IsNullOrEmpty(Language) ? null : Language;
        if (r.CreatedAt == default)
        {
            r.CreatedBy = actor;
            r.CreatedAt = now;
        }

        r.UpdatedBy = actor;
        r.UpdatedAt = now;
    }
}

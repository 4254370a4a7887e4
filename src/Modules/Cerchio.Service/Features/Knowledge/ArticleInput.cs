using Cerchio.Service.Domain;
using Cerchio.Touchpoints;

namespace Cerchio.Service.Features.Knowledge;

/// <summary>The article form and the API's body.</summary>
internal sealed class ArticleInput
{
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Category { get; set; }
    public string? Tags { get; set; }

    /// <summary>"it" or "en".</summary>
    public string? Language { get; set; }
    public string? Status { get; set; }
    public Guid? OwnerDepartmentId { get; set; }

    /// <summary>yyyy-MM-dd, or empty for no review date.</summary>
    public string? ReviewBy { get; set; }
    public bool IsPublic { get; set; }

    // A form posted with no box ticked binds this as null: it reads as empty.
    public List<string> Touchpoints { get => field ??= []; set; }

    public static readonly IReadOnlyList<(ArticleStatus Status, string Slug, string Label)> Statuses =
    [
        (ArticleStatus.Draft, "draft", "Bozza"), (ArticleStatus.Published, "published", "Pubblicato"), (ArticleStatus.Archived, "archived", "Archiviato"),
    ];

    public static string Slug(ArticleStatus status) => Statuses.First(s => s.Status == status).Slug;

    public static string Label(ArticleStatus status) => Statuses.First(s => s.Status == status).Label;

    public static ArticleStatus? StatusOf(string? slug) => Statuses.FirstOrDefault(s => s.Slug == slug?.Trim()).Status is var status && status != 0 ? status : null;

    public static ArticleInput From(Article a) => new()
    {
        Title = a.Title, Body = a.Body, Category = a.Category, Tags = a.Tags, Language = a.Language, Status = Slug(a.Status),
        OwnerDepartmentId = a.OwnerDepartmentId, ReviewBy = a.ReviewBy is { } review ? Cerchio.Text.Times.FormDate(review) : null,
        IsPublic = a.IsPublic, Touchpoints = [.. a.TouchpointCodes],
    };

    public Errors Validate(IReadOnlyCollection<Guid> departments, IReadOnlyCollection<TouchpointInfo> touchpoints)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > Article.MaxTitle)
        {
            errors.Add(nameof(Title), "Il titolo è obbligatorio, al massimo {0} caratteri.", Article.MaxTitle);
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > Article.MaxBody)
        {
            errors.Add(nameof(Body), "Il testo è obbligatorio, al massimo {0} caratteri.", Article.MaxBody);
        }

        if (Category?.Trim().Length > Article.MaxCategory)
        {
            errors.Add(nameof(Category), "Al massimo {0} caratteri.", Article.MaxCategory);
        }

        if (Tags?.Trim().Length > Article.MaxTags)
        {
            errors.Add(nameof(Tags), "Al massimo {0} caratteri.", Article.MaxTags);
        }

        if (Language is not ("it" or "en"))
        {
            errors.Add(nameof(Language), "Lingua non valida.");
        }

        if (StatusOf(Status) is null)
        {
            errors.Add(nameof(Status), "Stato non valido.");
        }

        if (OwnerDepartmentId is { } owner && !departments.Contains(owner))
        {
            errors.Add(nameof(OwnerDepartmentId), "Scegli reparti della tua organizzazione.");
        }

        if (!string.IsNullOrWhiteSpace(ReviewBy) && Review() is null)
        {
            errors.Add(nameof(ReviewBy), "Indica la data di revisione (gg/mm/aaaa).");
        }

        var (_, unknown) = TouchpointList.Resolve(Touchpoints, touchpoints);
        if (unknown.Count > 0)
        {
            errors.Add(nameof(Touchpoints), "Touchpoint sconosciuti: {0}.", string.Join(", ", unknown));
        }

        return errors;
    }

    private DateOnly? Review() => Cerchio.Text.Times.ParseFormDate(ReviewBy);

    /// <summary>The tags as typed, trimmed, each once, in their order.</summary>
    private string NormalizedTags() =>
        string.Join(", ", (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase));

    public void ApplyTo(Article a, IReadOnlyCollection<TouchpointInfo> touchpoints)
    {
        a.Title = Title!.Trim();
        a.Body = Body!.Trim();
        a.Category = Category?.Trim() ?? "";
        a.Tags = NormalizedTags();
        a.Language = Language!;
        a.Status = StatusOf(Status)!.Value;
        a.OwnerDepartmentId = OwnerDepartmentId;
        a.ReviewBy = Review();
        a.IsPublic = IsPublic;
        a.Touchpoints = CommaList.Join(TouchpointList.Resolve(Touchpoints, touchpoints).Known);
    }
}

namespace Cerchio.Service.Contracts;

/// <summary>GET /api/v1/canned-replies: a canned reply as stored, its placeholders ({{cliente}}, {{pratica}},
/// {{operatore}}, {{oggetto}}) not filled in. Language: "it", "en" or null for any customer.</summary>
public sealed record CannedReplyDto(Guid Id, string Title, string Body, string? Language, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

namespace Cerchio.Service.Domain;

/// <summary>How soon a case needs an answer; the SLA policy gives each its targets.</summary>
/// <remarks>Explicit values: they will be stored, so never renumber.</remarks>
internal enum CasePriority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}

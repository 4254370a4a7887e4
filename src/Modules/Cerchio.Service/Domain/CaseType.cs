namespace Cerchio.Service.Domain;

/// <summary>What a case is about; the SLA policy may give a type its own targets.</summary>
/// <remarks>Explicit values: they will be stored, so never renumber.</remarks>
internal enum CaseType
{
    Request = 1,
    Complaint = 2,
    TechnicalAssistance = 3,
    SalesOpportunity = 4,
    Information = 5,
}

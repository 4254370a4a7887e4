using Cerchio.Customers.Domain;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>An import's status as the pages show it (Italian labels; Loc translates).</summary>
internal static class ImportStatusText
{
    public static string Label(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "Da confermare",
        ImportStatus.Queued => "In coda",
        ImportStatus.Running => "In corso",
        ImportStatus.Completed => "Completata",
        _ => "Non riuscita",
    };

    public static string Css(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "text-bg-warning",
        ImportStatus.Queued or ImportStatus.Running => "text-bg-info",
        ImportStatus.Completed => "text-bg-success",
        _ => "text-bg-danger",
    };
}

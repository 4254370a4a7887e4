using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Web.Composition;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

/// <summary>Builds the one model for a provider: `dotnet ef ... -- Sqlite` or `-- Postgres`.</summary>
internal sealed class DesignTimeDb : IDesignTimeDbContextFactory<CerchioDb>
{
    public CerchioDb CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(args.FirstOrDefault() ?? "Sqlite", ignoreCase: true);
        var options = new DbContextOptionsBuilder<CerchioDb>();
        DataServices.Configure(options, provider, provider == DatabaseProvider.Postgres
            ? "Host=127.0.0.1;Database=cerchio_design;Username=postgres"
            : "Data Source=design.db");
        return new CerchioDb(options.Options, new OrganizationContext(), new CerchioModel(CerchioApp.ModuleAssemblies));
    }
}

internal static class Program
{
    private static void Main() => Console.WriteLine("Design-time host for dotnet ef; see scripts/add-migration.sh.");
}

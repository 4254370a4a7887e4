using System.Reflection;
using Cerchio.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cerchio.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The base of a module's save interceptor, registered with <see cref="DataServices.AddSaveInterceptor{T}"/>.</summary>
public abstract class ModuleSaveInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor;

public static class DataServices
{
    public const string SqliteMigrations = "Cerchio.Data.Sqlite";
    public const string PostgresMigrations = "Cerchio.Data.Postgres";

    private static readonly Sqlite.SqliteConnectionSetup SqliteSetup = new();

    public static DatabaseProvider ProviderFrom(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>Configures the one DbContext for the chosen provider, with its own migrations assembly.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations));
                break;
            default:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations));
                options.AddInterceptors(SqliteSetup);
                break;
        }
    }

    public static IServiceCollection AddCerchioData(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, IEnumerable<Assembly> modelAssemblies)
    {
        services.AddSingleton(new CerchioModel(modelAssemblies.ToList()));
        services.AddSingleton<TenantStampingInterceptor>();
        Outbox.ModuleEventRegistration.Subscriptions(services);
        services.TryAddSingleton<Outbox.OutboxSignal>();
        services.TryAddSingleton<Outbox.OutboxInterceptor>();
        services.AddSingleton(new Live.LiveSignals(provider));
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<Live.PostgresLiveBridge>(sp, connectionString));
        }

        services.AddDbContext<CerchioDb>((sp, options) =>
        {
            Configure(options, provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<TenantStampingInterceptor>(), sp.GetRequiredService<Outbox.OutboxInterceptor>());
            options.AddInterceptors(sp.GetServices<ModuleSaveInterceptor>());
        });
        return services;
    }

    /// <summary>A module's own reaction to what the one DbContext saves (e.g. the desk telling open inboxes).</summary>
    public static IServiceCollection AddSaveInterceptor<T>(this IServiceCollection services)
        where T : ModuleSaveInterceptor
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ModuleSaveInterceptor, T>());
        return services;
    }
}

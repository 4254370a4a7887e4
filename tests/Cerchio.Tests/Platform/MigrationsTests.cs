using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>A model change without its migration (scripts/add-migration.sh) fails here, for each database.</summary>
public abstract class MigrationsTests(AppFixture app)
{
    [Fact]
    public async Task Model_MatchesTheLatestMigration()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration describes: run scripts/add-migration.sh <Name>.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

public sealed class MigrationsTestsOnSqlite(SqliteApp app) : MigrationsTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationsTestsOnPostgres(PostgresApp app) : MigrationsTests(app), IClassFixture<PostgresApp>;

namespace Cerchio.Tests.Infrastructure;

// Every integration test class is abstract over AppFixture and has one concrete class per database:
//   public sealed class XOnSqlite(SqliteApp app) : X(app), IClassFixture<SqliteApp>;
//   public sealed class XOnPostgres(PostgresApp app) : X(app), IClassFixture<PostgresApp>;
// so each test runs, and is reported, once per database.

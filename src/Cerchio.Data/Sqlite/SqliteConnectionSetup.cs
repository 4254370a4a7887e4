using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cerchio.Data.Sqlite;

/// <summary>
/// Every SQLite connection waits for the write lock inside SQLite (busy_timeout) instead of failing at once: otherwise
/// Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep, so two writers meeting (a request and the
/// event dispatcher) cost the loser 150 ms. SQLite's own wait retries after 1, 2, 5, 10… ms.
/// In WAL mode, synchronous=NORMAL syncs the log at checkpoints rather than at every commit (0.7 ms here): a process
/// that dies loses nothing committed; an operating-system crash or power cut may lose the last commits, never the
/// file's integrity (ADR 0014).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection);
        return Task.CompletedTask;
    }

    private static void Run(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}

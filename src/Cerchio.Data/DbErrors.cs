using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cerchio.Data;

/// <summary>Recognizes the database errors a request can cause by racing another one, on both databases.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row: another request stored the same key between our check and our save.</summary>
    public static bool IsUniqueViolation(Exception e) => (e is DbUpdateException ? e.InnerException : e) switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,   // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

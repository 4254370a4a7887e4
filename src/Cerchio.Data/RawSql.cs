using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging;

namespace Cerchio.Data;

/// <summary>
/// Hand-written SQL for what LINQ cannot say (full-text search), read row by row. Parameter values are stored the
/// way the model stores them: on SQLite a Guid is upper-case text and a DateTimeOffset its binary ticks (see
/// CerchioDb's conventions). Raw SQL bypasses the query filters: every statement filters by organization itself.
/// </summary>
public static class RawSql
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteTimes = new();

    public static async Task<List<T>> ReadAsync<T>(
        this CerchioDb db, string sql, IReadOnlyDictionary<string, object?> parameters, Func<DbDataReader, T> read, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = (db.IsSqlite ? ForSqlite(value) : value) ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            var started = Stopwatch.GetTimestamp();
            var rows = new List<T>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(read(reader));
                }
            }

            // EF logs only its own commands.
            db.GetService<ILoggerFactory>().CreateLogger("Cerchio.Data.RawSql")
                .LogDebug("Executed raw SQL ({Elapsed} ms, {Rows} rows)\n{Sql}", (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, rows.Count, sql);
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A Guid column: text on SQLite, uuid on PostgreSQL.</summary>
    public static Guid GetGuidValue(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        var other => throw new InvalidCastException($"Column {ordinal} holds {other.GetType().Name}, not a Guid."),
    };

    /// <summary>A DateTimeOffset column: EF's binary ticks on SQLite, timestamptz on PostgreSQL.</summary>
    public static DateTimeOffset GetTimeValue(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long binary => (DateTimeOffset)SqliteTimes.ConvertFromProvider(binary)!,
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        var other => throw new InvalidCastException($"Column {ordinal} holds {other.GetType().Name}, not a time."),
    };

    /// <summary>An integer column (an enum's number): long on SQLite, int on PostgreSQL.</summary>
    public static int GetInt32Value(this DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A text column that may be NULL.</summary>
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static object? ForSqlite(object? value) => value switch
    {
        Guid guid => guid.ToString().ToUpperInvariant(),
        DateTimeOffset time => SqliteTimes.ConvertToProvider(time),
        _ => value,
    };
}

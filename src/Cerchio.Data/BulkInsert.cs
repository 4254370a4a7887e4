using System.Data.Common;
using System.Text;
using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cerchio.Data;

/// <summary>
/// Inserts many rows far faster than SaveChanges: the path for high-volume appends (events from other systems).
/// Table, columns and value conversions come from the EF model, and every value is bound through its property's
/// own type mapping, so rows are stored exactly as EF would store them. SQLite reuses one prepared single-row
/// statement (binding is cheap, there is no network); PostgreSQL sends multi-row statements (one round trip per
/// chunk). Only for types kept out of the audit log (<see cref="NotAuditedAttribute"/>), since the interceptor
/// does not see these rows. Run it inside a transaction: the caller decides what is all-or-nothing.
/// </summary>
public static class BulkInsert
{
    private const int RowsPerStatement = 200;

    public static async Task InsertAsync<T>(this CerchioDb db, IReadOnlyCollection<T> rows, CancellationToken ct = default)
        where T : class, IOrganizationScoped
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!Attribute.IsDefined(typeof(T), typeof(NotAuditedAttribute)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is audited: add it through the DbContext instead.");
        }

        foreach (var row in rows)
        {
            db.Tenant.Stamp(row, isNew: true);   // the interceptor's rule: these rows do not pass through it
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var chunk in rows.Chunk(db.IsSqlite ? 1 : RowsPerStatement))
            {
                // SQLite: the command text is the same for every row, so the statement is prepared once and reused.
                if (command.Parameters.Count != chunk.Length * properties.Count)
                {
                    var text = new StringBuilder(head);
                    command.Parameters.Clear();
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        text.Append(r == 0 ? "(" : ", (");
                        for (var c = 0; c < properties.Count; c++)
                        {
                            var name = "p" + command.Parameters.Count;
                            text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                            command.Parameters.Add(mappings[c].CreateParameter(command, sql.GenerateParameterName(name), null, nullable: true));
                        }

                        text.Append(')');
                    }

                    command.CommandText = text.ToString();
                }

                for (var r = 0; r < chunk.Length; r++)
                {
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var value = getters[c].GetClrValue(chunk[r]);
                        command.Parameters[r * properties.Count + c].Value =
                            value is null ? DBNull.Value : mappings[c].Converter?.ConvertToProvider(value) ?? value;
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

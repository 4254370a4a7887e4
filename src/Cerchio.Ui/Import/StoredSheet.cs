using System.IO.Compression;
using System.Text.Json;

namespace Cerchio.Ui.Import;

/// <summary>
/// The parsed sheet of an import as it is kept between the upload and the confirmation (a customer import's job, a survey
/// answers import's preview form): gzip-compressed JSON of the headers, the Excel row numbers and the cells. The upload
/// is parsed once; what follows reads this, so an untrusted file is never parsed again and the raw upload is never stored.
/// </summary>
public static class StoredSheet
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Version 1: parallel arrays, so a row costs its cells and one number.</summary>
    private sealed record Stored(int Version, IReadOnlyList<string> Headers, int[] Numbers, string?[][] Rows);

    public static byte[] Encode(SheetTable table)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var stored = new Stored(1, table.Headers, table.Rows.Select(r => r.Number).ToArray(), table.Rows.Select(r => r.Cells).ToArray());
            JsonSerializer.Serialize(gzip, stored, Json);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The table, or null when the job keeps none: an import that finished, or one uploaded before tables were stored,
    /// whose column still holds the raw file (the migration renamed the column).
    /// </summary>
    public static async Task<SheetTable?> DecodeAsync(byte[] stored, CancellationToken ct)
    {
        if (stored is not [0x1F, 0x8B, ..])
        {
            return null;
        }

        Stored? value;
        try
        {
            await using var gzip = new GZipStream(new MemoryStream(stored, writable: false), CompressionMode.Decompress);
            value = await JsonSerializer.DeserializeAsync<Stored>(gzip, Json, ct);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            return null;
        }

        if (value is not { Version: 1 } || value.Numbers.Length != value.Rows.Length)
        {
            return null;
        }

        return new SheetTable(value.Headers, value.Numbers.Select((n, i) => new SheetRow(n, value.Rows[i])).ToList());
    }
}

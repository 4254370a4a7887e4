using System.Globalization;
using System.Text;
using Cerchio.Customers.Domain;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cerchio.Customers.Features.ImportCustomers;

/// <summary>A data row of an uploaded sheet; <see cref="Number"/> is the row number Excel shows (the header is row 1).</summary>
internal sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

internal sealed record SheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads an uploaded CSV (UTF-8 with or without BOM, or the Windows-1252 Italian Excel writes; separator detected)
/// or XLSX (first worksheet) into headers and trimmed rows. The content decides the format, not only the name.
/// </summary>
internal static class SheetReader
{
    public const string NoFile = "Scegli un file da importare.";
    public const string EmptyFile = "Il file è vuoto.";
    public const string TooLarge = "Il file supera i 10 MB.";
    public const string NotSpreadsheet = "Il file non è un CSV o un foglio Excel (.xlsx).";
    public const string OldExcel = "I file .xls (Excel 97-2003) non sono supportati: salvalo come .xlsx o come CSV.";
    public const string Unreadable = "Il file Excel è danneggiato o non si può leggere.";
    public const string NoHeader = "Il file non ha una riga di intestazione.";
    public const string NoRows = "Il file non contiene righe di dati.";
    public const string TooManyColumns = "Il file ha troppe colonne: al massimo 200.";
    public const string TooManyRows = "Il file ha troppe righe: al massimo 100.000. Dividilo in più file.";

    // Bounds on what a small upload can make the server do: a 10 MB file can describe far more (a zip bomb, a cell
    // at column XFD of row 1,000,000), so columns, rows and the characters of each XML part are capped.
    public const int MaxColumns = 200;
    public const int MaxRows = 100_000;
    private const long MaxCharactersInPart = 20_000_000;

    private static readonly string[] TextExtensions = [".csv", ".txt"];

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Checks what can be checked before parsing: presence, size, kind of content.</summary>
    public static string? CheckUpload(string fileName, long length)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return NoFile;
        }

        if (length == 0)
        {
            return EmptyFile;
        }

        return length > ImportJob.MaxBytes ? TooLarge : null;
    }

    public static (SheetTable? Table, string? Error) Read(string fileName, byte[] content)
    {
        if (CheckUpload(fileName, content.Length) is { } error)
        {
            return (null, error);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (IsZip(content))
        {
            // A zip that is not a workbook (a .docx, a renamed archive) fails to open below.
            return extension is ".xlsx" or ".csv" or ".txt" or "" ? ReadXlsx(content) : (null, NotSpreadsheet);
        }

        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) || extension == ".xls")
        {
            return (null, OldExcel);
        }

        if (!TextExtensions.Contains(extension) || Decode(content) is not { } text)
        {
            return (null, NotSpreadsheet);
        }

        return ReadCsv(text);
    }

    private static bool IsZip(byte[] content) => content.AsSpan().StartsWith("PK\u0003\u0004"u8);

    /// <summary>UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252; null for binary content.</summary>
    private static string? Decode(byte[] content)
    {
        string text;
        var span = content.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(span[2..]);
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(span[2..]);
        }
        else
        {
            var body = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            }
            catch (DecoderFallbackException)
            {
                text = Encoding.GetEncoding(1252).GetString(body);
            }
        }

        // Text files have no NUL and hardly any control characters; images, PDFs and executables do.
        var controls = text.Take(8192).Count(c => c < ' ' && c is not ('\t' or '\r' or '\n'));
        return text.Contains('\0', StringComparison.Ordinal) || controls > 8 ? null : text;
    }

    private static (SheetTable?, string?) ReadCsv(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, EmptyFile);
        }

        // Empty lines are kept (and dropped below) so the row numbers stay those Excel shows.
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { SkipEmptyLines = false });
        var headers = csv.Headers.ToArray();
        var rows = new List<SheetRow>();
        while (csv.Read())
        {
            var cells = csv.Current.ToArray();
            rows.Add(new SheetRow((int)csv.RowNumber + 1, cells.Length > MaxColumns + 1 ? cells[..(MaxColumns + 1)] : cells));
            if (rows.Count > MaxRows)
            {
                return (null, TooManyRows);
            }
        }

        return Build(headers, rows);
    }

    private static (SheetTable?, string?) ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                return (null, Unreadable);
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            string[]? headers = null;
            var rows = new List<SheetRow>();
            var next = 1;
            // Row by row (SAX), so a large sheet does not become one big DOM.
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } index ? (int)index : next;
                next = number + 1;
                var cells = ReadCells(row, shared);
                if (headers is null)
                {
                    if (cells.Any(c => c is not null))
                    {
                        headers = cells.Select(c => c ?? "").ToArray();
                    }

                    continue;
                }

                rows.Add(new SheetRow(number, cells));
                if (rows.Count > MaxRows)
                {
                    return (null, TooManyRows);
                }
            }

            return headers is null ? (null, NoHeader) : Build(headers, rows);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or FileFormatException)
        {
            return (null, Unreadable);
        }
    }

    private static string?[] ReadCells(Row row, string[] shared)
    {
        var values = new List<string?>();
        var position = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : position;
            position = column + 1;
            if (column > MaxColumns)
            {
                continue;   // past any column a customer list can use; Build reports a header that wide
            }

            while (values.Count <= column)
            {
                values.Add(null);
            }

            values[column] = CellText(cell, shared);
        }

        return values.ToArray();
    }

    private static string? CellText(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Length ? shared[i] : null;
        }

        if (type == CellValues.Error)
        {
            return null;
        }

        if (type is null || type == CellValues.Number)
        {
            // Excel may store 12345678901 as 1.2345678901E+10: show the digits the person typed.
            return raw.Contains('E', StringComparison.OrdinalIgnoreCase)
                && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString("0.##########", CultureInfo.InvariantCulture)
                : raw;
        }

        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(index - 1, 0);
    }

    private static (SheetTable?, string?) Build(string[] rawHeaders, List<SheetRow> rows)
    {
        // Trailing blank headers are what Excel leaves after deleted columns: not columns of the list.
        var width = rawHeaders.Length;
        while (width > 0 && string.IsNullOrWhiteSpace(rawHeaders[width - 1]))
        {
            width--;
        }

        if (width == 0)
        {
            return (null, NoHeader);
        }

        if (width > MaxColumns)
        {
            return (null, TooManyColumns);
        }

        // Header names identify columns in the mapping: name the blank ones and make repeated ones unique.
        var headers = new List<string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < width; i++)
        {
            var name = string.IsNullOrWhiteSpace(rawHeaders[i]) ? $"({Ui.Export.TabularExport.ColumnName(i)})" : rawHeaders[i].Trim();
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }

            headers.Add(unique);
        }

        var data = rows
            .Select(r => r with { Cells = Enumerable.Range(0, headers.Count).Select(i => Customer.Clean(r[i])).ToArray() })
            .Where(r => r.Cells.Any(c => c is not null))
            .ToList();
        return data.Count == 0 ? (null, NoRows) : (new SheetTable(headers, data), null);
    }
}

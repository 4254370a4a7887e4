using System.Globalization;
using System.Text;
using System.Xml;
using Cerchio.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;

namespace Cerchio.Ui.Import;

/// <summary>A data row of an uploaded sheet; <see cref="Number"/> is the row number Excel shows (the header is row 1).</summary>
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

public sealed record SheetTable(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads an uploaded CSV (UTF-8 with or without BOM, or the Windows-1252 Italian Excel writes; separator detected)
/// or XLSX (first worksheet) into headers and trimmed rows. The content decides the format, not only the name.
/// </summary>
public static class SheetReader
{
    public const string NoFile = "Scegli un file da importare.";
    public const string EmptyFile = "Il file è vuoto.";
    public const string TooLarge = "Il file supera i 10 MB.";

    /// <summary>The largest upload an import reads (the customers' and the survey answers' alike).</summary>
    public const int MaxBytes = 10 * 1024 * 1024;
    public const string NotSpreadsheet = "Il file non è un CSV o un foglio Excel (.xlsx).";
    public const string OldExcel = "I file .xls (Excel 97-2003) non sono supportati: salvalo come .xlsx o come CSV.";
    public const string Unreadable = "Il file Excel è danneggiato o non si può leggere.";
    public const string NoHeader = "Il file non ha una riga di intestazione.";
    public const string NoRows = "Il file non contiene righe di dati.";
    public const string TooManyColumns = "Il file ha troppe colonne: al massimo 200.";
    public const string TooManyRows = "Il file ha troppe righe: al massimo 100.000. Dividilo in più file.";
    public const string TooMuchData = "Il file Excel contiene troppi dati: dividilo in più file o salvalo come CSV.";
    public const string TooSlow = "Il file richiede troppo tempo per essere letto: dividilo in più file o salvalo come CSV.";
    public const string BadHeader = "L'intestazione del file contiene caratteri di controllo o testo Unicode non valido.";

    // Bounds on what a small upload can make the server do: a 10 MB file can describe far more (a zip bomb, a cell
    // at column XFD of row 1,000,000), so columns, rows and the characters of each XML part are capped; PackageCheck
    // bounds the package itself (parts, inflated bytes, tag length) before any XML parser sees it.
    public const int MaxColumns = 200;
    public const int MaxRows = 100_000;
    private const long MaxCharactersInPart = 20_000_000;
    private const int MaxSheetRows = 1_048_576;   // Excel's last row

    /// <summary>
    /// The longest an upload may keep a request thread busy parsing. Every bound above keeps a file within a few seconds
    /// on a busy 2-core machine; this catches what they do not foresee, and frees the thread for other people.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

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

        return length > MaxBytes ? TooLarge : null;
    }

    /// <summary>
    /// Reads an untrusted upload. Work stops when <paramref name="ct"/> is cancelled (the client went away, the host is
    /// stopping: <see cref="OperationCanceledException"/>) or after <see cref="Budget"/> (the <see cref="TooSlow"/> error).
    /// </summary>
    public static (SheetTable? Table, string? Error) Read(string fileName, byte[] content, CancellationToken ct = default) =>
        Read(fileName, content, Budget, ct);

    internal static (SheetTable? Table, string? Error) Read(string fileName, byte[] content, TimeSpan budget, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var timer = new CancellationTokenSource(budget);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return ReadUntrusted(fileName, content, linked.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (null, TooSlow);
        }
    }

    private static (SheetTable?, string?) ReadUntrusted(string fileName, byte[] content, CancellationToken ct)
    {
        if (CheckUpload(fileName, content.Length) is { } error)
        {
            return (null, error);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (IsZip(content))
        {
            // A zip that is not a workbook (a .docx, a renamed archive) fails to open below.
            return extension is ".xlsx" or ".csv" or ".txt" or "" ? ReadXlsx(content, ct) : (null, NotSpreadsheet);
        }

        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) || extension == ".xls")
        {
            return (null, OldExcel);
        }

        if (!TextExtensions.Contains(extension) || Decode(content) is not { } text)
        {
            return (null, NotSpreadsheet);
        }

        try
        {
            return ReadCsv(text, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the parser trips on in an untrusted file is the file's fault, not a server error.
            return (null, NotSpreadsheet);
        }
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

    private static (SheetTable?, string?) ReadCsv(string text, CancellationToken ct)
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
            ct.ThrowIfCancellationRequested();
            var cells = csv.Current.ToArray();
            rows.Add(new SheetRow((int)csv.RowNumber + 1, cells.Length > MaxColumns + 1 ? cells[..(MaxColumns + 1)] : cells));
            if (rows.Count > MaxRows)
            {
                return (null, TooManyRows);
            }
        }

        return Build(headers, rows);
    }

    private static (SheetTable?, string?) ReadXlsx(byte[] content, CancellationToken ct)
    {
        try
        {
            switch (PackageCheck.Check(content, ct))
            {
                case PackageCheck.Outcome.Malformed:
                    return (null, Unreadable);
                case PackageCheck.Outcome.TooMuchData:
                    return (null, TooMuchData);
            }

            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            ct.ThrowIfCancellationRequested();
            if (document.WorkbookPart is not { } workbook || FirstSheetId(workbook, ct) is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                return (null, Unreadable);
            }

            var shared = ReadSharedStrings(workbook.SharedStringTablePart, ct);
            return ReadSheet(part, shared, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The file is untrusted: whatever the zip, package or XML layers throw on it (a row numbered "abc", a cell of
            // an unknown type, a sheet pointing to a missing part, …) means it cannot be read, not that the server failed.
            return (null, Unreadable);
        }
    }

    // Every part is read element by element with a plain XmlReader: no part becomes a DOM (many times the XML's size),
    // and unlike the SDK's OpenXmlReader, which allocates an element object per tag (~440 MB for a million shared
    // strings), it allocates little more than the texts it returns. The SDK still opens the package and finds the parts.
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharactersInPart,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static XmlReader OpenPart(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), XmlSettings);

    /// <summary>True on a start element of the part's own namespace (the root's) named <paramref name="name"/>.</summary>
    private static bool IsStart(XmlReader reader, string ns, string name) =>
        reader.NodeType == XmlNodeType.Element && reader.LocalName == name && reader.NamespaceURI == ns;

    private static bool IsEnd(XmlReader reader, string ns, string name) =>
        reader.NodeType == XmlNodeType.EndElement && reader.LocalName == name && reader.NamespaceURI == ns;

    /// <summary>Moves to the root element and returns its namespace (transitional or strict, both are read).</summary>
    private static string Root(XmlReader reader)
    {
        reader.MoveToContent();
        return reader.NamespaceURI;
    }

    /// <summary>The text of the element the reader is on (text, CDATA and whitespace), leaving it on its end tag.</summary>
    private static string ReadText(XmlReader reader, CancellationToken ct)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        string? single = null;
        StringBuilder? many = null;
        while (reader.Read() && reader.Depth > depth)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (single is null)
                {
                    single = reader.Value;
                }
                else
                {
                    (many ??= new StringBuilder(single)).Append(reader.Value);
                }
            }
        }

        return many?.ToString() ?? single ?? "";
    }

    /// <summary>The relationship id of the workbook's first sheet.</summary>
    private static string? FirstSheetId(WorkbookPart workbook, CancellationToken ct)
    {
        using var reader = OpenPart(workbook);
        var ns = Root(reader);
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (IsStart(reader, ns, "sheet"))
            {
                while (reader.MoveToNextAttribute())
                {
                    if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
                    {
                        return reader.Value;
                    }
                }

                return null;
            }
        }

        return null;
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part, CancellationToken ct)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenPart(part);
        var ns = Root(reader);
        var text = new StringBuilder();
        var phonetic = 0;
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (IsStart(reader, ns, "si"))
            {
                text.Clear();
                phonetic = 0;
                if (reader.IsEmptyElement)
                {
                    strings.Add("");
                }
            }
            else if (IsEnd(reader, ns, "si"))
            {
                strings.Add(text.ToString());
            }
            else if (IsStart(reader, ns, "rPh") && !reader.IsEmptyElement)
            {
                phonetic++;   // the reading aid of Japanese text: Excel shows the runs, not this
            }
            else if (IsEnd(reader, ns, "rPh"))
            {
                phonetic--;
            }
            else if (IsStart(reader, ns, "t"))
            {
                var value = ReadText(reader, ct);
                if (phonetic == 0)
                {
                    text.Append(value);
                }
            }
        }

        return strings;
    }

    private static (SheetTable?, string?) ReadSheet(WorksheetPart part, List<string> shared, CancellationToken ct)
    {
        string[]? headers = null;
        var rows = new List<SheetRow>();
        var cells = new List<string?>();
        var (next, number, position) = (1, 0, 0);
        var (column, type, value, inline, phonetic, inCell) = (0, "n", (string?)null, new StringBuilder(), 0, false);
        using var reader = OpenPart(part);
        var ns = Root(reader);
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            var start = reader.NodeType == XmlNodeType.Element;
            if (reader.NodeType is not (XmlNodeType.Element or XmlNodeType.EndElement) || reader.NamespaceURI != ns)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "row" when start:
                    number = reader.GetAttribute("r") is { } r ? RowNumber(r) : next;
                    next = number + 1;
                    position = 0;
                    cells.Clear();
                    if (reader.IsEmptyElement)
                    {
                        EndRow();
                    }

                    break;
                case "row":
                    if (EndRow())
                    {
                        return (null, TooManyRows);
                    }

                    break;
                case "c" when start:
                    column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : position;
                    position = column + 1;
                    type = reader.GetAttribute("t") ?? "n";
                    if (type is not ("n" or "s" or "str" or "inlineStr" or "b" or "e" or "d"))
                    {
                        throw new InvalidDataException($"Unknown cell type '{type}'.");
                    }

                    (value, inCell, phonetic) = (null, true, 0);
                    inline.Clear();
                    if (reader.IsEmptyElement)
                    {
                        EndCell();
                    }

                    break;
                case "c":
                    EndCell();
                    break;
                case "v" when start && inCell:
                    value = ReadText(reader, ct);
                    break;
                case "rPh" when inCell && !(start && reader.IsEmptyElement):
                    phonetic += start ? 1 : -1;
                    break;
                case "t" when start && inCell:
                    var text = ReadText(reader, ct);
                    if (phonetic == 0)
                    {
                        inline.Append(text);
                    }

                    break;
            }
        }

        return headers is null ? (null, NoHeader) : Build(headers, rows);

        // True when the sheet has more rows than an import takes.
        bool EndRow()
        {
            if (headers is null)
            {
                if (cells.Any(c => c is not null))
                {
                    headers = cells.Select(c => c ?? "").ToArray();
                }

                return false;
            }

            rows.Add(new SheetRow(number, cells.ToArray()));
            return rows.Count > MaxRows;
        }

        void EndCell()
        {
            inCell = false;
            // Past any column a customer list can use: Build reports a header that wide.
            if (column <= MaxColumns)
            {
                while (cells.Count <= column)
                {
                    cells.Add(null);
                }

                cells[column] = CellText(type, value, inline, shared);
            }
        }
    }

    private static int RowNumber(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxSheetRows
            ? n
            : throw new InvalidDataException($"Invalid row number '{value}'.");

    private static string? CellText(string type, string? raw, StringBuilder inline, List<string> shared)
    {
        switch (type)
        {
            case "inlineStr":
                return inline.Length > 0 ? inline.ToString() : raw;
            case "e":
                return null;
            case "s":
                return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
            case "n":
                // Excel may store 12345678901 as 1.2345678901E+10: show the digits the person typed.
                return raw is not null && raw.Contains('E', StringComparison.OrdinalIgnoreCase)
                    && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number.ToString("0.##########", CultureInfo.InvariantCulture)
                    : raw;
            default:
                return raw;
        }
    }

    /// <summary>The 0-based column of a reference such as "B7"; a reference that is not letters then digits is damage.</summary>
    private static int ColumnIndex(string reference)
    {
        var letters = 0;
        var index = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters]))
        {
            // Three letters reach column XFD, Excel's last; more can only be far past MaxColumns.
            index = letters < 3 ? index * 26 + (char.ToUpperInvariant(reference[letters]) - 'A' + 1) : int.MaxValue;
            letters++;
        }

        if (letters == 0 || letters == reference.Length || reference.AsSpan(letters).ContainsAnyExceptInRange('0', '9'))
        {
            throw new InvalidDataException($"Invalid cell reference '{reference}'.");
        }

        return index == int.MaxValue ? index : index - 1;
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

        // Headers become attribute names and labels on every page: the shared text rule applies to them as to cells.
        if (rawHeaders.Take(width).Any(h => !TextRules.IsAcceptable(h)))
        {
            return (null, BadHeader);
        }

        // Header names identify columns in the mapping: name the blank ones and make repeated ones unique.
        var headers = new List<string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < width; i++)
        {
            var name = string.IsNullOrWhiteSpace(rawHeaders[i]) ? $"({Export.TabularExport.ColumnName(i)})" : rawHeaders[i].Trim();
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }

            headers.Add(unique);
        }

        var data = rows
            .Select(r => r with { Cells = Enumerable.Range(0, headers.Count).Select(i => Clean(r[i])).ToArray() })
            .Where(r => r.Cells.Any(c => c is not null))
            .ToList();
        return data.Count == 0 ? (null, NoRows) : (new SheetTable(headers, data), null);
    }

    /// <summary>A cell as imports read it: trimmed, and null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

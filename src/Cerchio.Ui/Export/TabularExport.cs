using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cerchio.Ui.Export;

public enum TabularFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes a header row and a stream of rows as CSV (UTF-8 with BOM, ';' — what Italian Excel opens
/// correctly) or as an XLSX workbook. Rows are written as they come, so a large export never sits in memory.
/// </summary>
public static class TabularExport
{
    public static string ContentType(TabularFormat format) => format == TabularFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(TabularFormat format) => format == TabularFormat.Csv ? ".csv" : ".xlsx";

    public static Task WriteAsync(
        TabularFormat format, Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct = default) =>
        format == TabularFormat.Csv ? WriteCsvAsync(output, headers, rows, ct) : WriteXlsxAsync(output, headers, rows, ct);

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct = default)
    {
        // Our own formula guard (Neutralize) instead of the library's, which would also mark "+39 02…" phone numbers.
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.None };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await WriteCsvRecordAsync(csv, headers, ct);   // headers too: custom attribute names become headers
        await foreach (var row in rows.WithCancellation(ct))
        {
            await WriteCsvRecordAsync(csv, row, ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// RFC 4180 quoting, and also around any field holding a comma, semicolon or tab: whichever separator the reader
    /// guesses (Excel's list separator differs by locale), a field never splits in two.
    /// </summary>
    private static async Task WriteCsvRecordAsync(CsvWriter csv, IReadOnlyList<string?> row, CancellationToken ct)
    {
        foreach (var value in row)
        {
            var field = Neutralize(value ?? "");
            csv.WriteField(field, field.AsSpan().IndexOfAny(",;\t") >= 0 ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
        }

        await csv.EndRecordAsync(ct);
    }

    /// <summary>
    /// Builds the workbook in a temporary file (the OpenXML writer is synchronous, and servers refuse synchronous
    /// writes to the response), then copies it out.
    /// </summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken ct = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cerchio-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024))
            {
                // OpenXML SDK 2.x needs a readable package, so System.IO.Packaging buffers the sheet part until it is
                // closed: the rows are in memory once, as compact XML, never as strings or objects.
                using var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook);
                var workbookPart = document.AddWorkbookPart();
                var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
                styles.Stylesheet = BoldHeaderStylesheet();
                styles.Stylesheet.Save();

                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, 1, headers, bold: true);
                    uint number = 1;
                    await foreach (var row in rows.WithCancellation(ct))
                    {
                        WriteRow(writer, ++number, row, bold: false);
                    }

                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Export", SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }));
                workbookPart.Workbook.Save();
            }

            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await read.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, IReadOnlyList<string?> cells, bool bold)
    {
        writer.WriteStartElement(new Row { RowIndex = number });
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            var cell = new Cell { CellReference = ColumnName(i) + number, DataType = CellValues.InlineString };
            if (bold)
            {
                cell.StyleIndex = 1;
            }

            writer.WriteElement(AddText(cell, XmlSafe(cells[i]!)));
        }

        writer.WriteEndElement();
    }

    private static Cell AddText(Cell cell, string text)
    {
        cell.AppendChild(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return cell;
    }

    /// <summary>A, B, … Z, AA, AB …</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    // XML 1.0 cannot carry most control characters; a pasted value may contain them.
    private static string XmlSafe(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : text;

    /// <summary>
    /// Excel runs a CSV cell starting with = + - @ as a formula: a customer's data must not become one.
    /// Phone-like values (+39 02 1234) stay as they are.
    /// </summary>
    public static string Neutralize(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var risky = value[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !value.Skip(1).All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '/' or '(' or ')' or '-'),
            _ => false,
        };
        return risky ? "'" + value : value;
    }

    private static Stylesheet BoldHeaderStylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}

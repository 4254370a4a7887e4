using System.IO.Compression;
using System.Text;
using Cerchio.Customers.Features.ImportCustomers;

namespace Cerchio.Tests.Customers;

/// <summary>A small upload must not make the server do unbounded work: the reader's caps, checked directly.</summary>
public sealed class SheetReaderLimitsTests
{
    [Fact]
    public void Csv_WithThousandsOfTrailingBlankColumns_ReadsQuickly_AsItsRealColumns()
    {
        var content = Encoding.UTF8.GetBytes("Ragione sociale;Città" + new string(';', 40_000) + "\r\nBianchi S.r.l.;Padova\r\n");
        var (table, error) = SheetReader.Read("a.csv", content);
        Assert.Null(error);
        Assert.Equal(["Ragione sociale", "Città"], table!.Headers);
    }

    [Fact]
    public void Csv_WithTooManyNamedColumns_IsRefused()
    {
        var header = string.Join(';', Enumerable.Range(1, SheetReader.MaxColumns + 1).Select(i => $"C{i}"));
        var (table, error) = SheetReader.Read("a.csv", Encoding.UTF8.GetBytes(header + "\r\nx\r\n"));
        Assert.Null(table);
        Assert.Equal(SheetReader.TooManyColumns, error);
    }

    [Fact]
    public void Csv_WithTooManyRows_IsRefused()
    {
        var text = new StringBuilder("Ragione sociale\r\n");
        for (var i = 0; i <= SheetReader.MaxRows; i++)
        {
            text.Append('a').Append("\r\n");
        }

        var (table, error) = SheetReader.Read("a.csv", Encoding.UTF8.GetBytes(text.ToString()));
        Assert.Null(table);
        Assert.Equal(SheetReader.TooManyRows, error);
    }

    [Fact]
    public void Xlsx_CellFarToTheRight_IsNotPaddedOut()
    {
        var sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Ragione sociale</t></is></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>Bianchi S.r.l.</t></is></c><c r="XFD2" t="inlineStr"><is><t>y</t></is></c></row>
            </sheetData></worksheet>
            """;
        var (table, error) = SheetReader.Read("a.xlsx", Workbook(sheet, sharedStrings: null));
        Assert.Null(error);
        Assert.Equal(["Ragione sociale"], table!.Headers);
        Assert.Equal("Bianchi S.r.l.", Assert.Single(table.Rows)[0]);
    }

    [Fact]
    public void Xlsx_SharedStringsBomb_IsRefusedAsUnreadable()
    {
        // ~100 KB compressed, 100 million characters once opened.
        var sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>
            </sheetData></worksheet>
            """;
        var file = Workbook(sheet, sharedStrings: 100_000_000);
        Assert.True(file.Length < 1_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (table, error) = SheetReader.Read("a.xlsx", file);
        Assert.Null(table);
        Assert.Equal(SheetReader.Unreadable, error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 200_000_000, "the bomb was expanded in memory");
    }

    /// <summary>A minimal workbook written by hand, so a test can put anything in its parts.</summary>
    private static byte[] Workbook(string sheetXml, int? sharedStrings)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open());
                writer.Write(content);
            }

            Add("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """);
            Add("xl/worksheets/sheet1.xml", sheetXml);
            using (var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open()))
            {
                writer.Write("""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>""");
                var block = new string('a', 1_000_000);
                for (var i = 0; i < (sharedStrings ?? 1) / block.Length; i++)
                {
                    writer.Write(block);
                }

                writer.Write(sharedStrings is null ? "Ragione sociale" : "");
                writer.Write("</t></si></sst>");
            }
        }

        return stream.ToArray();
    }
}

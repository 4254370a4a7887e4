using System.Text;
using Cerchio.Ui.Import;
using static Cerchio.Tests.Customers.ImportTestKit;

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
        var (table, error) = SheetReader.Read("a.xlsx", HandmadeXlsx(sheet));
        Assert.Null(error);
        Assert.Equal(["Ragione sociale"], table!.Headers);
        Assert.Equal("Bianchi S.r.l.", Assert.Single(table.Rows)[0]);
    }

    [Fact]
    public void Xlsx_SharedStringsBomb_IsRefusedAsTooMuchData()
    {
        // ~100 KB compressed, 100 million characters once opened.
        var sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>
            </sheetData></worksheet>
            """;
        var file = HandmadeXlsx(sheet, sharedStrings: 100_000_000);
        Assert.True(file.Length < 1_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (table, error) = SheetReader.Read("a.xlsx", file);
        Assert.Null(table);
        Assert.Equal(SheetReader.TooMuchData, error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 200_000_000, "the bomb was expanded in memory");
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private const string TwoRowSheet = $"""
        <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>Ragione sociale</t></is></c></row>
        <row r="2"><c r="A2" t="inlineStr"><is><t>Bianchi S.r.l.</t></is></c></row>
        </sheetData></worksheet>
        """;

    [Fact]
    public void HandmadeXlsx_AsBuilt_IsRead()
    {
        // The baseline the refusals below change one thing of.
        var (table, error) = SheetReader.Read("a.xlsx", HandmadeXlsx(TwoRowSheet));
        Assert.Null(error);
        Assert.Equal(["Ragione sociale"], table!.Headers);
        Assert.Equal((2, "Bianchi S.r.l."), (Assert.Single(table.Rows).Number, table.Rows[0][0]));
    }

    [Theory]
    [InlineData("[Content_Types].xml")]
    [InlineData("_rels/.rels")]
    [InlineData("xl/worksheets/sheet1.xml")]
    public void Xlsx_PartWithAStartTagPaddedWithWhitespace_IsRefusedAsUnreadable(string part)
    {
        // 2 MB of spaces inside one start tag: a 20 KB file whose parsing time grows with the square of the tag. Before
        // the package check it took seconds and was accepted; a tag longer than 64 KB is now refused before parsing.
        var file = HandmadeXlsx(TwoRowSheet, change: (name, xml) => name == part ? PadRootTag(xml, 2_000_000) : xml);
        Assert.True(file.Length < 50_000);
        var (table, error) = SheetReader.Read("a.xlsx", file);
        Assert.Null(table);
        Assert.Equal(SheetReader.Unreadable, error);
    }

    [Fact]
    public void Xlsx_TagJustUnderTheBound_IsRead()
    {
        var file = HandmadeXlsx(TwoRowSheet, change: (name, xml) => name == "xl/worksheets/sheet1.xml" ? PadRootTag(xml, 60_000) : xml);
        Assert.Null(SheetReader.Read("a.xlsx", file).Error);
    }

    [Fact]
    public void Xlsx_PartDeclaringAnEncodingThatHidesItsTags_IsRefusedAsUnreadable()
    {
        // XmlReader switches to the declared encoding: in EBCDIC '<' is not the byte 0x3C, so tags would escape the check.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ebcdic = Encoding.GetEncoding("IBM037");
        var sheet = Encoding.ASCII.GetBytes("""<?xml version="1.0" encoding="IBM037"?>""")
            .Concat(ebcdic.GetBytes(TwoRowSheet[TwoRowSheet.IndexOf("?>", StringComparison.Ordinal)..][2..])).ToArray();
        var file = HandmadeXlsx("", rawParts: new Dictionary<string, byte[]> { ["xl/worksheets/sheet1.xml"] = sheet });
        var (table, error) = SheetReader.Read("a.xlsx", file);
        Assert.Null(table);
        Assert.Equal(SheetReader.Unreadable, error);
    }

    [Fact]
    public void Xlsx_WithTooManyParts_IsRefusedAsTooMuchData()
    {
        var extra = Enumerable.Range(0, 1_001).ToDictionary(i => $"xl/media/extra{i}.bin", _ => new byte[] { 1 });
        var (table, error) = SheetReader.Read("a.xlsx", HandmadeXlsx(TwoRowSheet, rawParts: extra));
        Assert.Null(table);
        Assert.Equal(SheetReader.TooMuchData, error);
    }

    [Fact]
    public void Xlsx_WithAMillionSharedStrings_IsReadWithoutADom()
    {
        // ~50 KB uploaded, 1.1 million shared strings: as a DOM it cost ~470 MB; read element by element, a fraction.
        const int count = 1_100_000;
        var sst = new StringBuilder($"""<sst xmlns="{Main}"><si><t>Ragione sociale</t></si>""");
        for (var i = 1; i < count; i++)
        {
            sst.Append("<si><t>a</t></si>");
        }

        sst.Append("</sst>");
        var sheet = $"""
            <worksheet xmlns="{Main}"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>{count - 1}</v></c></row>
            </sheetData></worksheet>
            """;
        var file = HandmadeXlsx(sheet, parts: new Dictionary<string, string> { ["xl/sharedStrings.xml"] = sst.ToString() });
        sst.Clear();
        Assert.True(file.Length < 100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (table, error) = SheetReader.Read("a.xlsx", file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Null(error);
        Assert.Equal("a", Assert.Single(table!.Rows)[0]);
        Assert.True(allocated < 150_000_000, $"{allocated:N0} bytes allocated for the shared strings");
    }

    [Theory]
    [InlineData("a.xlsx")]
    [InlineData("a.csv")]
    public void Read_WithACancelledToken_StopsWithoutReading(string fileName)
    {
        var file = fileName.EndsWith(".csv", StringComparison.Ordinal) ? Csv("Ragione sociale\nBianchi S.r.l.\n") : HandmadeXlsx(TwoRowSheet);
        Assert.ThrowsAny<OperationCanceledException>(() => SheetReader.Read(fileName, file, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Read_PastItsTimeBudget_IsRefusedWithTheBudgetMessage()
    {
        var (table, error) = SheetReader.Read("a.xlsx", HandmadeXlsx(TwoRowSheet), TimeSpan.Zero, CancellationToken.None);
        Assert.Null(table);
        Assert.Equal(SheetReader.TooSlow, error);
    }

    /// <summary>Puts <paramref name="spaces"/> spaces inside the root element's start tag, before its first attribute.</summary>
    private static string PadRootTag(string xml, int spaces)
    {
        var root = xml.IndexOf('<', xml.StartsWith("<?", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) : 0);
        var space = xml.IndexOf(' ', root);
        return string.Concat(xml.AsSpan(0, space), new string(' ', spaces), xml.AsSpan(space));
    }
}

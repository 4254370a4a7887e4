using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Customers;

/// <summary>Builds test spreadsheets and drives the import pages the way a browser does.</summary>
internal static class ImportTestKit
{
    public static byte[] Csv(string text, bool bom = true) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// A workbook whose first row is the header. Cells starting with '#' become numbers, even columns use shared
    /// strings and odd ones inline strings, so the reader meets all three kinds of cell.
    /// </summary>
    public static byte[] Xlsx(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var shared = workbookPart.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var value = rows[r][c];
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    if (value.StartsWith('#'))
                    {
                        cell.CellValue = new CellValue(value[1..]);
                    }
                    else if (c % 2 == 0)
                    {
                        shared.SharedStringTable.AppendChild(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(value)));
                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue((shared.SharedStringTable.ChildElements.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value));
                    }

                    row.AppendChild(cell);
                }

                data.AppendChild(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Clienti", SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) }));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A minimal workbook written by hand, so a test can put anything in its parts: <paramref name="parts"/> replaces or
    /// adds entries by name, <paramref name="change"/> rewrites any (name, text), <paramref name="rawParts"/> adds entries as
    /// bytes; <paramref name="sharedStrings"/> makes the one shared string that many characters long.
    /// </summary>
    public static byte[] HandmadeXlsx(
        string sheetXml, int? sharedStrings = null, IReadOnlyDictionary<string, string>? parts = null, Func<string, string, string>? change = null,
        IReadOnlyDictionary<string, byte[]>? rawParts = null)
    {
        var entries = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """,
            ["_rels/.rels"] = """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """,
            ["xl/workbook.xml"] = """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
                """,
            ["xl/_rels/workbook.xml.rels"] = """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """,
            ["xl/worksheets/sheet1.xml"] = sheetXml,
        };
        foreach (var (name, content) in parts ?? new Dictionary<string, string>())
        {
            entries[name] = content;
        }

        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries.Where(e => rawParts?.ContainsKey(e.Key) != true))
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, System.IO.Compression.CompressionLevel.SmallestSize).Open());
                writer.Write(change is null ? content : change(name, content));
            }

            foreach (var (name, content) in rawParts ?? new Dictionary<string, byte[]>())
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }

            if (!entries.ContainsKey("xl/sharedStrings.xml") && rawParts?.ContainsKey("xl/sharedStrings.xml") != true)
            {
                using var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open());
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

    /// <summary>Reads the first worksheet back as rows of text (shared, inline and plain values).</summary>
    public static List<string[]> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var result = new List<string[]>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;
                while (cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text ?? "");
            }

            result.Add(cells.ToArray());
        }

        return result;
    }

    /// <summary>Posts the upload form of /clienti/importa with a file, as a browser sends multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var page = await Html.GetAsync(client, "/clienti/importa");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "import-upload");
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new("application/octet-stream");
        body.Add(file, "file", fileName);
        return await client.PostAsync("/clienti/importa", body);
    }

    /// <summary>Uploads a file that must be accepted; returns the new job's page path.</summary>
    public static async Task<string> UploadAcceptedAsync(HttpClient client, string fileName, byte[] content)
    {
        var response = await UploadAsync(client, fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"upload answered {(int)response.StatusCode}: {MainContent(await response.Content.ReadAsStringAsync())}");
        var path = Html.LocationPath(response)!;
        Assert.StartsWith("/clienti/importazioni/", path);
        return path;
    }

    public static Guid JobId(string jobPath) => Guid.Parse(jobPath["/clienti/importazioni/".Length..]);

    public static IHtmlFormElement MappingForm(IDocument page) =>
        page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "import-mapping");

    /// <summary>Submits the mapping form with the page's current choices, changed by <paramref name="changes"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitMappingAsync(
        HttpClient client, string jobPath, string action, bool onlyValid = false, Dictionary<string, string>? changes = null)
    {
        var form = MappingForm(await Html.GetAsync(client, jobPath));
        var values = Html.FormValues(form).Where(v => changes is null || !changes.ContainsKey(v.Key)).ToList();
        values.AddRange(changes ?? []);
        values.Add(new("Input.Action", action));
        if (onlyValid)
        {
            values.Add(new("Input.OnlyValid", "true"));
        }

        return await client.PostAsync(jobPath, new FormUrlEncodedContent(values));
    }

    public static async Task ConfirmAsync(HttpClient client, string jobPath, bool onlyValid = false)
    {
        var response = await SubmitMappingAsync(client, jobPath, "confirm", onlyValid);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"confirm answered {(int)response.StatusCode}: {MainContent(await response.Content.ReadAsStringAsync())}");
        Assert.Equal(jobPath, Html.LocationPath(response));
    }

    /// <summary>Waits until the worker has finished the job (bounded), and returns it.</summary>
    public static async Task<ImportJob> WaitForFinishAsync(AppFixture app, Guid organizationId, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await app.InOrganizationAsync(organizationId, sp =>
                sp.GetRequiredService<CerchioDb>().Set<ImportJob>().AsNoTracking().SingleAsync(j => j.Id == jobId));
            if (job.Status is ImportStatus.Completed or ImportStatus.Failed)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"import still {job.Status} after 60 s ({job.ProcessedRows}/{job.TotalRows})");
            await Task.Delay(50);
        }
    }

    public static Task<List<Customer>> CustomersAsync(AppFixture app, Guid organizationId) =>
        app.InOrganizationAsync(organizationId, sp =>
            sp.GetRequiredService<CerchioDb>().Set<Customer>().AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.Name).ToListAsync());

    /// <summary>The page's main content, for assertion messages.</summary>
    public static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        return start < 0 ? html[..Math.Min(html.Length, 2000)] : html[start..Math.Min(html.Length, start + 4000)];
    }
}

internal static class EnglishSession
{
    /// <summary>Switches the organization's administrator to English, then signs in (the language travels in the session).</summary>
    public static async Task<HttpClient> SignInInEnglishAsync(AppFixture app, TestOrganization org)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CerchioUser>>();
            var admin = await users.FindByEmailAsync(org.AdminEmail);
            admin!.Language = "en";
            Assert.True((await users.UpdateAsync(admin)).Succeeded);
        }

        return await org.SignInAsync();
    }
}

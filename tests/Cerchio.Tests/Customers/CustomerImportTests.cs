using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Customers.Domain;
using Cerchio.Data;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Cerchio.Ui.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Cerchio.Tests.Customers.EnglishSession;
using static Cerchio.Tests.Customers.ImportTestKit;

namespace Cerchio.Tests.Customers;

public abstract class CustomerImportTests(AppFixture app)
{
    private static string Vat(string firstTen) => firstTen + VatNumbers.CheckDigit(firstTen);

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task SemicolonCsvWithBom_IsAutoMappedPreviewedAndImportedOnlyAfterConfirm()
    {
        var org = await app.CreateOrganizationAsync("Import Csv S.r.l.");
        var client = await org.SignInAsync();
        var csv = Csv(
            "Ragione sociale;P.IVA;E-mail;Telefono;Indirizzo;CAP;Città;Provincia;Nazione;Codice cliente;Settore\r\n" +
            $"Bianchi Mobili S.r.l.;{Vat("0123456789")};info@bianchi.test;+39 02 1234567;Via Roma 1;20121;Milano;MI;Italia;C-001;Arredo\r\n" +
            $"Verdi Cucine S.p.A.;{Vat("1234567890")};ordini@verdi.test;;Corso Italia 5;10121;Torino;TO;IT;C-002;Cucine\r\n" +
            "\"Neri; Figli & C.\";;neri@neri.test;;;;Roma;RM;;C-003;\r\n");

        var jobPath = await UploadAcceptedAsync(client, "clienti.csv", csv);
        var page = await Html.GetAsync(client, jobPath);

        var form = MappingForm(page);
        string Selected(string field) => form.QuerySelector<IHtmlSelectElement>($"select[name='map.{field}']")!.Value ?? "";
        Assert.Equal("Ragione sociale", Selected("Name"));
        Assert.Equal("P.IVA", Selected("VatNumber"));
        Assert.Equal("E-mail", Selected("Email"));
        Assert.Equal("Telefono", Selected("Phone"));
        Assert.Equal("Indirizzo", Selected("Address"));
        Assert.Equal("CAP", Selected("PostalCode"));
        Assert.Equal("Città", Selected("City"));
        Assert.Equal("Provincia", Selected("Province"));
        Assert.Equal("Nazione", Selected("Country"));
        Assert.Equal("Codice cliente", Selected("ExternalId"));
        Assert.Equal("", Selected("FirstName"));
        Assert.True(form.QuerySelector<IHtmlInputElement>("input[name=attr][value=Settore]")!.IsChecked);

        var preview = page.QuerySelectorAll("#import-preview tbody tr");
        Assert.Equal(3, preview.Length);
        Assert.Equal(["2", "3", "4"], preview.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        Assert.Contains("Neri; Figli & C.", preview[2].TextContent);
        Assert.Contains("Importa 3 righe", page.QuerySelector("button[value=confirm]")!.TextContent);
        Assert.Empty(await CustomersAsync(app, org.Id));

        await ConfirmAsync(client, jobPath);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal(ImportStatus.Completed, job.Status);
        Assert.Equal((3, 3, 0), (job.ProcessedRows, job.Created, job.Updated));
        Assert.Empty(job.Sheet);   // once imported, the sheet read from the file is not kept

        var customers = await CustomersAsync(app, org.Id);
        Assert.Equal(["Bianchi Mobili S.r.l.", "Neri; Figli & C.", "Verdi Cucine S.p.A."], customers.Select(c => c.Name));
        var bianchi = customers[0];
        Assert.Equal((CustomerKind.Company, Vat("0123456789"), "info@bianchi.test", "+39 02 1234567", "20121", "Milano", "MI", "IT", "C-001"),
            (bianchi.Kind, bianchi.VatNumber, bianchi.Email, bianchi.Phone, bianchi.PostalCode, bianchi.City, bianchi.Province, bianchi.Country, bianchi.ExternalId));
        Assert.Equal("Arredo", bianchi.GetAttributes()["Settore"]);
        Assert.Empty(customers[1].GetAttributes());

        // The job page now shows the finished progress and the result.
        var done = await Html.GetAsync(client, jobPath);
        var bar = done.QuerySelector("[role=progressbar]")!;
        Assert.Equal("3", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("3", bar.GetAttribute("aria-valuemax"));
        Assert.Equal("3", done.QuerySelector("#import-created")!.TextContent);
        Assert.Null(done.QuerySelector("#import-progress")!.GetAttribute("hx-get"));
    }

    [Fact]
    public async Task Xlsx_WithSharedInlineAndNumberCells_IsImportedWithKindsAndLeadingZeros()
    {
        var org = await app.CreateOrganizationAsync("Import Xlsx S.r.l.");
        var client = await org.SignInAsync();
        var vat = Vat("0012345678");   // Excel keeps it as the number 12345678x: the leading zeros are gone
        var xlsx = Xlsx(
            ["Tipo", "Company name", "First name", "Last name", "Email", "VAT number", "Postal code"],
            ["azienda", "Gialli Tessuti S.r.l.", "", "", "info@gialli.test", "#" + vat.TrimStart('0'), "#184"],
            ["persona", "", "Maria", "Rossi", "maria.rossi@example.test", "", "#20121"],
            ["", "", "Luca", "Blu", "luca@example.test", "", ""]);

        var jobPath = await UploadAcceptedAsync(client, "clienti.xlsx", xlsx);
        var page = await Html.GetAsync(client, jobPath);
        Assert.Equal("Tipo", MappingForm(page).QuerySelector<IHtmlSelectElement>("select[name='map.Kind']")!.Value);
        Assert.Equal("First name", MappingForm(page).QuerySelector<IHtmlSelectElement>("select[name='map.FirstName']")!.Value);
        Assert.Equal(3, page.QuerySelectorAll("#import-preview tbody tr").Length);

        await ConfirmAsync(client, jobPath);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal((ImportStatus.Completed, 3), (job.Status, job.Created));

        var customers = (await CustomersAsync(app, org.Id)).ToDictionary(c => c.Email!);
        Assert.Equal((CustomerKind.Company, vat, "00184"), (customers["info@gialli.test"].Kind, customers["info@gialli.test"].VatNumber, customers["info@gialli.test"].PostalCode));
        Assert.Equal((CustomerKind.Person, "Maria Rossi", "20121"), (customers["maria.rossi@example.test"].Kind, customers["maria.rossi@example.test"].Name, customers["maria.rossi@example.test"].PostalCode));
        // No "Tipo" and no company name or VAT: a person.
        Assert.Equal(CustomerKind.Person, customers["luca@example.test"].Kind);
    }

    [Fact]
    public async Task BadRows_AreReportedWithRowNumberAndReason_AndOnlyValidRowsAreImportedAfterExplicitConsent()
    {
        var org = await app.CreateOrganizationAsync("Import Errori S.r.l.");
        var client = await org.SignInAsync();
        var csv = Csv(
            "Ragione sociale,Partita IVA,Email\n" +
            $"Alfa S.r.l.,{Vat("2222222222")},alfa@alfa.test\n" +
            "Beta S.r.l.,12345,beta@beta.test\n" +
            $"Gamma S.r.l.,{Vat("3333333333")},gamma@gamma.test\n" +
            "Delta S.r.l.,,delta-at-delta.test\n", bom: false);

        var jobPath = await UploadAcceptedAsync(client, "errori.csv", csv);
        var page = await Html.GetAsync(client, jobPath);
        var report = page.QuerySelectorAll("#import-report tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, report.Count);
        Assert.Equal(["3", "Partita IVA", "La partita IVA non è valida (11 cifre)."], report[0]);
        Assert.Equal(["5", "Email", "L'indirizzo email non è valido."], report[1]);
        var confirm = page.QuerySelector("button[value=confirm]")!;
        Assert.Contains("Importa solo le 2 righe valide", confirm.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Input.OnlyValid'][type=checkbox]"));

        // Without the explicit consent nothing happens.
        var refused = await SubmitMappingAsync(client, jobPath, "confirm");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Conferma di voler importare solo le righe valide.", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await CustomersAsync(app, org.Id));

        await ConfirmAsync(client, jobPath, onlyValid: true);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal((ImportStatus.Completed, 4, 2, 0), (job.Status, job.ProcessedRows, job.Created, job.Updated));
        Assert.Equal(["Alfa S.r.l.", "Gamma S.r.l."], (await CustomersAsync(app, org.Id)).Select(c => c.Name));

        var done = await Html.GetAsync(client, jobPath);
        Assert.Equal("2", done.QuerySelector("#import-skipped")!.TextContent);
        Assert.Equal(2, done.QuerySelectorAll("#import-report tbody tr").Length);
    }

    [Fact]
    public async Task LanguageAndSurveyConsent_AreImportedAsSpreadsheetsWriteThem_AndExportedBack()
    {
        var org = await app.CreateOrganizationAsync("Import Consensi S.r.l.");
        var client = await org.SignInAsync();
        var csv = Csv(
            "Ragione sociale;Email;Lingua;Consenso sondaggi\r\n" +
            "Alfa S.r.l.;alfa@alfa.test;Italiano;sì\r\n" +
            "Beta S.r.l.;beta@beta.test;English;no\r\n" +
            "Gamma S.r.l.;gamma@gamma.test;ENG;X\r\n" +
            "Delta S.r.l.;delta@delta.test;Tedesco;forse\r\n" +
            "Epsilon S.r.l.;epsilon@epsilon.test;;\r\n");

        var jobPath = await UploadAcceptedAsync(client, "consensi.csv", csv);
        var page = await Html.GetAsync(client, jobPath);
        var form = MappingForm(page);
        Assert.Equal("Lingua", form.QuerySelector<IHtmlSelectElement>("select[name='map.Language']")!.Value);
        Assert.Equal("Consenso sondaggi", form.QuerySelector<IHtmlSelectElement>("select[name='map.SurveyConsent']")!.Value);
        var report = page.QuerySelectorAll("#import-report tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([["5", "Lingua", "La lingua è it (italiano) o en (inglese)."], ["5", "Consenso sondaggi", "Il consenso ai sondaggi è sì, no o non indicato."]], report);

        await ConfirmAsync(client, jobPath, onlyValid: true);
        Assert.Equal(ImportStatus.Completed, (await WaitForFinishAsync(app, org.Id, JobId(jobPath))).Status);
        var customers = (await CustomersAsync(app, org.Id)).ToDictionary(c => c.Name!);
        Assert.Equal(("it", true), (customers["Alfa S.r.l."].Language, customers["Alfa S.r.l."].SurveyConsent));
        Assert.Equal(("en", false), (customers["Beta S.r.l."].Language, customers["Beta S.r.l."].SurveyConsent));
        Assert.Equal(("en", true), (customers["Gamma S.r.l."].Language, customers["Gamma S.r.l."].SurveyConsent));
        Assert.NotNull(customers["Gamma S.r.l."].SurveyConsentAt);   // when consent was given is what proves it
        Assert.Equal((null, null), (customers["Epsilon S.r.l."].Language, customers["Epsilon S.r.l."].SurveyConsent));
        Assert.False(customers.ContainsKey("Delta S.r.l."));

        // The export writes them back in columns the import recognizes.
        var (sheet, error) = SheetReader.Read("clienti.xlsx", await client.GetByteArrayAsync("/clienti/export.xlsx"));
        Assert.True(sheet is not null, error);
        var (language, consent) = (sheet.Headers.ToList().IndexOf("Lingua"), sheet.Headers.ToList().IndexOf("Consenso sondaggi"));
        var beta = sheet.Rows.Single(r => r.Cells.Contains("Beta S.r.l."));
        Assert.Equal(("en", "no"), (beta[language], beta[consent]));
        Assert.Equal("sì", sheet.Rows.Single(r => r.Cells.Contains("Alfa S.r.l."))[consent]);
    }

    [Fact]
    public async Task EnglishSession_SeesTheReportTranslated()
    {
        var org = await app.CreateOrganizationAsync("Import English S.r.l.");
        var client = await SignInInEnglishAsync(app, org);
        var jobPath = await UploadAcceptedAsync(client, "bad.csv", Csv("Company name;Email\nOmega Ltd;not-an-email\nSigma Ltd;ok@sigma.test\n"));
        var page = await Html.GetAsync(client, jobPath);
        var row = page.QuerySelectorAll("#import-report tbody tr td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["2", "Email", "The email address is not valid."], row);
        Assert.Contains("Import only the 1 valid rows", page.QuerySelector("button[value=confirm]")!.TextContent);
    }

    [Fact]
    public async Task Remapping_RecomputesTheReport_AndAllInvalidFileCannotBeConfirmed()
    {
        var org = await app.CreateOrganizationAsync("Import Mappa S.r.l.");
        var client = await org.SignInAsync();
        var jobPath = await UploadAcceptedAsync(client, "mappa.csv", Csv("Ragione sociale;Mail\nUno S.r.l.;sbagliata\nDue S.r.l.;anche-questa\n"));
        var page = await Html.GetAsync(client, jobPath);
        Assert.Equal(2, page.QuerySelectorAll("#import-report tbody tr").Length);
        Assert.Null(page.QuerySelector("button[value=confirm]"));
        Assert.Contains("Nessuna riga è valida", page.QuerySelector("main")!.TextContent);

        // Leave the mail column out: both rows become valid.
        var remapped = await SubmitMappingAsync(client, jobPath, "remap", changes: new() { ["map.Email"] = "" });
        Assert.Equal(HttpStatusCode.OK, remapped.StatusCode);
        var after = await Html.GetAsync(client, jobPath);
        Assert.Empty(after.QuerySelectorAll("#import-report tbody tr"));
        Assert.Contains("Importa 2 righe", after.QuerySelector("button[value=confirm]")!.TextContent);
        Assert.Equal("", MappingForm(after).QuerySelector<IHtmlSelectElement>("select[name='map.Email']")!.Value);
        Assert.Empty(await CustomersAsync(app, org.Id));
    }

    [Fact]
    public async Task Reimport_UpdatesInsteadOfDuplicating_AndEmptyCellsKeepValues()
    {
        var org = await app.CreateOrganizationAsync("Import Ripetuto S.r.l.");
        var client = await org.SignInAsync();
        var first = Csv("Codice cliente;Ragione sociale;Telefono;Città\nR-1;Rosa S.r.l.;011 111;Torino\nR-2;Viola S.r.l.;011 222;Asti\n");
        await ConfirmAsync(client, await UploadAcceptedAsync(client, "primo.csv", first) is var p1 ? p1 : "");
        await WaitForFinishAsync(app, org.Id, JobId(p1));

        var second = Csv("Codice cliente;Ragione sociale;Telefono;Città\nR-1;Rosa S.r.l.;011 999;\nR-2;Viola S.r.l.;011 222;Asti\n");
        var p2 = await UploadAcceptedAsync(client, "primo.csv", second);
        await ConfirmAsync(client, p2);
        var job = await WaitForFinishAsync(app, org.Id, JobId(p2));
        Assert.Equal((ImportStatus.Completed, 0, 2), (job.Status, job.Created, job.Updated));

        var customers = await CustomersAsync(app, org.Id);
        Assert.Equal(2, customers.Count);
        var rosa = customers.Single(c => c.ExternalId == "R-1");
        Assert.Equal(("011 999", "Torino"), (rosa.Phone, rosa.City));

        var events = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<TimelineEvent>().AsNoTracking()
            .Where(e => e.CustomerId == rosa.Id).OrderBy(e => e.RecordedAt).ToListAsync());
        Assert.Equal([EventTypes.CustomerCreated, EventTypes.CustomerUpdated], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("import", e.Source));
        Assert.Contains("011 999", events[1].Properties);
        // Viola did not change: no timeline noise.
        var viola = customers.Single(c => c.ExternalId == "R-2");
        Assert.Equal(1, await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<TimelineEvent>().CountAsync(e => e.CustomerId == viola.Id)));
    }

    [Fact]
    public async Task RowsOfOneFileForTheSameCustomer_CreateOneCustomer_TheLaterRowWinning()
    {
        var org = await app.CreateOrganizationAsync("Import Doppi S.r.l.");
        var client = await org.SignInAsync();
        var csv = Csv(
            "Codice cliente;Ragione sociale;Email;Telefono\n" +
            "D-1;Doppio S.r.l.;doppio@doppio.test;111\n" +
            "D-1;Doppio S.r.l.;;222\n" +
            ";Doppio S.r.l.;DOPPIO@doppio.test;333\n" +
            "D-2;Solo S.r.l.;;\n");
        var jobPath = await UploadAcceptedAsync(client, "doppi.csv", csv);
        await ConfirmAsync(client, jobPath);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal((ImportStatus.Completed, 2, 2), (job.Status, job.Created, job.Updated));

        var customers = await CustomersAsync(app, org.Id);
        Assert.Equal(2, customers.Count);
        var doppio = customers.Single(c => c.ExternalId == "D-1");
        Assert.Equal(("333", "doppio@doppio.test"), (doppio.Phone, doppio.Email));
    }

    [Theory]
    [InlineData("logo.csv", "png", "Il file non è un CSV o un foglio Excel (.xlsx).")]
    [InlineData("finto.xlsx", "zip", "Il file Excel è danneggiato o non si può leggere.")]
    [InlineData("vuoto.csv", "empty", "Il file è vuoto.")]
    [InlineData("grande.csv", "oversize", "Il file supera i 10 MB.")]
    [InlineData("intestazione.csv", "header-only", "Il file non contiene righe di dati.")]
    [InlineData("vecchio.xls", "xls", "I file .xls (Excel 97-2003) non sono supportati: salvalo come .xlsx o come CSV.")]
    [InlineData("", "none", "Scegli un file da importare.")]
    public async Task BadUpload_IsRejectedNextToTheField_AndNothingIsStored(string fileName, string kind, string message)
    {
        var org = await app.CreateOrganizationAsync("Import Rifiuti S.r.l.");
        var client = await org.SignInAsync();
        byte[] content = kind switch
        {
            "png" => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0],
            "zip" => [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4],
            "empty" => [],
            "oversize" => Csv("Ragione sociale\n" + new string('x', ImportJob.MaxBytes) + "\n"),
            "header-only" => Csv("Ragione sociale;Email\r\n\r\n"),
            "xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            _ => [],
        };

        var response = kind == "none"
            ? await UploadWithoutFileAsync(client)
            : await UploadAsync(client, fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#File-error")?.TextContent);
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>().CountAsync()));
    }

    private const string SheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData("row-number")]
    [InlineData("cell-type")]
    [InlineData("missing-sheet")]
    public async Task DamagedXlsx_IsRejectedAsDamaged_NotAServerError(string damage)
    {
        var org = await app.CreateOrganizationAsync("Import Danneggiato S.r.l.");
        var client = await org.SignInAsync();
        var rowNumber = damage == "row-number" ? "abc" : "2";
        var cellType = damage == "cell-type" ? "bogus" : "inlineStr";
        var sheet = $"""
            <worksheet xmlns="{SheetNs}"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Ragione sociale</t></is></c></row>
            <row r="{rowNumber}"><c r="A2" t="{cellType}"><is><t>Bianchi S.r.l.</t></is></c></row>
            </sheetData></worksheet>
            """;
        var file = HandmadeXlsx(sheet, change: (name, xml) => damage == "missing-sheet" && name == "xl/workbook.xml" ? xml.Replace("r:id=\"rId1\"", "r:id=\"rId9\"", StringComparison.Ordinal) : xml);

        var response = await UploadAsync(client, "danneggiato.xlsx", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Cerchio.Ui.Import.SheetReader.Unreadable, page.QuerySelector("#File-error")?.TextContent);
        Assert.Equal(0, await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>().CountAsync()));
    }

    [Fact]
    public async Task CellWithAControlCharacter_MakesItsRowInvalid_NamingTheColumn()
    {
        var org = await app.CreateOrganizationAsync("Import Controllo S.r.l.");
        var client = await org.SignInAsync();
        var csv = Csv(
            "Ragione sociale;Email;Settore\n" +
            "Alfa S.r.l.;alfa@alfa.test;Arredo\n" +
            "Be\u0007ta S.r.l.;beta@beta.test;Arredo\n" +
            "Gamma S.r.l.;gamma@gamma.test;Cu\u0001cine\n" +
            "Delta S.r.l.;delta@delta.test;Tessile\tcasa\n");

        var jobPath = await UploadAcceptedAsync(client, "controllo.csv", csv);
        var page = await Html.GetAsync(client, jobPath);
        var report = page.QuerySelectorAll("#import-report tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, report.Count);
        Assert.Equal(["3", "Ragione sociale", "Il testo contiene un carattere di controllo non ammesso (U+0007) alla posizione 3."], report[0]);
        Assert.Equal(["4", "Settore", "Il testo contiene un carattere di controllo non ammesso (U+0001) alla posizione 3."], report[1]);

        // The person may import the rest; the refused rows stay out. A tab is text, not a control character.
        await ConfirmAsync(client, jobPath, onlyValid: true);
        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal((ImportStatus.Completed, 2), (job.Status, job.Created));
        Assert.Equal(["Alfa S.r.l.", "Delta S.r.l."], (await CustomersAsync(app, org.Id)).Select(c => c.Name));
    }

    [Fact]
    public async Task Job_KeepsTheParsedSheet_NotTheFile_AndPagePreviewRemapAndWorkerReadIt()
    {
        var org = await app.CreateOrganizationAsync("Import Tabella S.r.l.");
        var client = await org.SignInAsync();
        var jobPath = await UploadAcceptedAsync(client, "tabella.xlsx", Xlsx(["Ragione sociale", "Mail"], ["Dal File S.r.l.", "sbagliata"]));
        var id = JobId(jobPath);
        var stored = await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>().AsNoTracking().SingleAsync(j => j.Id == id));
        Assert.Equal([0x1F, 0x8B], stored.Sheet[..2]);   // the gzip-compressed table, not the workbook (a zip: "PK")

        // Replace the stored table: whatever the pages and the worker show and import must come from it, not from a file.
        var table = new Cerchio.Ui.Import.SheetTable(["Ragione sociale", "Mail"],
            [new(2, ["Dalla Tabella S.r.l.", "ok@tabella.test"]), new(5, ["Seconda Tabella S.r.l.", "non-una-mail"])]);
        await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>().Where(j => j.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Sheet, Cerchio.Ui.Import.StoredSheet.Encode(table))));

        var page = await Html.GetAsync(client, jobPath);
        var preview = page.QuerySelectorAll("#import-preview tbody tr");
        Assert.Equal(["2", "5"], preview.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        Assert.Contains("Dalla Tabella S.r.l.", preview[0].TextContent);

        // A remap recomputes the report from it too: the file's row 2 was the bad one, the table's row 5 is.
        Assert.Equal(HttpStatusCode.OK, (await SubmitMappingAsync(client, jobPath, "remap", changes: new() { ["map.Email"] = "" })).StatusCode);
        Assert.Empty((await Html.GetAsync(client, jobPath)).QuerySelectorAll("#import-report tbody tr"));
        Assert.Equal(HttpStatusCode.OK, (await SubmitMappingAsync(client, jobPath, "remap", changes: new() { ["map.Email"] = "Mail" })).StatusCode);
        var after = await Html.GetAsync(client, jobPath);
        Assert.Equal(["5"], after.QuerySelectorAll("#import-report tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));

        await ConfirmAsync(client, jobPath, onlyValid: true);
        var job = await WaitForFinishAsync(app, org.Id, id);
        Assert.Equal((ImportStatus.Completed, 1), (job.Status, job.Created));
        Assert.Empty(job.Sheet);
        var customer = Assert.Single(await CustomersAsync(app, org.Id));
        Assert.Equal(("Dalla Tabella S.r.l.", "ok@tabella.test"), (customer.Name, customer.Email));
    }

    private static async Task<HttpResponseMessage> UploadWithoutFileAsync(HttpClient client)
    {
        var page = await Html.GetAsync(client, "/clienti/importa");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "import-upload");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        return await client.PostAsync("/clienti/importa", body);
    }

    [Fact]
    public async Task Agent_CannotOpenTheImport()
    {
        var agent = $"agent-{Guid.NewGuid():N}@example.test";
        var org = await app.CreateOrganizationAsync("Import Agente S.r.l.", (agent, Role.Agent));
        var client = await org.SignInAsync(Role.Agent);
        var response = await client.GetAsync("/clienti/importa");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/accesso-negato", Html.LocationPath(response));
    }

    [Fact]
    public async Task AnotherOrganizationsImport_IsNotFound()
    {
        var owner = await app.CreateOrganizationAsync("Import Proprietario S.r.l.");
        var jobPath = await UploadAcceptedAsync(await owner.SignInAsync(), "mio.csv", Csv("Ragione sociale\nSegreto S.r.l.\n"));

        var stranger = await (await app.CreateOrganizationAsync("Import Estraneo S.r.l.")).SignInAsync();
        var page = await stranger.GetAsync(jobPath);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Segreto", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(jobPath + "/avanzamento")).StatusCode);
        var recent = await Html.GetAsync(stranger, "/clienti/importa");
        Assert.DoesNotContain("mio.csv", recent.Body!.TextContent);
    }

    [Fact]
    public async Task RunningJobOfADeadInstance_IsClaimedAgain_AndResumesAfterItsLastCommittedRow()
    {
        var org = await app.CreateOrganizationAsync("Import Ripresa S.r.l.");
        var client = await org.SignInAsync();
        var jobPath = await UploadAcceptedAsync(client, "ripresa.csv", Csv("Ragione sociale\nPrima S.r.l.\nSeconda S.r.l.\nTerza S.r.l.\n"));
        // As an instance that died after committing the first row would leave it: Running, heartbeat long past.
        await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>()
            .Where(j => j.Id == JobId(jobPath)).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Running)
                .SetProperty(j => j.ProcessedRows, 1)
                .SetProperty(j => j.Created, 1)
                .SetProperty(j => j.HeartbeatAt, DateTimeOffset.UtcNow.AddMinutes(-10))));
        app.Services.GetRequiredService<Cerchio.Customers.Features.ImportCustomers.ImportSignal>().Notify();

        var job = await WaitForFinishAsync(app, org.Id, JobId(jobPath));
        Assert.Equal((ImportStatus.Completed, 3, 3), (job.Status, job.ProcessedRows, job.Created));
        Assert.Equal(["Seconda S.r.l.", "Terza S.r.l."], (await CustomersAsync(app, org.Id)).Select(c => c.Name));
    }

    [Fact]
    public async Task ProgressFragment_PollsWhileQueued_AndTheListShowsRecentImports()
    {
        var org = await app.CreateOrganizationAsync("Import Avanzamento S.r.l.");
        var client = await org.SignInAsync();
        var jobPath = await UploadAcceptedAsync(client, "avanzamento.csv", Csv("Ragione sociale\nUno S.r.l.\nDue S.r.l.\n"));
        // Queued by hand, without the worker's signal: the fragment must ask to be polled.
        await app.InOrganizationAsync(org.Id, sp => sp.GetRequiredService<CerchioDb>().Set<ImportJob>()
            .Where(j => j.Id == JobId(jobPath)).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running)
                .SetProperty(j => j.HeartbeatAt, DateTimeOffset.UtcNow.AddHours(1))));
        var fragment = await Html.GetAsync(client, jobPath + "/avanzamento");
        var section = fragment.QuerySelector("#import-progress")!;
        Assert.Equal(jobPath + "/avanzamento", section.GetAttribute("hx-get"));
        Assert.Equal("every 1s", section.GetAttribute("hx-trigger"));
        Assert.Equal("0", fragment.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));

        var list = await Html.GetAsync(client, "/clienti/importa");
        var link = list.QuerySelectorAll<IHtmlAnchorElement>("table a").Single(a => a.TextContent == "avanzamento.csv");
        Assert.Equal(jobPath, link.GetAttribute("href"));
    }
}

public sealed class CustomerImportTestsOnSqlite(SqliteApp app) : CustomerImportTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerImportTestsOnPostgres(PostgresApp app) : CustomerImportTests(app), IClassFixture<PostgresApp>;

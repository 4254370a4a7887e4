using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;
using Cerchio.Service.Features.InboundEmail;
using MimeKit;

namespace Cerchio.Tests.Service;

/// <summary>
/// The inbound parser against a corpus of real-world shaped messages (Service/InboundMail/*.eml) and against
/// hostile ones generated here. Every parse runs under a token that gives up after 10 s, so a hang fails the
/// test instead of stalling the run.
/// </summary>
public sealed class InboundEmailParserTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Service", "InboundMail");

    // ---- the corpus -------------------------------------------------------------------------------------------

    [Fact]
    public void Parse_MultipartAlternative_KeepsTheTextAndTheSanitisedHtml()
    {
        var email = Parse("01-alternative-plain-and-html.eml");

        Assert.Equal("Fattura n. 2025/0142 non corretta", email.Subject);
        Assert.Equal("CAF3k9x2Lm0QpT7vW1@mail.studioferri.example", email.MessageId);
        Assert.False(email.IsMessageIdGenerated);
        Assert.Equal(new InboundAddress("marco.ferri@studioferri.example", "Marco Ferri"), email.From);
        Assert.Equal("assistenza@cerchio.example", Assert.Single(email.To).Address);
        Assert.Equal(new InboundAddress("amministrazione@studioferri.example", "Amministrazione Studio Ferri"), Assert.Single(email.Cc));
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 41, 12, TimeSpan.FromHours(1)), email.Date);
        Assert.Contains("l'importo indicato è € 1.250,00, ma secondo", email.TextBody);
        Assert.Contains("Potreste spiegarmi perché c'è questa differenza?", email.TextBody);
        Assert.Contains("<b>€ 1.250,00</b>", email.SafeHtml);
        Assert.Empty(email.Attachments);
        Assert.False(email.IsAutomated);
        Assert.Null(email.CaseReference);
        Assert.Empty(email.Warnings);
    }

    [Fact]
    public void Parse_MixedWithRelatedInlineImageAndPdf_NamesAndSizesTheAttachments()
    {
        var email = Parse("02-mixed-related-inline-image-and-pdf.eml");

        Assert.StartsWith("Gentile Assistenza,", email.TextBody);
        Assert.Equal(2, email.Attachments.Count);
        var logo = email.Attachments[0];
        Assert.Equal("image001.png", logo.FileName);
        Assert.Equal("image/png", logo.ContentType);
        Assert.Equal("image001.png@01DB8C2A.5F3E2B10", logo.ContentId);
        Assert.True(logo.IsInline);
        Assert.Equal(69, logo.Size);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, logo.Content[..4].ToArray());
        var pdf = email.Attachments[1];
        Assert.Equal("Modulo prenotazione – sala Verdi.pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.False(pdf.IsInline);
        Assert.Equal(304, pdf.Size);
        Assert.Equal("%PDF"u8.ToArray(), pdf.Content[..4].ToArray());

        // The inline image stays a reference to its attachment; Outlook's classes and ids are gone.
        var html = Html(email.SafeHtml);
        Assert.Equal("cid:image001.png@01DB8C2A.5F3E2B10", Assert.Single(html.QuerySelectorAll("img")).GetAttribute("src"));
        Assert.Empty(html.QuerySelectorAll("[class], [id]"));
    }

    [Fact]
    public void Parse_QuotedPrintable_JoinsSoftLineBreaks()
    {
        var email = Parse("03-quoted-printable.eml");

        Assert.Equal("Richiesta di reso ordine 48213", email.Subject);
        Assert.Contains("avevo ordinato il 42 e mi è arrivato il 44. Vorrei effettuare il reso", email.TextBody);
        Assert.Contains("Grazie per la celerità,", email.TextBody);
        Assert.DoesNotContain("=\r\n", email.TextBody);
    }

    [Fact]
    public void Parse_Base64Body_DecodesTheTextAndFoldsTheMobileSignature()
    {
        var email = Parse("04-base64-body.eml");

        Assert.Contains("va in blocco ogni mattina verso le 6 con il codice errore E133", email.TextBody);
        var split = QuotedHistory.Split(email.TextBody);
        Assert.EndsWith("Quando potrebbe passare un tecnico?", split.NewText);
        Assert.Equal("Inviato da Outlook per Android", split.Folded);
    }

    [Fact]
    public void Parse_Rfc2047Utf8BSubject_IsDecoded()
    {
        var email = Parse("05-subject-rfc2047-utf8-b.eml");

        Assert.Equal("Perché il mio ordine è ancora in lavorazione? – ordine n° 5531", email.Subject);
        Assert.Equal("Nicolò Barbieri", email.From.DisplayName);
        Assert.Contains("a che punto è?", email.TextBody);
    }

    [Fact]
    public void Parse_Rfc2047Latin1QSubject_IsDecoded()
    {
        var email = Parse("06-subject-rfc2047-latin1-q.eml");

        Assert.Equal("Disponibilità ricambi per caldaia - consegna a Forlì", email.Subject);
        Assert.Equal(new InboundAddress("n.ricci@termoidraulicaricci.example", "Nicolò Ricci"), email.From);
    }

    [Fact]
    public void Parse_Iso88591Body_KeepsTheAccentedLetters()
    {
        var email = Parse("07-iso-8859-1-body.eml");

        Assert.Contains("Perché non avete rispettato la fascia oraria concordata? Abito in città, in centro a Forlì,", email.TextBody);
        Assert.Contains("Così è la seconda volta", email.TextBody);
        Assert.Contains("al più presto", email.TextBody);
    }

    [Fact]
    public void Parse_Windows1252Body_KeepsTheEuroSignAndTypographicQuotes()
    {
        var email = Parse("08-windows-1252-body.eml");

        Assert.Contains("Totale concordato: € 1.250,00 + IVA", email.TextBody);
        Assert.Contains("confermiamo l’ordine", email.TextBody);
        Assert.Contains("“Cantiere Via Emilia”… grazie!", email.TextBody);
        Assert.Contains("– 40 giunti ortogonali", email.TextBody);
    }

    [Fact]
    public void Parse_OutlookReply_FoldsTheQuotedHistory()
    {
        var email = Parse("09-outlook-reply.eml");

        Assert.Equal("R: [#1234] Ritardo nella consegna dell'ordine 5531", email.Subject);
        Assert.Equal(1234, email.CaseReference);
        Assert.Equal("case-1234.2.9a41@cerchio.example", email.InReplyTo);
        Assert.Equal(["case-1234.1.0c7e@cerchio.example", "case-1234.2.9a41@cerchio.example"], email.References);

        var split = QuotedHistory.Split(email.TextBody);
        Assert.StartsWith("Buongiorno,\n\nil pacco non è ancora arrivato.", split.NewText);
        Assert.EndsWith("Ferramenta Bianchi s.n.c.\nTel. 0543 123456", split.NewText);
        Assert.DoesNotContain("Gentile Laura", split.NewText);
        Assert.StartsWith("________________________________\nDa: Assistenza Cerchio", split.Folded);
        Assert.Contains("Oggetto: [#1234] Ritardo nella consegna", split.Folded);

        // Outlook's <style> block and Word classes do not reach the page.
        Assert.DoesNotContain("MsoNormal", email.SafeHtml);
        Assert.DoesNotContain("<style", email.SafeHtml);
    }

    [Fact]
    public void Parse_GmailReply_FoldsTheQuotedHistory()
    {
        var email = Parse("10-gmail-reply.eml");

        Assert.Equal(1240, email.CaseReference);
        var split = QuotedHistory.Split(email.TextBody);
        Assert.Equal("Grazie, ho ricevuto il link e sono riuscito ad accedere.\n"
            + "Un'ultima domanda: posso aggiungere un secondo utente per la mia collega?\n\nGiuseppe", split.NewText);
        Assert.StartsWith("Il giorno lun 3 mar 2025 alle ore 11:20 Assistenza Cerchio <", split.Folded);
        Assert.Contains("> Il link resta valido per 24 ore.", split.Folded);
    }

    [Fact]
    public void Parse_AppleMailReply_FoldsTheSignatureAndTheQuotedHistory()
    {
        var email = Parse("11-apple-mail-reply.eml");

        var split = QuotedHistory.Split(email.TextBody);
        Assert.Equal("Perfetto, allora passo domani mattina a ritirarlo in negozio.\nGrazie mille!", split.NewText);
        Assert.StartsWith("Inviato da iPhone", split.Folded);
        Assert.Contains("> Il giorno 3 mar 2025, alle ore 12:05, Assistenza Cerchio", split.Folded);
        Assert.Equal("8E1F0C2B-5A7D-4C3E-9B21-6D4F8A0E7C19@icloud.example", email.MessageId);
    }

    [Fact]
    public void Parse_DeliveryStatusReport_IsFlaggedAsABounceWithTheFailedRecipient()
    {
        var email = Parse("12-bounce-delivery-status.eml");

        Assert.True(email.IsBounce);
        Assert.True(email.IsAutomated);
        Assert.Contains("report-type=delivery-status", email.AutomatedReason);
        Assert.Contains("m.rossi@ferramentarossi.example failed 5.1.1", email.AutomatedReason);
        Assert.Equal("mailer-daemon@mx1.cerchio.example", email.From.Address);
        Assert.Contains("could not\nbe delivered", email.TextBody.Replace("\r\n", "\n"));
        Assert.Contains(email.Attachments, a => a.ContentType == "message/delivery-status" && a.FileName.EndsWith(".txt", StringComparison.Ordinal));
        Assert.Contains(email.Attachments, a => a.ContentType == "text/rfc822-headers" && a.FileName == "attachment-2.txt");
    }

    [Fact]
    public void Parse_OutOfOffice_IsFlaggedAsAnAutoReply()
    {
        var email = Parse("13-out-of-office.eml");

        Assert.True(email.IsAutoReply);
        Assert.Equal("Auto-Submitted: auto-replied", email.AutomatedReason);
        Assert.Equal(1251, email.CaseReference);
        Assert.Contains("fino a lunedì 17 marzo", email.TextBody);
    }

    [Fact]
    public void Parse_NoSubjectNoIdNoDate_GivesAnEmptySubjectAndAStableGeneratedId()
    {
        var first = Parse("14-no-subject.eml");
        var second = Parse("14-no-subject.eml");

        Assert.Equal("", first.Subject);
        Assert.Null(first.Date);
        Assert.True(first.IsMessageIdGenerated);
        Assert.EndsWith("@generated.cerchio.invalid", first.MessageId);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("rag. Elena Fontana", first.From.DisplayName);
        Assert.Contains("il codice cliente è 88231", first.TextBody);
    }

    [Fact]
    public void Parse_HostileHtml_RemovesScriptsAndHandlersAndBlocksRemoteImages()
    {
        var email = Parse("15-hostile-html.eml");
        var safe = email.SafeHtml!;

        foreach (var bad in new[] { "<script", "onclick", "onload", "onmouseover", "javascript:", "<iframe", "<form", "<input",
            "<button", "<object", "<style", "<link", "url(", "position", "z-index", "srcset", "document.cookie", "evil.example" })
        {
            Assert.DoesNotContain(bad, safe, StringComparison.OrdinalIgnoreCase);
        }

        var html = Html(safe);
        var images = html.QuerySelectorAll("img");
        Assert.Equal(2, images.Length);
        Assert.All(images, img => Assert.False(img.HasAttribute("src")));
        Assert.Equal("https://cdn.fornitore.example/logo.png", images[0].GetAttribute("data-blocked-src"));
        Assert.Equal("http://track.fornitore.example/open.gif?id=8812", images[1].GetAttribute("data-blocked-src"));
        Assert.Empty(html.QuerySelectorAll("[class], [id]"));

        var links = html.QuerySelectorAll("a");
        var order = Assert.Single(links, a => a.GetAttribute("href") is not null);
        Assert.Equal("https://www.fornitore.example/ordini/5531", order.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", order.GetAttribute("rel"));

        // HTML only: the text is rendered from it, without the script, the style or the title.
        Assert.Contains("il suo ordine n. 5531 è in consegna. Per confermare l'indirizzo di consegna clicchi qui", email.TextBody);
        Assert.DoesNotContain("alert", email.TextBody);
        Assert.DoesNotContain("Aggiornamento ordine", email.TextBody);
        Assert.DoesNotContain("background", email.TextBody);
    }

    [Fact]
    public void Parse_NewsletterWithListHeaders_IsFlaggedAsBulk()
    {
        var email = Parse("16-newsletter-list.eml");

        Assert.True(email.IsBulk);
        Assert.False(email.IsAutoReply);
        Assert.Equal("Precedence: bulk", email.AutomatedReason);
    }

    [Fact]
    public void Parse_HtmlOnlyWebmailReply_RendersTheTextAndFoldsTheQuote()
    {
        var email = Parse("17-html-only-webmail-reply.eml");

        Assert.Null(email.Attachments.FirstOrDefault());
        var split = QuotedHistory.Split(email.TextBody);
        Assert.Equal("Sì, confermo l'appuntamento di giovedì alle 10:00.\nChiara", split.NewText);
        Assert.StartsWith("----- Messaggio originale -----", split.Folded);
        Assert.Contains("> le proponiamo giovedì 13 marzo alle 10:00 per il sopralluogo.", split.Folded);
    }

    [Fact]
    public async Task ParseAsync_ReadsTheSameMessageAsParse()
    {
        await using var stream = File.OpenRead(Path.Combine(Corpus, "02-mixed-related-inline-image-and-pdf.eml"));

        var outcome = await InboundEmailParser.ParseAsync(stream, InboundLimits.Default, Quick());

        Assert.True(outcome.Succeeded, outcome.Reason);
        var sync = Parse("02-mixed-related-inline-image-and-pdf.eml");
        Assert.Equal(sync.RawSha256, outcome.Email.RawSha256);
        Assert.Equal(sync.TextBody, outcome.Email.TextBody);
        Assert.Equal(sync.Attachments.Select(a => (a.FileName, a.Size)), outcome.Email.Attachments.Select(a => (a.FileName, a.Size)));
    }

    [Fact]
    public void Parse_TheWholeCorpus_SucceedsWithCleanText()
    {
        var files = Directory.GetFiles(Corpus, "*.eml");
        Assert.True(files.Length >= 17, $"corpus has {files.Length} messages");
        foreach (var file in files)
        {
            var email = Parse(Path.GetFileName(file));
            Assert.True(Cerchio.Text.TextRules.IsAcceptable(email.TextBody), file);
            Assert.True(Cerchio.Text.TextRules.IsAcceptable(email.Subject), file);
            Assert.DoesNotContain('\uFFFD', email.TextBody);
        }
    }

    // ---- generated: charsets and text hygiene -----------------------------------------------------------------

    [Fact]
    public void Parse_Iso88591LabelWithAEuroByte_ReadsItAsWindows1252()
    {
        // Outlook writes € as 0x80 and still labels the part ISO-8859-1; strict Latin-1 would give a C1 control.
        var raw = Concat(Ascii("From: a@example.it\r\nSubject: prezzo\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nTotale "),
            [0x80], Ascii(" 90,00 pi"), [0xF9], Ascii(" IVA\r\n"));

        var email = Succeeds(raw);

        Assert.Equal("Totale € 90,00 più IVA", email.TextBody.TrimEnd());
    }

    [Fact]
    public void Parse_UnlabelledUtf8_IsReadAsUtf8()
    {
        var email = Succeeds(Encoding.UTF8.GetBytes("From: a@example.it\r\nSubject: x\r\n\r\nPerché no? € 5\r\n"));

        Assert.Equal("Perché no? € 5", email.TextBody.TrimEnd());
    }

    [Fact]
    public void Parse_ControlCharactersInTheText_AreRemoved()
    {
        var email = Succeeds(Encoding.UTF8.GetBytes("From: a@example.it\r\nSubject: ciao\u0007\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nuno\u0000due\u001Btre\tquattro\r\n"));

        Assert.Equal("unoduetre\tquattro", email.TextBody.TrimEnd());
        Assert.Equal("ciao", email.Subject);
    }

    // ---- generated: size and shape limits ---------------------------------------------------------------------

    [Fact]
    public void Parse_TenMegabyteAttachment_KeepsItWhole()
    {
        var drawing = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(drawing);
        var builder = new BodyBuilder { TextBody = "In allegato il disegno tecnico aggiornato." };
        builder.Attachments.Add("disegno-tecnico-rev3.dwg", drawing, ContentType.Parse("application/acad"));
        var raw = Write(Message("Disegno tecnico", builder.ToMessageBody()));

        var email = Succeeds(raw);

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("disegno-tecnico-rev3.dwg", attachment.FileName);
        Assert.Equal(drawing.Length, attachment.Size);
        Assert.Equal(SHA256.HashData(drawing), SHA256.HashData(attachment.Content.Span));
        Assert.Equal("In allegato il disegno tecnico aggiornato.", email.TextBody.TrimEnd());
    }

    [Fact]
    public void Parse_ThousandParts_KeepsTheFirstFiveHundredAndCountsTheRest()
    {
        var mixed = new Multipart("mixed") { new TextPart("plain") { Text = "Vi mando le bolle una per una." } };
        for (var i = 1; i < 1000; i++)
        {
            mixed.Add(new MimePart("text", "csv") { FileName = $"bolla-{i:0000}.csv", Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes($"bolla;{i}\r\n"))) });
        }

        var email = Succeeds(Write(Message("Bolle di marzo", mixed)));

        Assert.Equal("Vi mando le bolle una per una.", email.TextBody.TrimEnd());
        Assert.Equal(500, email.DroppedParts);
        Assert.Equal(100, email.Attachments.Count);
        Assert.Equal(399, email.DroppedAttachments);
        Assert.Equal("bolla-0001.csv", email.Attachments[0].FileName);
        Assert.Contains(email.Warnings, w => w.Contains("500 MIME parts", StringComparison.Ordinal));
        Assert.Contains(email.Warnings, w => w.Contains("399 attachments", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_PartFlood_IsRefused()
    {
        var raw = new StringBuilder("From: a@example.it\r\nSubject: flood\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (var i = 0; i < 6000; i++)
        {
            raw.Append("--b\r\n\r\nx\r\n");
        }

        raw.Append("--b--\r\n");

        // The reason is English for the admin, with invariant numbers even on an Italian server.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("it-IT");
        ParseOutcome outcome;
        try
        {
            outcome = Fails(Ascii(raw.ToString()));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(ParseFailure.TooManyParts, outcome.Failure);
        Assert.Equal("The message has more than 5,000 MIME parts.", outcome.Reason);
    }

    [Fact]
    public void Parse_HundredKilobyteHeader_IsAcceptedAndTheReferencesTrimmed()
    {
        var raw = Ascii(LongThread(3600) + "\r\nFirmato il contratto.\r\n");
        Assert.InRange(raw.Length, 100 * 1024, 200 * 1024);

        var email = Succeeds(raw);

        Assert.Equal("Re: contratto", email.Subject);
        Assert.Equal(50, email.References.Count);
        Assert.Equal("msg-0000@cliente.example", email.References[0]);
        Assert.Equal("msg-3599@cliente.example", email.References[^1]);
        Assert.Equal("Firmato il contratto.", email.TextBody.TrimEnd());
    }

    [Fact]
    public void Parse_HeaderBlockOverTheLimit_IsRefused()
    {
        var outcome = Fails(Ascii(LongThread(3600) + "\r\nFirmato.\r\n"), InboundLimits.Default with { MaxHeaderBytes = 64 * 1024 });

        Assert.Equal(ParseFailure.HeaderTooLarge, outcome.Failure);
        Assert.Contains("more than the 65,536 allowed", outcome.Reason);
    }

    [Fact]
    public void Parse_OverTheSizeLimit_StopsReadingAndIsRefused()
    {
        // An endless, non-seekable upload: the parser must stop one byte past the limit, not read it all.
        var endless = new EndlessStream("From: a@example.it\r\nSubject: x\r\n\r\n", "riga di testo senza fine\r\n");

        var outcome = InboundEmailParser.Parse(endless, InboundLimits.Default with { MaxMessageBytes = 1024 * 1024 }, Quick());

        Assert.Equal(ParseFailure.TooLarge, outcome.Failure);
        Assert.Equal("The message is larger than 1 MB.", outcome.Reason);
        Assert.InRange(endless.BytesServed, 1024 * 1024, 1024 * 1024 + 1);
    }

    [Fact]
    public void Parse_SeekableStreamOverTheLimit_IsRefusedWithoutReading()
    {
        using var stream = new MemoryStream(new byte[2048]);

        var outcome = InboundEmailParser.Parse(stream, InboundLimits.Default with { MaxMessageBytes = 1024 }, Quick());

        Assert.Equal(ParseFailure.TooLarge, outcome.Failure);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Parse_DeeplyNestedHtml_KeepsOnlyTheText()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 5000)) + "testo in fondo" + string.Concat(Enumerable.Repeat("</div>", 5000));

        var email = Succeeds(Encoding.UTF8.GetBytes($"From: a@example.it\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n"));

        Assert.Null(email.SafeHtml);
        Assert.Equal("testo in fondo", email.TextBody);
        Assert.Contains(email.Warnings, w => w.Contains("too complex", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhenTheTimeLimitRunsOut_IsAFailureNotAHang()
    {
        var slow = new EndlessStream("From: a@example.it\r\nSubject: x\r\n\r\n", "a\r\n", chunk: 1);

        var outcome = InboundEmailParser.Parse(slow, InboundLimits.Default with { MaxMessageBytes = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) }, Quick());

        Assert.Equal(ParseFailure.TimedOut, outcome.Failure);
    }

    [Fact]
    public void Parse_WhenTheCallerCancels_ThrowsOperationCanceled()
    {
        using var stream = File.OpenRead(Path.Combine(Corpus, "01-alternative-plain-and-html.eml"));

        Assert.ThrowsAny<OperationCanceledException>(() => InboundEmailParser.Parse(stream, InboundLimits.Default, new CancellationToken(canceled: true)));
    }

    // ---- generated: malformed MIME ----------------------------------------------------------------------------

    [Fact]
    public void Parse_BrokenBoundary_KeepsTheHeadersAndWarnsThatThereIsNoBody()
    {
        var email = Succeeds(Ascii("From: Mario Rossi <mario@example.it>\r\nSubject: Preventivo\r\nContent-Type: multipart/mixed; boundary=\"abc123\"\r\n\r\n"
            + "--abd123\r\nContent-Type: text/plain\r\n\r\nTesto\r\n--abd123--\r\n"));

        Assert.Equal("Preventivo", email.Subject);
        Assert.Equal("", email.TextBody);
        Assert.Contains(email.Warnings, w => w.Contains("no readable body", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingClosingBoundary_KeepsTheParts()
    {
        var email = Succeeds(Ascii("From: mario@example.it\r\nSubject: Ordine\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nEcco l'ordine.\r\n"
            + "--b1\r\nContent-Type: text/csv; name=ordine.csv\r\nContent-Disposition: attachment; filename=ordine.csv\r\n\r\ncodice;quantita\r\nA12;4\r\n"));

        Assert.Equal("Ecco l'ordine.", email.TextBody.TrimEnd());
        Assert.Equal("ordine.csv", Assert.Single(email.Attachments).FileName);
    }

    [Fact]
    public void Parse_GarbageBytes_IsAFailureWithAReason()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0;

        var outcome = Fails(garbage);

        Assert.Contains(outcome.Failure, new ParseFailure?[] { ParseFailure.Malformed, ParseFailure.NoSender });
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
    }

    [Fact]
    public void Parse_TruncatedBase64_KeepsTheBytesThatArrived()
    {
        var pdf = new byte[3000];
        new Random(3).NextBytes(pdf);
        var base64 = Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks);
        var cut = base64[..(base64.Length / 2 + 3)];   // mid-line, mid-quantum: as if the connection dropped

        var email = Succeeds(Ascii("From: mario@example.it\r\nSubject: Fattura\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nIn allegato la fattura.\r\n"
            + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"fattura.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + cut));

        var attachment = Assert.Single(email.Attachments);
        Assert.Equal("fattura.pdf", attachment.FileName);
        Assert.InRange(attachment.Size, 1000, pdf.Length - 1);
        Assert.Equal(pdf[..1000], attachment.Content[..1000].ToArray());
    }

    [Fact]
    public void Parse_EmptyStream_IsAFailure()
    {
        var outcome = Fails([]);

        Assert.Equal(ParseFailure.Empty, outcome.Failure);
        Assert.Equal("The message is empty.", outcome.Reason);
    }

    [Fact]
    public void Parse_NoFromAddress_IsAFailure()
    {
        var outcome = Fails(Ascii("To: assistenza@cerchio.example\r\nSubject: chi sono?\r\n\r\nTesto\r\n"));

        Assert.Equal(ParseFailure.NoSender, outcome.Failure);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static CancellationToken Quick() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static ParsedEmail Parse(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Corpus, file));
        var outcome = InboundEmailParser.Parse(stream, InboundLimits.Default, Quick());
        Assert.True(outcome.Succeeded, $"{file}: {outcome.Reason}");
        return outcome.Email;
    }

    private static ParsedEmail Succeeds(byte[] raw, InboundLimits? limits = null)
    {
        var outcome = InboundEmailParser.Parse(new MemoryStream(raw), limits ?? InboundLimits.Default, Quick());
        Assert.True(outcome.Succeeded, outcome.Reason);
        return outcome.Email;
    }

    private static ParseOutcome Fails(byte[] raw, InboundLimits? limits = null)
    {
        var outcome = InboundEmailParser.Parse(new MemoryStream(raw), limits ?? InboundLimits.Default, Quick());
        Assert.False(outcome.Succeeded, "expected a failure");
        return outcome;
    }

    private static MimeMessage Message(string subject, MimeEntity body)
    {
        var message = new MimeMessage { Subject = subject, Body = body };
        message.From.Add(new MailboxAddress("Ufficio tecnico", "tecnico@cliente.example"));
        message.To.Add(new MailboxAddress("Assistenza", "assistenza@cerchio.example"));
        return message;
    }

    private static byte[] Write(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>A reply deep in a long thread: one References header of <paramref name="ids"/> message ids, one per line.</summary>
    private static string LongThread(int ids)
    {
        var header = new StringBuilder("From: legale@cliente.example\r\nSubject: Re: contratto\r\nReferences:");
        for (var i = 0; i < ids; i++)
        {
            header.Append($" <msg-{i:0000}@cliente.example>\r\n");
        }

        return header.ToString().TrimEnd('\r', '\n') + "\r\n";
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Html(string? html) => new HtmlParser().ParseDocument(html ?? "");

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A non-seekable stream that never ends: a prefix, then one line again and again.</summary>
    private sealed class EndlessStream(string prefix, string line, int chunk = 4096) : Stream
    {
        private readonly byte[] _prefix = Encoding.ASCII.GetBytes(prefix);
        private readonly byte[] _line = Encoding.ASCII.GetBytes(line);

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesServed;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, chunk);
            for (var i = 0; i < n; i++)
            {
                var at = BytesServed + i;
                buffer[offset + i] = at < _prefix.Length ? _prefix[at] : _line[(at - _prefix.Length) % _line.Length];
            }

            BytesServed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

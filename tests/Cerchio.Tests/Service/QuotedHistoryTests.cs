using Cerchio.Service.Features.InboundEmail;

namespace Cerchio.Tests.Service;

/// <summary>Where the new text of a reply ends, client by client; and where the splitter must keep everything visible.</summary>
public sealed class QuotedHistoryTests
{
    [Fact]
    public void Split_GmailItalianAttribution_FoldsFromTheAttribution()
    {
        var split = QuotedHistory.Split("Va bene, grazie.\n\nIl giorno mar 4 mar 2025 alle ore 09:12 Mario Rossi <mario@example.it> ha scritto:\n> Vi mando il preventivo.\n");

        Assert.Equal("Va bene, grazie.", split.NewText);
        Assert.Equal("Il giorno mar 4 mar 2025 alle ore 09:12 Mario Rossi <mario@example.it> ha scritto:\n> Vi mando il preventivo.", split.Folded);
    }

    [Fact]
    public void Split_EnglishAttribution_FoldsFromTheAttribution()
    {
        var split = QuotedHistory.Split("Thanks, that works.\r\n\r\nOn Tue, Mar 4, 2025 at 9:12 AM Mario Rossi <mario@example.it> wrote:\r\n> See attached.\r\n");

        Assert.Equal("Thanks, that works.", split.NewText);
        Assert.StartsWith("On Tue, Mar 4, 2025 at 9:12 AM", split.Folded);
    }

    [Fact]
    public void Split_AppleMailAttributionOutsideTheQuote_FoldsFromTheAttribution()
    {
        var split = QuotedHistory.Split("Ok, ci vediamo giovedì.\n\nIl giorno 4 mar 2025, alle ore 09:12, Mario Rossi <mario@example.it> ha scritto:\n\n> Confermo il sopralluogo.\n");

        Assert.Equal("Ok, ci vediamo giovedì.", split.NewText);
        Assert.StartsWith("Il giorno 4 mar 2025, alle ore 09:12", split.Folded);
    }

    [Fact]
    public void Split_OutlookOriginalMessageSeparator_FoldsFromTheSeparator()
    {
        var split = QuotedHistory.Split("Ricevuto.\n\n-----Messaggio originale-----\nDa: Assistenza\nInviato: martedì 4 marzo 2025 09:00\nA: Mario\nOggetto: Preventivo\n\nTesto\n");

        Assert.Equal("Ricevuto.", split.NewText);
        Assert.StartsWith("-----Messaggio originale-----", split.Folded);
    }

    [Fact]
    public void Split_OutlookEnglishHeaderBlock_FoldsFromTheBlock()
    {
        var split = QuotedHistory.Split("Please go ahead.\n\nFrom: Support <support@example.com>\nSent: Tuesday, March 4, 2025 9:00 AM\nTo: Mario\nSubject: Quote\n\nHello\n");

        Assert.Equal("Please go ahead.", split.NewText);
        Assert.StartsWith("From: Support", split.Folded);
    }

    [Fact]
    public void Split_SignatureSeparator_FoldsTheSignature()
    {
        var split = QuotedHistory.Split("Vi aspetto domani.\n\n-- \nMario Rossi\nRossi Impianti\n");

        Assert.Equal("Vi aspetto domani.", split.NewText);
        Assert.Equal("-- \nMario Rossi\nRossi Impianti", split.Folded);
    }

    [Theory]
    [InlineData("Sent from my iPhone")]
    [InlineData("Inviato da iPhone")]
    [InlineData("Inviato dal mio smartphone Samsung Galaxy.")]
    [InlineData("Inviato da Outlook per iOS")]
    public void Split_MobileSignatureAtTheEnd_IsFolded(string signature)
    {
        var split = QuotedHistory.Split($"Arrivo alle 10.\n\n{signature}\n");

        Assert.Equal("Arrivo alle 10.", split.NewText);
        Assert.Equal(signature, split.Folded);
    }

    [Fact]
    public void Split_MobileSignatureWordsInsideASentence_StayVisible()
    {
        const string text = "Inviato da iPhone il modulo non si apre.\nPotete rimandarlo in PDF?";

        var split = QuotedHistory.Split(text);

        Assert.Equal(text, split.NewText);
        Assert.False(split.HasFolded);
    }

    [Fact]
    public void Split_TrailingQuoteWithoutAttribution_IsFolded()
    {
        var split = QuotedHistory.Split("Sì, va bene.\n\n> Possiamo passare lunedì?\n>\n> Grazie\n");

        Assert.Equal("Sì, va bene.", split.NewText);
        Assert.Equal("> Possiamo passare lunedì?\n>\n> Grazie", split.Folded);
    }

    [Fact]
    public void Split_InterleavedAnswers_StayVisible()
    {
        const string text = "Rispondo sotto.\n\nIl giorno mar 4 mar 2025 alle ore 09:12 Mario <mario@example.it> ha scritto:\n> Il modello?\nCaldaia X200.\n> La matricola?\n24B0931-77.\n";

        var split = QuotedHistory.Split(text);

        Assert.Contains("Caldaia X200.", split.NewText);
        Assert.Contains("24B0931-77.", split.NewText);
    }

    [Fact]
    public void Split_OnlyQuotedHistory_KeepsEverythingVisible()
    {
        const string text = "> Possiamo passare lunedì?\n> Grazie\n";

        var split = QuotedHistory.Split(text);

        Assert.Equal(text, split.NewText);
        Assert.False(split.HasFolded);
    }

    [Fact]
    public void Split_ForwardedMessage_StaysVisible()
    {
        // A customer forwarding a supplier's mail wants it read: forwards are the content, not history.
        const string text = "Guardate cosa mi hanno scritto.\n\n---------- Forwarded message ---------\nDa: Fornitore <info@fornitore.example>\nDate: mar 4 mar 2025 alle ore 09:12\nSubject: Ritardo\n\nLa merce arriverà ad aprile.";

        var split = QuotedHistory.Split(text);

        Assert.Contains("La merce arriverà ad aprile.", split.NewText);
    }

    [Fact]
    public void Split_SentenceEndingWithHaScritto_StaysVisible()
    {
        const string text = "Il vostro tecnico ha scritto:\nsostituire la valvola entro marzo.";

        Assert.False(QuotedHistory.Split(text).HasFolded);
    }

    [Fact]
    public void Split_PlainText_IsUntouched()
    {
        Assert.Equal(new QuotedSplit("Buongiorno,\nnessuna citazione qui.", ""), QuotedHistory.Split("Buongiorno,\nnessuna citazione qui."));
        Assert.Equal(new QuotedSplit("", ""), QuotedHistory.Split(""));
    }
}

using Cerchio.Feedback.Features.TextAnalysis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cerchio.Tests.Feedback;

/// <summary>
/// The lexicon scorer's rules, one by one (negation and its scope, negative concord, "mica", "nessuno", intensifiers,
/// diminishers, "-issimo", "troppo", "poco", contrast and concession, English negation), and the whole analysis on the
/// issue's examples.
/// </summary>
public sealed class TextAnalysisRulesTests
{
    private static readonly Lazy<SentimentLexicon> Lexicon = new(() => new SentimentLexicon(TextCorpus.Embedded));

    private static float It(string text) => Lexicon.Value.Read(text, "it").Score;

    private static float En(string text) => Lexicon.Value.Read(text, "en").Score;

    [Fact]
    public void Negation_TurnsANegativeIntoFaintPraise_AndAPositiveIntoAComplaint()
    {
        Assert.True(It("male") < 0);
        Assert.True(It("Non male") > 0);
        Assert.True(It("Non c'è male, davvero") > 0);
        Assert.True(It("Non è stato un problema spostare la consegna") >= 0);
        Assert.True(It("Il tecnico è gentile") > 0);
        Assert.True(It("Il tecnico non è gentile") < 0);
    }

    [Fact]
    public void Negation_KeepsItsScope_ToAFewWordsOfTheClause()
    {
        // The comma closes the negation: "gentili" stays praise.
        Assert.True(It("Non ho fretta, siete gentili") > 0);
        // Far beyond the scope, a positive word is not negated.
        Assert.True(It("Non ho capito subito il modello che mi serviva per la cucina, il venditore è stato gentilissimo") > 0);
    }

    [Fact]
    public void NegativeConcord_NonPerNiente_NonMai_StayNegative()
    {
        Assert.True(It("Per niente soddisfatto") < 0);
        Assert.True(It("Non sono per niente soddisfatto") < 0);
        Assert.True(It("Non sono stati mai puntuali") < 0);
        Assert.True(It("Non sono affatto soddisfatta del montaggio") < 0);
        // "nessun problema" carries its own negation: an outer "non" does not turn it back.
        Assert.True(It("Non abbiamo avuto nessun problema") > 0);
        Assert.True(It("Mai avuto un problema con voi") > 0);
    }

    [Fact]
    public void Mica_And_Nessuno_AreNegators()
    {
        Assert.True(It("Mica tanto veloci") < 0);
        Assert.True(It("Nessuno mi ha avvisato") < 0);
        // Not in the lexicon as a phrase: the service nobody gave is the complaint.
        Assert.True(It("Nessuno ci ha richiamato") < 0);
        Assert.True(It("Non mi hanno avvisato del ritardo") < 0);
        Assert.True(It("Nessuno è stato gentile") < 0);
        // "non solo … ma anche" is not a negation.
        Assert.True(It("Non solo veloci ma anche gentili") > 0);
    }

    [Fact]
    public void Intensifiers_Diminishers_AndTheSuperlative_ChangeTheStrength()
    {
        Assert.True(It("lento") < 0);
        Assert.True(It("molto lento") < It("lento"));
        Assert.True(It("davvero molto lento") < It("molto lento"));
        Assert.True(It("un po' lento") > It("lento"));
        Assert.True(It("un po' lento") < 0);
        Assert.True(It("gentile") > 0);
        Assert.True(It("gentilissima") > It("gentile"));
        Assert.True(It("gentilmente") > 0);
        // A negated intensified word is a mild complaint, not a strong one.
        Assert.True(It("non molto veloce") < 0);
        Assert.True(It("non molto veloce") > It("lentissimo"));
    }

    [Fact]
    public void Troppo_MakesNeutralWordsNegative_AndPoco_NegatesAPositive()
    {
        Assert.Equal(0, It("tempo"));
        Assert.True(It("troppo tempo") < 0);
        Assert.True(It("costa troppo") < 0);
        Assert.True(It("troppo caro") < It("caro"));
        Assert.True(It("gentile") > 0);
        Assert.True(It("poco gentile") < 0);
        Assert.True(It("poco chiaro") < 0);
    }

    [Fact]
    public void Contrast_TheClauseAfterMaOrPero_Weighs_More()
    {
        Assert.True(It("Prodotto ottimo ma consegna in ritardo di due settimane") < 0);
        Assert.True(It("Consegna in ritardo, però il tavolo è bellissimo") > 0);
        Assert.True(It("Anche se la consegna è stata in ritardo, il tavolo è bellissimo") > 0);
        Assert.True(En("Great table but the delivery was very late") < 0);
    }

    [Fact]
    public void English_Negation_NotBad_NotHappyAtAll()
    {
        Assert.True(En("bad") < 0);
        Assert.True(En("Not bad") > 0);
        Assert.True(En("Not happy at all") < 0);
        Assert.True(En("I am not happy at all") < 0);
        Assert.True(En("The fitter wasn't helpful") < 0);
        Assert.True(En("Nobody called me back") < 0);
        Assert.True(En("very slow") < En("slow"));
        Assert.True(En("It took too long") < 0);
    }

    [Fact]
    public void Hits_PointAtTheWordsInTheOriginalText()
    {
        var text = "Consegna in ritardo, però il montatore è stato GENTILISSIMO.";
        var reading = Lexicon.Value.Read(text, "it");
        Assert.Contains(reading.Hits, h => h.Text == "in ritardo" && h.Counted < 0 && text.Substring(h.Start, h.Length) == "in ritardo");
        Assert.Contains(reading.Hits, h => h.Text == "GENTILISSIMO" && h.Counted > 0);
        Assert.True(reading.Contrast);
        var negated = Lexicon.Value.Read("Non male", "it").Hits.Single();
        Assert.True(negated.Negated);
        Assert.Equal("male", negated.Text);
    }

    [Fact]
    public void Tokens_SplitElisions_KeepContractions_AndCanonicalFormsMatch()
    {
        Assert.Equal(["dell'", "ordine", "un", "po'", "è"], TextTokens.Split("Dell'ordine un po' e'", "it").Select(t => t.Norm));
        Assert.Equal(["didn't", "work"], TextTokens.Split("Didn’t work", "en").Select(t => t.Norm));
        Assert.Equal(TextAnalyzer.HashOf("Non male!"), TextAnalyzer.HashOf("  non   MALE "));
        Assert.Equal(TextAnalyzer.HashOf("Qualità ottima"), TextAnalyzer.HashOf("qualita' ottima"));
        Assert.NotEqual(TextAnalyzer.HashOf("Non male"), TextAnalyzer.HashOf("male"));
    }

    [Fact]
    public void Language_IsGuessed_FromFunctionWords()
    {
        Assert.Equal("it", LanguageGuess.Guess("La consegna è arrivata in ritardo e nessuno mi ha avvisato."));
        Assert.Equal("en", LanguageGuess.Guess("The delivery was late and nobody told us."));
        Assert.Equal("it", LanguageGuess.Guess("Ok"));
    }

    [Fact]
    public void Topics_AreFound_WithTheirWords()
    {
        var taxonomy = TopicTaxonomy.Defaults(TextCorpus.Embedded);
        var text = "La fattura è sbagliata e il sito non funziona.";
        var found = taxonomy.Match(text, TextTokens.Split(text, "it"), "it");
        Assert.Equal("fattura", Assert.Single(found["billing"]).Text);
        Assert.Contains(found["website"], w => w.Text == "sito");
    }

    // ---- the whole analysis (the base model, trained once per test process) -----------------------------------

    private static readonly Lazy<TextAnalyzer> Analyzer = new(() => new TextAnalyzer(TextCorpus.Embedded, null, 4, NullLogger<TextAnalyzer>.Instance, CancellationToken.None));

    private static TextAnalysisResult Analyze(string text, string? language = null) => Analyzer.Value.Analyze(Guid.NewGuid(), text, language);

    [Theory]
    [InlineData("Non male, il montatore ha lavorato bene.", "positive")]
    [InlineData("Per niente soddisfatto del servizio.", "negative")]
    [InlineData("Mica tanto veloci a rispondere alle email.", "negative")]
    [InlineData("Consegna in ritardo di due settimane e nessuno mi ha avvisato.", "negative")]
    [InlineData("Not happy at all with the fitting.", "negative")]
    [InlineData("Not bad at all, the team was quick and friendly.", "positive")]
    public void Analysis_OfTheIssuesExamples(string text, string sentiment)
    {
        var result = Analyze(text);
        Assert.Equal(sentiment, result.Sentiment);
        Assert.Equal(sentiment == "positive", result.Score > 0);
    }

    [Fact]
    public void Analysis_NonEStatoUnProblema_IsNotAComplaint()
    {
        Assert.NotEqual("negative", Analyze("Non è stato un problema spostare la consegna al giorno dopo.").Sentiment);
    }

    [Fact]
    public void Analysis_GivesTopicsWithTheirWords_AndEmotionsOfTheSentimentsSide()
    {
        var text = "Consegna in ritardo di due settimane e nessuno mi ha avvisato.";
        var result = Analyze(text, "it");
        var delivery = Assert.Single(result.Topics, t => t.Code == "delivery_times");
        Assert.Equal("tempi di consegna", delivery.Italian);
        Assert.Contains(delivery.Words, w => text.Substring(w.Start, w.Length) == "Consegna");
        Assert.NotEmpty(result.Emotions);
        Assert.All(result.Emotions, e => Assert.Contains(e.Code, TextLabels.NegativeEmotions));
        Assert.Contains(result.Words, w => w.Counted < 0);

        var happy = Analyze("Grazie mille a Giulia, gentilissima e competente: cucina montata alla perfezione.");
        Assert.Equal("positive", happy.Sentiment);
        Assert.All(happy.Emotions, e => Assert.Contains(e.Code, TextLabels.PositiveEmotions));
        Assert.NotEmpty(happy.Emotions);
        Assert.Equal("it", happy.Language);
    }

    [Fact]
    public void Analysis_OfAnEnglishComment_DetectsTheLanguage()
    {
        var result = Analyze("The invoice was wrong twice and nobody answered our emails.");
        Assert.Equal("en", result.Language);
        Assert.Equal("negative", result.Sentiment);
        Assert.Contains(result.Topics, t => t.Code == "billing");
    }

    [Fact]
    public void TheTrainedModel_SavedAndLoaded_PredictsTheSame()
    {
        var engine = Analyzer.Value.Base;
        var path = Path.Combine(Path.GetTempPath(), $"cerchio-text-model-{Guid.NewGuid():N}.zip");
        try
        {
            engine.Model.Save(path);
            var loaded = new TextEngine(engine.Features, TextModel.Load(path));
            foreach (var text in new[] { "Consegna in ritardo e nessuno mi ha avvisato.", "Grazie, tutto perfetto!", "Could you send the invoice again?" })
            {
                var (a, b) = (engine.Analyze(text, null, Analyzer.Value.DefaultTaxonomy), loaded.Analyze(text, null, Analyzer.Value.DefaultTaxonomy));
                Assert.Equal(a.Probabilities, b.Probabilities);
                Assert.Equal(a.LabelProbabilities, b.LabelProbabilities);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AnOrganizationsCorrections_OverrideItsTexts_AndRetrainItsModel_OnlyForIt()
    {
        var analyzer = new TextAnalyzer(TextCorpus.Embedded, null, 4, NullLogger<TextAnalyzer>.Instance, CancellationToken.None);
        var (mine, other) = (Guid.NewGuid(), Guid.NewGuid());
        // This organization sells parking: "posto auto" comments are about the price, which the corpus never saw.
        var taught = new[]
        {
            "Il posto auto coperto costa come un monolocale.", "Posto auto a 150 euro al mese, esagerato.", "Per il posto auto mi avete chiesto il doppio.",
            "Il canone del posto auto è aumentato di nuovo.", "Posto auto caro ma comodo.", "Abbonamento al posto auto rincarato senza spiegazioni.",
        };
        var corrections = taught.Select((text, i) => new Cerchio.Feedback.Domain.TextCorrection
        {
            Id = Guid.NewGuid(), TextHash = TextAnalyzer.HashOf(text), Text = text, Language = "it", Sentiment = "negative",
            Emotions = "disappointment", Topics = "price", UpdatedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
        }).ToList();
        var probe = "Il posto auto al piano terra.";
        var before = analyzer.Base.Analyze(probe, "it", analyzer.DefaultTaxonomy);

        analyzer.Update(mine, "v1", corrections, []);
        // At once: a corrected text, written differently, reads as corrected.
        var corrected = analyzer.Analyze(mine, "posto auto caro, ma comodo", null);
        Assert.True(corrected.Corrected);
        Assert.Equal("negative", corrected.Sentiment);
        Assert.Equal(["price"], corrected.Topics.Select(t => t.Code));
        Assert.False(analyzer.Analyze(other, "posto auto caro, ma comodo", null).Corrected);

        // In the background: the organization's own model, which has learnt its corrections.
        await analyzer.WhenTrainedAsync(mine);
        Assert.True(analyzer.HasOwnModel(mine));
        Assert.False(analyzer.HasOwnModel(other));
        var price = TextModel.BinaryLabels.ToList().IndexOf("price");
        var after = analyzer.Analyze(mine, probe, "it");
        Assert.True(after.LabelProbabilities[price] > before.LabelProbabilities[price] + 0.05f,
            $"price {before.LabelProbabilities[price]:0.00} → {after.LabelProbabilities[price]:0.00}");
        Assert.False(after.Corrected);
        // The other organization still reads with the base model.
        Assert.Equal(before.LabelProbabilities, analyzer.Analyze(other, probe, "it").LabelProbabilities);
    }
}

using Cerchio.Service.Features.CannedReplies;

namespace Cerchio.Tests.Service;

/// <summary>A canned reply's placeholders, filled in for one case when it is inserted.</summary>
public sealed class PlaceholdersTests
{
    private static readonly PlaceholderValues Verdi = new("Verdi S.r.l.", 42, "Giulia Bianchi", "Tempi di consegna");

    [Fact]
    public void EveryKnownPlaceholder_BecomesTheCasesValue()
    {
        var text = Placeholders.Expand("Gentile {{cliente}}, la pratica {{pratica}} («{{oggetto}}») è seguita da {{operatore}}.", Verdi, "it");

        Assert.Equal("Gentile Verdi S.r.l., la pratica #42 («Tempi di consegna») è seguita da Giulia Bianchi.", text);
    }

    [Theory]
    [InlineData("{{ cliente }}")]
    [InlineData("{{Cliente}}")]
    [InlineData("{{CLIENTE }}")]
    public void SpacesAndCapitals_InsideTheBraces_AreForgiven(string placeholder) =>
        Assert.Equal("Ciao Verdi S.r.l.", Placeholders.Expand("Ciao " + placeholder, Verdi, null));

    [Theory]
    [InlineData(null, "it", "Gentile cliente")]
    [InlineData("", null, "Gentile cliente")]
    [InlineData("   ", "en", "Gentile customer")]
    public void WithoutAName_TheCustomerIsNamedNeutrally_InTheRepliesLanguage(string? customer, string? language, string expected) =>
        Assert.Equal(expected, Placeholders.Expand("Gentile {{cliente}}", Verdi with { Customer = customer }, language));

    [Fact]
    public void WithoutAnAgentName_TheDeskSignsIt() =>
        Assert.Equal("il servizio clienti", Placeholders.Expand("{{operatore}}", Verdi with { Agent = null }, "it"));

    [Fact]
    public void UnknownPlaceholders_AreLeftAsTyped_AndListedOnceEach()
    {
        const string body = "Ordine {{ordine}} del {{ data }}: {{ordine}}, {{cliente}}, {single}, {{}}";

        Assert.Equal("Ordine {{ordine}} del {{ data }}: {{ordine}}, Verdi S.r.l., {single}, {{}}", Placeholders.Expand(body, Verdi, "it"));
        Assert.Equal(["{{ordine}}", "{{ data }}", "{{}}"], Placeholders.Unknown(body));
        Assert.Empty(Placeholders.Unknown("Gentile {{cliente}}, pratica {{PRATICA}}"));
        Assert.Empty(Placeholders.Unknown(null));
    }

    [Fact]
    public void ValuesThatLookLikePlaceholders_AreNotExpandedAgain() =>
        Assert.Equal("Oggetto: {{cliente}}", Placeholders.Expand("Oggetto: {{oggetto}}", Verdi with { Subject = "{{cliente}}" }, "it"));

    [Theory]
    [InlineData(null, "Testo")]
    [InlineData("  \n", "Testo")]
    [InlineData("Buongiorno,\n\n", "Buongiorno,\n\nTesto")]
    [InlineData("Buongiorno,", "Buongiorno,\n\nTesto")]
    public void Inserting_KeepsWhatIsTyped_ThenABlankLine(string? typed, string expected) =>
        Assert.Equal(expected, Cerchio.Service.Features.CannedReplies.CannedReplies.Append(typed, "Testo"));
}

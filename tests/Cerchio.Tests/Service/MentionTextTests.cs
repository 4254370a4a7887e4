using Cerchio.Organizations.Contracts;
using Cerchio.Service.Features.Mentions;
using Cerchio.Tenancy;

namespace Cerchio.Tests.Service;

/// <summary>Finding "@Nome Cognome" in a note's text: no database needed.</summary>
public sealed class MentionTextTests
{
    private static readonly MemberInfo Nicolo = new(Guid.NewGuid(), "Nicolò Bianchi", Role.Agent, null);
    private static readonly MemberInfo Anna = new(Guid.NewGuid(), "Anna Maria", Role.Agent, null);
    private static readonly MemberInfo AnnaRossi = new(Guid.NewGuid(), "Anna Maria Rossi", Role.Agent, null);

    [Theory]
    [InlineData("@Nicolò Bianchi, guardi tu?")]
    [InlineData("@nicolo bianchi, guardi tu?")]   // typed without the accented letter
    [InlineData("@NICOLÒ BIANCHI, guardi tu?")]
    public void AName_IsFound_IgnoringCaseAndAccents(string text)
    {
        var mention = Assert.Single(MentionText.Find(text, [Nicolo, Anna]));
        Assert.Equal((0, "@Nicolò Bianchi".Length, Nicolo.UserId), (mention.Start, mention.Length, mention.UserId));
    }

    [Fact]
    public void TheLongestName_Wins_AndAWordGoingOn_IsNoMention()
    {
        var found = MentionText.Find("@Anna Maria Rossi e @Anna Maria; non @Anna Mariangela né info@Anna Maria", [Anna, AnnaRossi]);
        Assert.Equal([AnnaRossi.UserId, Anna.UserId], found.Select(m => m.UserId).ToArray());
    }

    [Theory]
    [InlineData("nico", true)]
    [InlineData("Nicolo", true)]
    [InlineData("bianchi", false)]
    public void Suggestions_StartLikeTheName_IgnoringCaseAndAccents(string typed, bool expected) =>
        Assert.Equal(expected, MentionText.StartsLike(Nicolo.Name, typed));
}

using Cerchio.Feedback.Contracts;

namespace Cerchio.Tests.Feedback;

/// <summary>NPS, CSAT and CES with their 95% margins against values computed by hand from PRODUCT.md's formulas.</summary>
public sealed class SurveyScoresTests
{
    private static ScoreResult Of(SurveyKind kind, params int[] scores)
    {
        var tally = new ScoreTally(kind);
        foreach (var s in scores)
        {
            tally.Add(s);
        }

        return tally.Result();
    }

    [Fact]
    public void Nps_IsPromotersMinusDetractors_WithItsMargin()
    {
        // 5 promoters (9, 10), 2 passives (7, 8), 3 detractors (0–6) of 10: p = .5, d = .3, NPS = 20;
        // margin = 1.96·√((.5 + .3 − .2²)/10)·100 = 1.96·√.076·100 = 54.034…
        var r = Of(SurveyKind.Nps, 10, 10, 9, 9, 9, 8, 7, 6, 3, 0);
        Assert.Equal(10, r.Answers);
        Assert.Equal(20, r.Value!.Value, 9);
        Assert.Equal(54.033, r.Margin!.Value, 3);
        Assert.Equal(50, r.Promoters!.Value, 9);
        Assert.Equal(30, r.Detractors!.Value, 9);
    }

    [Fact]
    public void Nps_OfNoAnswers_HasNoValue_OfOneAnswerOrAllPromoters_HasNoSpread()
    {
        var none = Of(SurveyKind.Nps);
        Assert.Equal(0, none.Answers);
        Assert.Null(none.Value);
        Assert.Null(none.Margin);

        var one = Of(SurveyKind.Nps, 4);
        Assert.Equal(-100, one.Value!.Value, 9);
        Assert.Equal(0, one.Margin!.Value, 9);

        var promoters = Of(SurveyKind.Nps, 9, 10, 10, 9);
        Assert.Equal(100, promoters.Value!.Value, 9);
        Assert.Equal(0, promoters.Margin!.Value, 9);

        // All passives: NPS 0, and no spread either (p = d = 0).
        var passives = Of(SurveyKind.Nps, 7, 8);
        Assert.Equal(0, passives.Value!.Value, 9);
        Assert.Equal(0, passives.Margin!.Value, 9);
    }

    [Fact]
    public void Csat_IsTheShareOfFourAndFive_WithItsWaldMargin()
    {
        // 3 of 6 are 4–5: 50%; margin = 1.96·√(.25/6)·100 = 40.008…
        var r = Of(SurveyKind.Csat, 5, 4, 3, 2, 1, 5);
        Assert.Equal(50, r.Value!.Value, 9);
        Assert.Equal(40.0083, r.Margin!.Value, 3);
        Assert.Null(Of(SurveyKind.Csat).Value);
        Assert.Equal(100, Of(SurveyKind.Csat, 4).Value!.Value, 9);
    }

    [Fact]
    public void Ces_IsTheMean_WithTheSampleDeviationsMargin_AndTheShareOfFiveToSeven()
    {
        // 7, 5, 3: mean 5, sample deviation 2, margin = 1.96·2/√3 = 2.2632…; two of three are 5–7.
        var r = Of(SurveyKind.Ces, 7, 5, 3);
        Assert.Equal(5, r.Value!.Value, 9);
        Assert.Equal(2.2632, r.Margin!.Value, 3);
        Assert.Equal(200.0 / 3, r.Share!.Value, 9);

        var one = Of(SurveyKind.Ces, 6);
        Assert.Equal(6, one.Value!.Value, 9);
        Assert.Null(one.Margin);   // one answer has no sample deviation: unknown, not zero
    }

    [Theory]
    [InlineData(SurveyKind.Nps, -1)]
    [InlineData(SurveyKind.Nps, 11)]
    [InlineData(SurveyKind.Csat, 0)]
    [InlineData(SurveyKind.Csat, 6)]
    [InlineData(SurveyKind.Ces, 0)]
    [InlineData(SurveyKind.Ces, 8)]
    public void Tally_RefusesAScoreOffTheScale(SurveyKind kind, int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreTally(kind).Add(score));

    [Fact]
    public void Tally_CountsManyAtOnce_LikeOneByOne()
    {
        var bulk = new ScoreTally(SurveyKind.Nps).Add(10, 3).Add(2, 1).Result();
        Assert.Equal(Of(SurveyKind.Nps, 10, 10, 10, 2), bulk);
    }
}

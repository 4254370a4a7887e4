using System.Text.Json;
using Cerchio.Service;
using Cerchio.Service.Domain;
using Cerchio.Text;
using static Cerchio.Tests.Service.BusinessCalendarTests;

namespace Cerchio.Tests.Service;

public sealed class SlaPolicyTests
{
    [Theory]
    [InlineData("Urgent", 1, 4)]
    [InlineData("High", 4, 8)]      // resolution: one business day
    [InlineData("Normal", 8, 24)]   // three business days
    [InlineData("Low", 16, 40)]     // five business days
    public void ItalianDefault_GivesTheTargetsOfEachPriority(string priority, int firstResponseHours, int resolutionHours)
    {
        var targets = SlaPolicy.ItalianDefault.For(Enum.Parse<CasePriority>(priority), CaseType.Request);

        Assert.Equal(TimeSpan.FromHours(firstResponseHours), targets.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(resolutionHours), targets.Resolution);
        Assert.False(SlaPolicy.ItalianDefault.Validate().Any);
    }

    [Fact]
    public void Overrides_ForATypeAndForATypeAndPriority_MostSpecificWins()
    {
        var policy = SlaPolicy.ItalianDefault with
        {
            Overrides =
            [
                new(CaseType.Complaint, Priority: CasePriority.Urgent, FirstResponse: TimeSpan.FromMinutes(30)),
                new(CaseType.Complaint, FirstResponse: TimeSpan.FromHours(2)),
            ],
        };

        Assert.False(policy.Validate().Any);
        Assert.Equal(new SlaTargets(TimeSpan.FromHours(2), TimeSpan.FromHours(24)), policy.For(CasePriority.Normal, CaseType.Complaint));
        Assert.Equal(new SlaTargets(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)), policy.For(CasePriority.Urgent, CaseType.Complaint));
        Assert.Equal(new SlaTargets(TimeSpan.FromHours(8), TimeSpan.FromHours(24)), policy.For(CasePriority.Normal, CaseType.Request));
    }

    [Fact]
    public void Validate_RejectsMissingPrioritiesImpossibleTargetsAndRepeatedOverrides()
    {
        var targets = SlaPolicy.ItalianDefault.Targets.ToDictionary();
        targets.Remove(CasePriority.Low);
        targets[CasePriority.High] = new(TimeSpan.FromHours(9), TimeSpan.FromHours(8));
        var policy = new SlaPolicy
        {
            Targets = targets,
            Overrides =
            [
                new(CaseType.Information, Resolution: TimeSpan.FromHours(-1)),
                new(CaseType.Complaint, CasePriority.Normal),
                new(CaseType.Complaint, CasePriority.Normal),
            ],
        };

        var errors = policy.Validate();

        Assert.NotEmpty(errors.For("Targets.Low"));
        Assert.NotEmpty(errors.For("Targets.High"));
        Assert.NotEmpty(errors.For("Overrides[0]"));
        Assert.NotEmpty(errors.For("Overrides[2]"));
        Assert.Empty(errors.For("Overrides[1]"));
        var loc = new Loc([new ServiceTranslations()]);
        Assert.All(errors.All, e => Assert.True(loc.HasEnglish(e.Message.Text), $"no English for «{e.Message.Text}»"));
        Assert.Throws<InvalidSettingsException>(() => policy.For(CasePriority.Low, CaseType.Request));
    }

    [Fact]
    public void Validate_RejectsAnOverrideThatMakesTheFirstResponseLongerThanTheResolution()
    {
        // 30 h to answer an information request is longer than the 4 h to resolve an urgent one.
        var policy = SlaPolicy.ItalianDefault with { Overrides = [new(CaseType.Information, FirstResponse: TimeSpan.FromHours(30))] };

        Assert.NotEmpty(policy.Validate().For("Overrides[0]"));
    }

    [Fact]
    public void Policy_RoundTripsThroughJson()
    {
        var policy = SlaPolicy.ItalianDefault with { Overrides = [new(CaseType.Complaint, CasePriority.High, Resolution: TimeSpan.FromHours(6))] };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var back = JsonSerializer.Deserialize<SlaPolicy>(JsonSerializer.Serialize(policy, options), options)!;

        Assert.False(back.Validate().Any);
        Assert.Equal(new SlaTargets(TimeSpan.FromHours(4), TimeSpan.FromHours(6)), back.For(CasePriority.High, CaseType.Complaint));
        Assert.Equal(new SlaTargets(TimeSpan.FromHours(16), TimeSpan.FromHours(40)), back.For(CasePriority.Low, CaseType.Request));
    }

    [Fact]
    public void UrgentCaseOnFridayEvening_IsAnsweredByMondayMorning()
    {
        // Friday 10 July 2026 17:30: first response 1 h = 0.5 h Friday + 0.5 h from Monday 08:30 = 09:00;
        // resolution 4 h = 0.5 h Friday + 3.5 h Monday = 12:00.
        var targets = SlaPolicy.ItalianDefault.For(CasePriority.Urgent, CaseType.TechnicalAssistance);
        var opened = At("2026-07-10T17:30:00+02:00");

        Assert.Equal(At("2026-07-13T09:00:00+02:00"), new SlaClock(BusinessCalendar.ItalianDefault, opened, targets.FirstResponse).DueAt(opened));
        Assert.Equal(At("2026-07-13T12:00:00+02:00"), new SlaClock(BusinessCalendar.ItalianDefault, opened, targets.Resolution).DueAt(opened));
    }
}

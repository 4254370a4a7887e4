using Cerchio.Service.Features.Report;

namespace Cerchio.Tests.Service;

/// <summary>The median by selection against the textbook one (sort, take the middle or the mean of the two middles).</summary>
public sealed class DurationStatsTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 1_000)]
    [InlineData(7, 3)]
    [InlineData(1_000, 1_000_000)]
    [InlineData(1_001, 50)]   // many equal values
    [InlineData(40_000, 10_000_000)]
    public void OfTicks_GivesTheSortedMedianAndTheExactMean(int count, int range)
    {
        var random = new Random(count);
        for (var round = 0; round < 20; round++)
        {
            var ticks = Enumerable.Range(0, count).Select(_ => (long)random.Next(range) * 1_000_003).ToArray();
            var sorted = ticks.Order().ToArray();
            var middle = count / 2;
            var median = count % 2 == 1 ? TimeSpan.FromTicks(sorted[middle]) : TimeSpan.FromTicks(sorted[middle - 1] + sorted[middle]) / 2;
            var mean = TimeSpan.FromTicks((long)(sorted.Aggregate((Int128)0, (s, t) => s + t) / count));

            var stats = DurationStats.OfTicks(ticks);
            Assert.Equal((count, mean, median), (stats.Count, stats.Average!.Value, stats.Median!.Value));
            Assert.Equal(sorted, ticks.Order());   // reordered, nothing lost
        }
    }

    [Fact]
    public void OfTicks_OfNothing_HasNoMeanOrMedian() => Assert.Equal(new DurationStats(0, null, null), DurationStats.OfTicks([]));
}

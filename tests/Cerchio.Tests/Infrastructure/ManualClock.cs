namespace Cerchio.Tests.Infrastructure;

/// <summary>A clock the test sets by hand, for the jobs' passes and the desk's rules run at a chosen instant.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

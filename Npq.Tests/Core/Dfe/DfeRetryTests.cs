using Npq.Core.Dfe;

namespace Npq.Tests.Core.Dfe;

public sealed class DfeRetryTests
{
    [Test]
    public void Delay_RetryAfterGiven_WaitsExactlyThat()
    {
        Assert.That(DfeRetry.Delay(1, TimeSpan.FromSeconds(42), jitter: 0.9), Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(DfeRetry.Delay(5, TimeSpan.FromSeconds(3), jitter: 0.5), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Delay_RetryAfterTooLong_CappedAtAnHour()
    {
        Assert.That(DfeRetry.Delay(1, TimeSpan.FromDays(3), jitter: 0), Is.EqualTo(DfeRetry.Longest));
    }

    [Test]
    public void Delay_NoRetryAfter_DoublesFromThirtySecondsUpToAnHour()
    {
        var delays = Enumerable.Range(1, 10).Select(attempt => DfeRetry.Delay(attempt, null, jitter: 0)).ToList();

        Assert.That(delays.Take(4), Is.EqualTo(new[] { TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4) }));
        Assert.That(delays, Is.Ordered);
        Assert.That(delays[^1], Is.EqualTo(DfeRetry.Longest));
    }

    [Test]
    public void Delay_Jitter_AddsUpToAFifth()
    {
        var none = DfeRetry.Delay(3, null, jitter: 0);
        var most = DfeRetry.Delay(3, null, jitter: 0.999);

        Assert.That(most, Is.GreaterThan(none));
        Assert.That(most, Is.LessThanOrEqualTo(none * 1.2));
        Assert.That(DfeRetry.Delay(3, null, jitter: 5), Is.LessThanOrEqualTo(none * 1.2), "jitter out of range is clamped");
    }

    [TestCase(0, ExpectedResult = true)]
    [TestCase(429, ExpectedResult = true)]
    [TestCase(500, ExpectedResult = true)]
    [TestCase(503, ExpectedResult = true)]
    [TestCase(400, ExpectedResult = false)]
    [TestCase(404, ExpectedResult = false)]
    [TestCase(422, ExpectedResult = false)]
    [TestCase(410, ExpectedResult = false)]
    public bool IsTransient_OnlyBusyOrUnreachable(int status) => DfeRetry.IsTransient(status);

    [Test]
    public void GivesUp_AfterMaxAttempts()
    {
        Assert.That(DfeRetry.GivesUp(DfeRetry.MaxAttempts - 1), Is.False);
        Assert.That(DfeRetry.GivesUp(DfeRetry.MaxAttempts), Is.True);
    }
}

using Npq.Core.Enrolment;

namespace Npq.Tests.Core.Enrolment;

public sealed class EligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [TestCase(TeachingQualification.Qts)]
    [TestCase(TeachingQualification.Qtls)]
    [TestCase(TeachingQualification.Level5OrHigher)]
    [TestCase(TeachingQualification.InternationalEquivalent)]
    public void Check_QualificationAndTwoFullYears_IsEligible(TeachingQualification qualification)
    {
        var result = Eligibility.Check(qualification, new DateOnly(2020, 7, 1), 2, Today);

        Assert.That(result.IsEligible, Is.True);
        Assert.That(result.Explanation, Does.StartWith("Eligible"));
    }

    [Test]
    public void Check_NoQualification_IsIneligibleAndSaysWhichQualificationsCount()
    {
        var result = Eligibility.Check(TeachingQualification.None, new DateOnly(2015, 1, 1), 10, Today);

        Assert.That(result.IsEligible, Is.False);
        Assert.That(result.Explanation, Does.Contain("QTS, QTLS, a Level 5 or higher qualification, or an international equivalent"));
    }

    [Test]
    public void Check_OneFullYearOfTeaching_IsIneligibleAndSaysSo()
    {
        var result = Eligibility.Check(TeachingQualification.Qts, new DateOnly(2015, 1, 1), 1, Today);

        Assert.That(result.IsEligible, Is.False);
        Assert.That(result.Explanation, Does.Contain("two full years").And.Contain("1 full year"));
    }

    [Test]
    public void Check_GainedLessThanTwoYearsAgo_IsIneligibleWhateverTheYearsClaimed()
    {
        var result = Eligibility.Check(TeachingQualification.Qts, Today.AddYears(-2).AddDays(1), 3, Today);

        Assert.That(result.IsEligible, Is.False);
        Assert.That(result.Explanation, Does.Contain("less than two years ago"));
    }

    [Test]
    public void Check_GainedExactlyTwoYearsAgo_IsEligible()
    {
        Assert.That(Eligibility.Check(TeachingQualification.Qts, Today.AddYears(-2), 2, Today).IsEligible, Is.True);
    }

    [Test]
    public void Check_NoDateGained_IsIneligibleAndAsksForIt()
    {
        var result = Eligibility.Check(TeachingQualification.Qtls, null, 5, Today);

        Assert.That(result.IsEligible, Is.False);
        Assert.That(result.Explanation, Does.Contain("date the qualification was gained"));
    }

    [Test]
    public void Check_DateInTheFuture_IsIneligible()
    {
        Assert.That(Eligibility.Check(TeachingQualification.Qts, Today.AddDays(1), 5, Today).IsEligible, Is.False);
    }
}

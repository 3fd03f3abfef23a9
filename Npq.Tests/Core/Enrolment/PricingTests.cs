using Npq.Core.Enrolment;

namespace Npq.Tests.Core.Enrolment;

public sealed class PricingTests
{
    [Test]
    public void Quote_SelfFunded_AddsVatAtTheRate()
    {
        var quote = Pricing.Quote(155_000, FundingRoute.Self, 0.20m);

        Assert.That(quote.NetPence, Is.EqualTo(155_000));
        Assert.That(quote.VatPence, Is.EqualTo(31_000));
        Assert.That(quote.TotalPence, Is.EqualTo(186_000));
    }

    [TestCase(FundingRoute.School)]
    [TestCase(FundingRoute.Trust)]
    [TestCase(FundingRoute.Another)]
    [TestCase(FundingRoute.Employer)]
    public void Quote_PaidByAnOrganisation_HasNoVat(FundingRoute route)
    {
        var quote = Pricing.Quote(155_000, route, 0.20m);

        Assert.That(quote.VatPence, Is.Zero);
        Assert.That(quote.TotalPence, Is.EqualTo(155_000));
    }

    [Test]
    public void Quote_ConfiguredRate_IsUsedAndRoundedToThePenny()
    {
        Assert.That(Pricing.Quote(99_999, FundingRoute.Self, 0.175m).VatPence, Is.EqualTo(17_500));
    }

    [Test]
    public void Format_Pence_ShowsPounds()
    {
        Assert.That(Pricing.Format(186_000), Is.EqualTo("£1,860.00"));
    }

    [Test]
    public void Complete_SelfFundedIneligibleDraft_StoresPriceAndFlagsTheReason()
    {
        var draft = new Application
        {
            CohortId = 1, ApplicantUserId = 2, SchoolName = "Riverside", Role = "Deputy head", Qualification = TeachingQualification.Qts,
            QualificationGainedOn = new DateOnly(2015, 9, 1), YearsTeachingSince = 1, FundingRoute = FundingRoute.Self, Trn = "  1234567 ",
            DfeParticipantId = " ",
        };

        var done = ApplicationSubmission.Complete(draft, 155_000, 0.20m, new DateOnly(2026, 11, 22), new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc));

        Assert.That(done.IsEligible, Is.False);
        Assert.That(done.EligibilityReason, Does.Contain("two full years"));
        Assert.That(done.PriceTotalPence, Is.EqualTo(186_000));
        Assert.That(done.Status, Is.EqualTo(ApplicationStatus.Pending));
        Assert.That(done.Trn, Is.EqualTo("1234567"));
        Assert.That(done.DfeParticipantId, Is.Null);
    }
}

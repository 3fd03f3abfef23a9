namespace Npq.Core.Enrolment;

/// <summary>Fees settings, bound from the <c>Fees</c> configuration section.</summary>
public sealed class FeeOptions
{
    /// <summary>VAT charged when a private individual pays, as a fraction (0.20 is 20%).</summary>
    public decimal VatRate { get; set; } = 0.20m;
}

/// <summary>A price as quoted to an applicant, in pence.</summary>
public sealed record PriceQuote(int NetPence, int VatPence)
{
    public int TotalPence => NetPence + VatPence;
}

/// <summary>What an applicant pays: the course price, plus VAT when they pay for themselves.</summary>
public static class Pricing
{
    public static PriceQuote Quote(int coursePricePence, FundingRoute route, decimal vatRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coursePricePence);
        ArgumentOutOfRangeException.ThrowIfNegative(vatRate);
        var vat = route == FundingRoute.Self
            ? (int)Math.Round(coursePricePence * vatRate, MidpointRounding.AwayFromZero)
            : 0;
        return new PriceQuote(coursePricePence, vat);
    }

    /// <summary>"£1,550.00".</summary>
    public static string Format(int pence) =>
        (pence / 100m).ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

namespace Npq.Core.Enrolment;

/// <summary>The outcome of the entry check, with a sentence the applicant and the admin both read.</summary>
public sealed record EligibilityResult(bool IsEligible, string Explanation);

/// <summary>
/// NPQ entry: QTS, QTLS, a Level 5 (or higher) qualification or an international equivalent, and two full years
/// of teaching after gaining it.
/// </summary>
public static class Eligibility
{
    public const int RequiredYears = 2;

    public static EligibilityResult Check(TeachingQualification qualification, DateOnly? gainedOn, int yearsTeachingSince, DateOnly today)
    {
        if (qualification == TeachingQualification.None)
        {
            return new(false, "An NPQ needs QTS, QTLS, a Level 5 or higher qualification, or an international equivalent.");
        }

        if (gainedOn is null)
        {
            return new(false, "The date the qualification was gained is needed to check two full years of teaching since.");
        }

        if (gainedOn.Value > today)
        {
            return new(false, "The qualification's date is in the future.");
        }

        if (gainedOn.Value.AddYears(RequiredYears) > today)
        {
            return new(false, $"The qualification was gained less than two years ago ({gainedOn.Value:d MMM yyyy}), so two full years of teaching since are not yet possible.");
        }

        if (yearsTeachingSince < RequiredYears)
        {
            var years = yearsTeachingSince == 1 ? "1 full year" : $"{yearsTeachingSince} full years";
            return new(false, $"An NPQ needs two full years of teaching after gaining the qualification; the application gives {years}.");
        }

        return new(true, $"Eligible: {qualification.Label()} and {yearsTeachingSince} full years of teaching since.");
    }
}

using System.Globalization;
using Npq.Core.Time;
using Npq.Core.Validation;

namespace Npq.Core.Enrolment;

/// <summary>A cohort as an admin enters it: everything a cohort carries, venues and face-to-face days as lines of text.</summary>
public sealed record CohortInput
{
    public int? CourseId { get; init; }
    public string? Name { get; init; }
    public int? StartYear { get; init; }
    public string? Suffix { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public DeliveryModel? DeliveryModel { get; init; }
    public bool IsInternational { get; init; }
    public string? TimeZone { get; init; }
    public int? Capacity { get; init; }
    public int? DeliveryPartnerId { get; init; }
    public IReadOnlyList<int> FacilitatorUserIds { get; init; } = [];

    /// <summary>
    /// More facilitators, named by the email addresses of the provider's mentors (one per line, or separated by commas
    /// or semicolons): the form lists only the facilitators already chosen, never the provider's every mentor.
    /// </summary>
    public string? FacilitatorEmails { get; init; }

    /// <summary>One venue per line.</summary>
    public string? Venues { get; init; }

    /// <summary>One face-to-face day per line: <c>2027-01-15 | title | venue</c> (title and venue optional).</summary>
    public string? Events { get; init; }

    public bool OpenForApplications { get; init; } = true;
    public int Version { get; init; }

    /// <summary>The input that shows a stored cohort for editing.</summary>
    public static CohortInput From(Cohort c, CohortExtras extras) => new()
    {
        CourseId = c.CourseId, Name = c.Name, StartYear = c.StartYear, Suffix = c.Suffix, StartDate = c.StartDate, EndDate = c.EndDate,
        DeliveryModel = c.DeliveryModel, IsInternational = c.IsInternational, TimeZone = c.TimeZone, Capacity = c.Capacity,
        DeliveryPartnerId = c.DeliveryPartnerId, FacilitatorUserIds = extras.FacilitatorUserIds.ToList(), Venues = string.Join('\n', extras.Venues),
        Events = string.Join('\n', extras.Events.Select(e => $"{e.EventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} | {e.Title}{(e.VenueName is null ? "" : " | " + e.VenueName)}")),
        OpenForApplications = c.OpenForApplications, Version = c.Version,
    };
}

/// <summary>
/// What a cohort must be beyond each field's own limits: a zone we know, dates in order, venues and face-to-face days
/// that read (within the cohort's dates, and none for an online cohort).
/// </summary>
public static class CohortRules
{
    /// <summary>The problems, and the cohort with its extras when the input is complete and has none.</summary>
    public static (Cohort? Cohort, CohortExtras? Extras) Build(CohortInput input, int id, List<FieldProblem> problems)
    {
        void Problem(string field, string message) => problems.Add(new FieldProblem(field, message));
        if (input.TimeZone is { } zone && !ZonedTime.IsKnown(zone.Trim()))
        {
            Problem(nameof(CohortInput.TimeZone), $"“{zone}” is not a time zone we know: use an IANA name such as Europe/London or Asia/Dubai.");
        }

        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            Problem(nameof(CohortInput.EndDate), "The end date must be on or after the start date.");
        }

        var venues = (input.Venues ?? string.Empty).Split('\n').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (venues.Any(v => v.Length > 300))
        {
            Problem(nameof(CohortInput.Venues), "Each venue must be 300 characters or fewer.");
        }

        var events = ReadEvents(input, Problem);
        if (events.Count > 0 && input.DeliveryModel == DeliveryModel.Online)
        {
            Problem(nameof(CohortInput.Events), "An online cohort has no face-to-face days: choose blended or face to face, or remove them.");
        }

        if (problems.Count > 0 || input is not { CourseId: { } courseId, Name: { } name, StartYear: { } year, StartDate: { } startDate, EndDate: { } endDate, DeliveryModel: { } model, TimeZone: { } timeZone, Capacity: { } capacity })
        {
            return (null, null);
        }

        var cohort = new Cohort
        {
            Id = id, CourseId = courseId, Name = name.Trim(), StartYear = year, Suffix = input.Suffix ?? string.Empty,
            StartDate = startDate, EndDate = endDate, DeliveryModel = model, IsInternational = input.IsInternational,
            TimeZone = timeZone.Trim(), Capacity = capacity, DeliveryPartnerId = input.DeliveryPartnerId, OpenForApplications = input.OpenForApplications,
            Version = input.Version,
        };
        return (cohort, new CohortExtras(input.FacilitatorUserIds.Distinct().ToList(), venues, events.OrderBy(e => e.EventDate).ToList()));
    }

    private static List<CohortEventInput> ReadEvents(CohortInput input, Action<string, string> problem)
    {
        var events = new List<CohortEventInput>();
        var lines = (input.Events ?? string.Empty).Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split('|').Select(p => p.Trim()).ToArray();
            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problem(nameof(CohortInput.Events), $"Line {i + 1}: start with the date as 2027-01-15.");
                continue;
            }

            var title = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : "Face-to-face day";
            var venue = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
            if (title.Length > 200 || venue?.Length > 300)
            {
                problem(nameof(CohortInput.Events), $"Line {i + 1}: the title must be 200 characters or fewer and the venue 300.");
            }
            else if (input.StartDate is { } s && input.EndDate is { } e && (date < s || date > e))
            {
                problem(nameof(CohortInput.Events), $"Line {i + 1}: {date:d MMM yyyy} is outside the cohort's dates.");
            }

            events.Add(new CohortEventInput(date, title, venue));
        }

        return events;
    }
}

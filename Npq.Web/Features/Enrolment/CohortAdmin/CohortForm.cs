using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npq.Core.Enrolment;
using Npq.Core.Time;

namespace Npq.Web.Features.Enrolment.CohortAdmin;

/// <summary>The cohort form as posted: everything a cohort carries, venues and events as lines of text.</summary>
public sealed class CohortForm
{
    [Required(ErrorMessage = "Choose the course.")]
    [Display(Name = "Course")]
    public int? CourseId { get; set; }

    [Required(ErrorMessage = "Enter the cohort's name.")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the start year, for example 2026.")]
    [Range(2020, 2100, ErrorMessage = "Enter a start year from 2020 to 2100.")]
    [Display(Name = "Start year")]
    public int? StartYear { get; set; }

    [RegularExpression("^[a-z]{0,2}$", ErrorMessage = "The suffix is up to two lower-case letters, as in 2026a.")]
    [Display(Name = "Suffix (optional)")]
    public string? Suffix { get; set; }

    [Required(ErrorMessage = "Enter the start date.")]
    [Display(Name = "Start date")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "Enter the end date.")]
    [Display(Name = "End date")]
    public DateOnly? EndDate { get; set; }

    [Required(ErrorMessage = "Choose how the cohort meets.")]
    [Display(Name = "Delivery")]
    public DeliveryModel? DeliveryModel { get; set; }

    [Display(Name = "International cohort")]
    public bool IsInternational { get; set; }

    [Required(ErrorMessage = "Enter the cohort's time zone, for example Europe/London.")]
    [StringLength(64)]
    [Display(Name = "Time zone (IANA name)")]
    public string? TimeZone { get; set; }

    [Required(ErrorMessage = "Enter how many places the cohort has.")]
    [Range(1, 5000, ErrorMessage = "Enter a number of places from 1 to 5,000.")]
    [Display(Name = "Places")]
    public int? Capacity { get; set; }

    [Display(Name = "Delivery partner")]
    public int? DeliveryPartnerId { get; set; }

    [Display(Name = "Facilitators")]
    public List<int> FacilitatorUserIds { get; set; } = [];

    [StringLength(4000)]
    [Display(Name = "Venues (one per line)")]
    public string? Venues { get; set; }

    [StringLength(8000)]
    [Display(Name = "Face-to-face days (one per line: date | title | venue)")]
    public string? Events { get; set; }

    [Display(Name = "Open for applications")]
    public bool OpenForApplications { get; set; } = true;

    public int Version { get; set; }

    public static CohortForm From(Cohort c, CohortExtras extras) => new()
    {
        CourseId = c.CourseId, Name = c.Name, StartYear = c.StartYear, Suffix = c.Suffix, StartDate = c.StartDate, EndDate = c.EndDate,
        DeliveryModel = c.DeliveryModel, IsInternational = c.IsInternational, TimeZone = c.TimeZone, Capacity = c.Capacity,
        DeliveryPartnerId = c.DeliveryPartnerId, FacilitatorUserIds = extras.FacilitatorUserIds.ToList(), Venues = string.Join('\n', extras.Venues),
        Events = string.Join('\n', extras.Events.Select(e => $"{e.EventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} | {e.Title}{(e.VenueName is null ? "" : " | " + e.VenueName)}")),
        OpenForApplications = c.OpenForApplications, Version = c.Version,
    };

    /// <summary>Checks what attributes cannot (dates in order, a real zone, event lines) and builds the cohort.</summary>
    public (Cohort Cohort, CohortExtras Extras)? Validate(ModelStateDictionary modelState, string prefix, int id)
    {
        string Key(string field) => prefix + field;
        if (TimeZone is { } zone && !ZonedTime.IsKnown(zone.Trim()))
        {
            modelState.AddModelError(Key(nameof(TimeZone)), $"“{zone}” is not a time zone we know: use an IANA name such as Europe/London or Asia/Dubai.");
        }

        if (StartDate is { } start && EndDate is { } end && end < start)
        {
            modelState.AddModelError(Key(nameof(EndDate)), "The end date must be on or after the start date.");
        }

        var venues = (Venues ?? string.Empty).Split('\n').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (venues.Any(v => v.Length > 300))
        {
            modelState.AddModelError(Key(nameof(Venues)), "Each venue must be 300 characters or fewer.");
        }

        var events = new List<CohortEventInput>();
        var lines = (Events ?? string.Empty).Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split('|').Select(p => p.Trim()).ToArray();
            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                modelState.AddModelError(Key(nameof(Events)), $"Line {i + 1}: start with the date as 2027-01-15.");
                continue;
            }

            var title = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : "Face-to-face day";
            var venue = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
            if (title.Length > 200 || venue?.Length > 300)
            {
                modelState.AddModelError(Key(nameof(Events)), $"Line {i + 1}: the title must be 200 characters or fewer and the venue 300.");
            }
            else if (StartDate is { } s && EndDate is { } e && (date < s || date > e))
            {
                modelState.AddModelError(Key(nameof(Events)), $"Line {i + 1}: {date:d MMM yyyy} is outside the cohort's dates.");
            }

            events.Add(new CohortEventInput(date, title, venue));
        }

        if (events.Count > 0 && DeliveryModel == Npq.Core.Enrolment.DeliveryModel.Online)
        {
            modelState.AddModelError(Key(nameof(Events)), "An online cohort has no face-to-face days: choose blended or face to face, or remove them.");
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        var cohort = new Cohort
        {
            Id = id, CourseId = CourseId!.Value, Name = Name!.Trim(), StartYear = StartYear!.Value, Suffix = Suffix ?? string.Empty,
            StartDate = StartDate!.Value, EndDate = EndDate!.Value, DeliveryModel = DeliveryModel!.Value, IsInternational = IsInternational,
            TimeZone = TimeZone!.Trim(), Capacity = Capacity!.Value, DeliveryPartnerId = DeliveryPartnerId, OpenForApplications = OpenForApplications,
            Version = Version,
        };
        return (cohort, new CohortExtras(FacilitatorUserIds.Distinct().ToList(), venues, events.OrderBy(e => e.EventDate).ToList()));
    }
}

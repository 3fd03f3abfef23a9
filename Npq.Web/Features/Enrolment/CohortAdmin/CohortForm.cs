using System.ComponentModel.DataAnnotations;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.CohortAdmin;

/// <summary>The cohort form as posted (a <see cref="CohortInput"/> with each field's own limits): venues and events as lines of text.</summary>
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
    [Display(Name = "Add facilitators by email address (one per line)")]
    public string? FacilitatorEmails { get; set; }

    [StringLength(4000)]
    [Display(Name = "Venues (one per line)")]
    public string? Venues { get; set; }

    [StringLength(8000)]
    [Display(Name = "Face-to-face days (one per line: date | title | venue)")]
    public string? Events { get; set; }

    [Display(Name = "Open for applications")]
    public bool OpenForApplications { get; set; } = true;

    public int Version { get; set; }

    public static CohortForm From(CohortInput c) => new()
    {
        CourseId = c.CourseId, Name = c.Name, StartYear = c.StartYear, Suffix = c.Suffix, StartDate = c.StartDate, EndDate = c.EndDate,
        DeliveryModel = c.DeliveryModel, IsInternational = c.IsInternational, TimeZone = c.TimeZone, Capacity = c.Capacity,
        DeliveryPartnerId = c.DeliveryPartnerId, FacilitatorUserIds = c.FacilitatorUserIds.ToList(), Venues = c.Venues, Events = c.Events,
        OpenForApplications = c.OpenForApplications, Version = c.Version,
    };

    /// <summary>What was posted, for the rules in <see cref="CohortRules"/> and <see cref="CohortAdministration"/>.</summary>
    public CohortInput ToInput() => new()
    {
        CourseId = CourseId, Name = Name, StartYear = StartYear, Suffix = Suffix, StartDate = StartDate, EndDate = EndDate,
        DeliveryModel = DeliveryModel, IsInternational = IsInternational, TimeZone = TimeZone, Capacity = Capacity,
        DeliveryPartnerId = DeliveryPartnerId, FacilitatorUserIds = FacilitatorUserIds, FacilitatorEmails = FacilitatorEmails, Venues = Venues, Events = Events,
        OpenForApplications = OpenForApplications, Version = Version,
    };
}

using System.ComponentModel.DataAnnotations;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.Applications;

/// <summary>What the apply form posts. Account fields are used only when the person is not signed in.</summary>
public sealed class ApplyForm
{
    [Display(Name = "Full name")]
    [StringLength(200)]
    public string? DisplayName { get; set; }

    [Display(Name = "Email address")]
    [StringLength(254)]
    public string? Email { get; set; }

    [Display(Name = "Create a password")]
    [DataType(DataType.Password)]
    [StringLength(200)]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Enter the name of your school.")]
    [StringLength(200, ErrorMessage = "The school's name must be 200 characters or fewer.")]
    [Display(Name = "School")]
    public string? SchoolName { get; set; }

    [Required(ErrorMessage = "Enter your role, for example assistant headteacher.")]
    [StringLength(200, ErrorMessage = "Your role must be 200 characters or fewer.")]
    [Display(Name = "Your role")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "Choose your teaching qualification.")]
    [Display(Name = "Teaching qualification")]
    public TeachingQualification? Qualification { get; set; }

    [Display(Name = "Date you gained it")]
    public DateOnly? QualificationGainedOn { get; set; }

    [Required(ErrorMessage = "Enter the full years you have taught since gaining it.")]
    [Range(0, 60, ErrorMessage = "Enter a whole number of years from 0 to 60.")]
    [Display(Name = "Full years of teaching since")]
    public int? YearsTeachingSince { get; set; }

    [Required(ErrorMessage = "Choose who will pay for the course.")]
    [Display(Name = "Who will pay")]
    public FundingRoute? FundingRoute { get; set; }

    [StringLength(64, ErrorMessage = "The participant id must be 64 characters or fewer.")]
    [Display(Name = "DfE participant id (optional)")]
    public string? DfeParticipantId { get; set; }

    [StringLength(64, ErrorMessage = "The application id must be 64 characters or fewer.")]
    [Display(Name = "DfE application id (optional)")]
    public string? DfeApplicationId { get; set; }

    [StringLength(16, ErrorMessage = "The TRN must be 16 characters or fewer.")]
    [Display(Name = "Teacher reference number, TRN (optional)")]
    public string? Trn { get; set; }
}

/// <summary>The apply page: the cohort, its prices, the form and whether account fields are needed.</summary>
public sealed record ApplyViewModel(CohortSummary Cohort, ApplyForm Form, bool NeedsAccount, PriceQuote OrganisationPrice, PriceQuote SelfPrice, decimal VatRate, bool FrameworkHasContent);

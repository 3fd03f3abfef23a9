using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Time;
using Npq.Data.Enrolment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.Applications;

/// <summary>Applying to a cohort, and the applicant's own applications. An applicant only ever reaches their own.</summary>
public sealed class ApplicationsController(
    ICohortRepository cohorts,
    IApplicationRepository applications,
    IAccountRegistration registration,
    IFrameworkCatalog frameworks,
    IOptions<FeeOptions> fees,
    TimeProvider time,
    ILogger<ApplicationsController> logger) : Controller
{
    [AllowAnonymous]
    [HttpGet("/cohorts/{id:int}/apply")]
    public async Task<IActionResult> Apply(int id, CancellationToken cancellationToken)
    {
        var cohort = await cohorts.GetSummaryAsync(id, cancellationToken);
        if (cohort is null || !cohort.Cohort.OpenForApplications)
        {
            return NotFound();
        }

        if (await ExistingApplicationAsync(id, cancellationToken) is { } existing)
        {
            return RedirectToAction(nameof(Mine), new { id = existing });
        }

        return View(Model(cohort, new ApplyForm()));
    }

    [AllowAnonymous]
    [HttpPost("/cohorts/{id:int}/apply")]
    public async Task<IActionResult> Apply(int id, [Bind(Prefix = "Form")] ApplyForm form, CancellationToken cancellationToken)
    {
        var cohort = await cohorts.GetSummaryAsync(id, cancellationToken);
        if (cohort is null || !cohort.Cohort.OpenForApplications)
        {
            return NotFound();
        }

        if (await ExistingApplicationAsync(id, cancellationToken) is { } existing)
        {
            return RedirectToAction(nameof(Mine), new { id = existing });
        }

        var today = ZonedTime.Today(time.GetUtcNow().UtcDateTime, cohort.Cohort.TimeZone);
        var dateKey = Key(nameof(ApplyForm.QualificationGainedOn));
        if (form.QualificationGainedOn is { } gained && (gained > today || gained.Year < 1950))
        {
            ModelState.AddModelError(dateKey, "Enter the date you gained it: a real date, not in the future.");
        }

        if (form.Qualification is not null and not TeachingQualification.None && form.QualificationGainedOn is null
            && ModelState.GetFieldValidationState(dateKey) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(dateKey, "Enter the date you gained your qualification.");
        }

        var signedIn = User.TryGetUserId();
        if (signedIn is null)
        {
            if (string.IsNullOrWhiteSpace(form.DisplayName))
            {
                ModelState.AddModelError(Key(nameof(ApplyForm.DisplayName)), "Enter your full name.");
            }

            if (string.IsNullOrWhiteSpace(form.Email))
            {
                ModelState.AddModelError(Key(nameof(ApplyForm.Email)), "Enter your email address.");
            }

            if ((form.Password ?? string.Empty).Length < IAccountRegistration.MinimumPasswordLength)
            {
                ModelState.AddModelError(Key(nameof(ApplyForm.Password)), $"Your password must be at least {IAccountRegistration.MinimumPasswordLength} characters long.");
            }
        }

        if (!ModelState.IsValid)
        {
            return View(Model(cohort, form));
        }

        int applicantId;
        if (signedIn is { } userId)
        {
            applicantId = userId;
        }
        else
        {
            var result = await registration.RegisterAsync(form.DisplayName ?? string.Empty, form.Email ?? string.Empty, form.Password ?? string.Empty, cohort.Course.ProviderId, cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError(Key(field), message);
                }

                return View(Model(cohort, form));
            }

            applicantId = result.UserId!.Value;
            await registration.SignInAsync(HttpContext, applicantId);
        }

        var draft = new Application
        {
            CohortId = id,
            ApplicantUserId = applicantId,
            SchoolName = form.SchoolName!.Trim(),
            Role = form.Role!.Trim(),
            Qualification = form.Qualification!.Value,
            QualificationGainedOn = form.QualificationGainedOn,
            YearsTeachingSince = form.YearsTeachingSince!.Value,
            FundingRoute = form.FundingRoute!.Value,
            DfeParticipantId = form.DfeParticipantId,
            DfeApplicationId = form.DfeApplicationId,
            Trn = form.Trn,
        };
        var submitted = ApplicationSubmission.Complete(draft, cohort.Course.PricePence, fees.Value.VatRate, today, time.GetUtcNow().UtcDateTime);
        var applicationId = await applications.CreateAsync(submitted, cancellationToken);
        logger.LogInformation("Application {ApplicationId} to cohort {CohortId} submitted by {UserId} (eligible: {Eligible})", applicationId, id, applicantId, submitted.IsEligible);
        TempData["Notice"] = "Your application has been sent. The provider will review it and you will see their decision here.";
        return RedirectToAction(nameof(Mine), new { id = applicationId });
    }

    [HttpGet("/my/applications")]
    public async Task<IActionResult> MyApplications(CancellationToken cancellationToken) =>
        View(await applications.GetForApplicantAsync(User.GetUserId(), cancellationToken));

    [HttpGet("/my/applications/{id:int}")]
    public async Task<IActionResult> Mine(int id, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null || application.Application.ApplicantUserId != User.GetUserId())
        {
            return NotFound();
        }

        return View(application);
    }

    [HttpPost("/my/applications/{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        var userId = User.GetUserId();
        if (application is null || application.Application.ApplicantUserId != userId)
        {
            return NotFound();
        }

        var outcome = await applications.WithdrawAsync(id, userId, time.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Notice"] = outcome == DecisionOutcome.Done
            ? "You have withdrawn your application."
            : "This application has already been decided, so it can no longer be withdrawn here: contact the provider.";
        if (outcome == DecisionOutcome.Done)
        {
            logger.LogInformation("Application {ApplicationId} withdrawn by its applicant {UserId}", id, userId);
        }

        return RedirectToAction(nameof(Mine), new { id });
    }

    /// <summary>The form's fields are posted as <c>Form.X</c>; errors are keyed the same way so they show beside the field.</summary>
    private static string Key(string field) => "Form." + field;

    private async Task<int?> ExistingApplicationAsync(int cohortId, CancellationToken cancellationToken)
    {
        if (User.TryGetUserId() is not { } userId)
        {
            return null;
        }

        var open = (await applications.GetForApplicantAsync(userId, cancellationToken))
            .FirstOrDefault(a => a.Application.CohortId == cohortId
                && a.Application.Status is ApplicationStatus.Pending or ApplicationStatus.WaitingList or ApplicationStatus.Accepted);
        return open?.Application.Id;
    }

    private ApplyViewModel Model(Npq.Core.Enrolment.CohortSummary cohort, ApplyForm form) => new(
        cohort,
        form,
        User.TryGetUserId() is null,
        Pricing.Quote(cohort.Course.PricePence, FundingRoute.School, fees.Value.VatRate),
        Pricing.Quote(cohort.Course.PricePence, FundingRoute.Self, fees.Value.VatRate),
        fees.Value.VatRate,
        cohort.Course.FrameworkCode is { } code && frameworks.Find(code) is not null);
}

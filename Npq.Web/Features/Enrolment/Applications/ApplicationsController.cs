using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Web.Features.Enrolment.Applications;

/// <summary>Applying to a cohort, and the applicant's own applications. An applicant only ever reaches their own.</summary>
public sealed class ApplicationsController(ApplicationIntake intake, AccountSessions sessions) : Controller
{
    [AllowAnonymous]
    [HttpGet("/cohorts/{id:int}/apply")]
    public async Task<IActionResult> Apply(int id, CancellationToken cancellationToken)
    {
        var cohort = await intake.OpenCohortAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (await intake.LiveApplicationAsync(User.TryGetUserId(), id, cancellationToken) is { } existing)
        {
            return RedirectToAction(nameof(Mine), new { id = existing });
        }

        return View(Model(cohort, new ApplyForm()));
    }

    [AllowAnonymous]
    [HttpPost("/cohorts/{id:int}/apply")]
    public async Task<IActionResult> Apply(int id, [Bind(Prefix = "Form")] ApplyForm form, CancellationToken cancellationToken)
    {
        var cohort = await intake.OpenCohortAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var signedIn = User.TryGetUserId();
        if (await intake.LiveApplicationAsync(signedIn, id, cancellationToken) is { } existing)
        {
            return RedirectToAction(nameof(Mine), new { id = existing });
        }

        var account = signedIn is null ? new NewAccount(form.DisplayName, form.Email, form.Password) : null;
        foreach (var problem in intake.Check(cohort, form.Qualification, form.QualificationGainedOn, account, form.DfeParticipantId, form.DfeApplicationId, form.Trn))
        {
            // A field the form could not read already says so.
            if (ModelState.GetFieldValidationState(Key(problem.Field)) != ModelValidationState.Invalid)
            {
                ModelState.AddModelError(Key(problem.Field), problem.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            return View(Model(cohort, form));
        }

        var draft = new Application
        {
            SchoolName = form.SchoolName!,
            Role = form.Role!,
            Qualification = form.Qualification!.Value,
            QualificationGainedOn = form.QualificationGainedOn,
            YearsTeachingSince = form.YearsTeachingSince!.Value,
            FundingRoute = form.FundingRoute!.Value,
            DfeParticipantId = form.DfeParticipantId,
            DfeApplicationId = form.DfeApplicationId,
            Trn = form.Trn,
        };
        var submitted = await intake.SubmitAsync(cohort, draft, signedIn, account, cancellationToken);
        if (!submitted.Succeeded)
        {
            ModelState.AddProblems(submitted.Problems, Key(string.Empty));
            return View(Model(cohort, form));
        }

        if (submitted.NewAccount is { } user)
        {
            await sessions.SignInAsync(HttpContext, user, HttpContext.RequestAborted);
        }

        TempData["Notice"] = "Your application has been sent. The provider will review it and you will see their decision here.";
        return RedirectToAction(nameof(Mine), new { id = submitted.ApplicationId });
    }

    [HttpGet("/my/applications")]
    public async Task<IActionResult> MyApplications(CancellationToken cancellationToken) =>
        View(await intake.MineAsync(User.GetUserId(), cancellationToken));

    [HttpGet("/my/applications/{id:int}")]
    public async Task<IActionResult> Mine(int id, CancellationToken cancellationToken) =>
        await intake.FindMineAsync(User.GetUserId(), id, cancellationToken) is { } application ? View(application) : NotFound();

    [HttpPost("/my/applications/{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken)
    {
        var outcome = await intake.WithdrawMineAsync(User.GetUserId(), id, cancellationToken);
        if (outcome == DecisionOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Notice"] = outcome == DecisionOutcome.Done
            ? "You have withdrawn your application."
            : "This application has already been decided, so it can no longer be withdrawn here: contact the provider.";
        return RedirectToAction(nameof(Mine), new { id });
    }

    /// <summary>The form's fields are posted as <c>Form.X</c>; errors are keyed the same way so they show beside the field.</summary>
    private static string Key(string field) => "Form." + field;

    private ApplyViewModel Model(CohortSummary cohort, ApplyForm form)
    {
        var offer = intake.Offer(cohort);
        return new(cohort, form, User.TryGetUserId() is null, offer.OrganisationPrice, offer.SelfPrice, offer.VatRate, offer.FrameworkHasContent);
    }
}

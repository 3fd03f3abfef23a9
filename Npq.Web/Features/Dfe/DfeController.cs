using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;
using Npq.Web.Features.Dfe.Sync;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Dfe;

public sealed record DfePageModel(
    DfeSettingsView Settings,
    IReadOnlyList<DfePulledApplication> Applications,
    IReadOnlyList<DfeJob> Jobs,
    IReadOnlyList<DfeCohort> Cohorts,
    PageLinks CohortPager,
    PageLinks ApplicationPager,
    string? Message,
    IReadOnlyList<(string Field, string Message)> Problems,
    string? BaseUrlEntered = null,
    bool? EnabledEntered = null);

public sealed record DfeReconcilePageModel(DfeReconciliation Reconciliation, string? Message)
{
    /// <summary>The pages of the cohort's candidates (none when the page shows one enrolment).</summary>
    public PageLinks? Pager { get; init; }

    /// <summary>The enrolment whose DfE ids were refused, what was typed, and why.</summary>
    public int? LinkEnrolmentId { get; init; }

    public IReadOnlyList<(string Field, string Message)> LinkProblems { get; init; } = [];

    public string? ParticipantEntered { get; init; }

    public string? ApplicationEntered { get; init; }
}

/// <summary>
/// A provider admin's link with DfE: the connection (base URL, write-only token, on/off), pulling on demand, the
/// applications DfE holds beside Npq's own check, the outbox of pushes with DfE's answers, and each cohort's
/// reconcile page.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("dfe")]
public sealed class DfeController(
    DfeSettings settings,
    DfePull pull,
    DfePush push,
    DfeReconcile reconcile,
    DfeOverview overview,
    DfeLinks links,
    ViewerScope scopes,
    IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, int? page, int? size, int? apage, int? asize, CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId)
        {
            return NotFound();
        }

        return View(await PageAsync(providerId, Message(message), [], cancellationToken, Paging.Number(page), Paging.Size(size), Paging.Number(apage), Paging.Size(asize)));
    }

    [HttpPost("settings")]
    public async Task<IActionResult> Settings([FromForm] string? baseUrl, [FromForm] bool enabled, [FromForm] string? token, CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId)
        {
            return NotFound();
        }

        var problems = await settings.SaveAsync(providerId, baseUrl, enabled, token, Actor(), cancellationToken);
        if (problems.Count == 0)
        {
            return Redirect("/dfe?message=saved");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), (await PageAsync(providerId, null, problems, cancellationToken)) with { BaseUrlEntered = baseUrl, EnabledEntered = enabled });
    }

    [HttpPost("pull")]
    public async Task<IActionResult> Pull(CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId)
        {
            return NotFound();
        }

        var summary = await pull.PullAsync(providerId, DfeSyncWorker.Worker, cancellationToken);
        if (summary.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Index), await PageAsync(providerId, null, [("pull", summary.Problem)], cancellationToken));
        }

        return View(nameof(Index), await PageAsync(providerId,
            $"Pulled from DfE: {summary.ApplicationsSeen} applications ({summary.ApplicationsLanded} new in the inbox), {summary.ParticipantsSeen} participants, {summary.DeclarationsSeen} declarations; {summary.IdsChanged} participant ids changed.",
            [], cancellationToken));
    }

    [HttpPost("jobs/run")]
    public async Task<IActionResult> RunJobs(CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        await push.RunDueAsync(DfeSyncWorker.Worker, cancellationToken: cancellationToken);
        return Redirect("/dfe?message=sent#jobs");
    }

    [HttpPost("jobs/{jobId:long}/retry")]
    public async Task<IActionResult> Retry(long jobId, CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId)
        {
            return NotFound();
        }

        if (!await overview.RetryAsync(providerId, jobId, cancellationToken))
        {
            return NotFound();
        }

        await push.RunDueAsync(DfeSyncWorker.Worker, cancellationToken: cancellationToken);
        return Redirect("/dfe?message=retried#jobs");
    }

    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Reconcile(int cohortId, string? message, int? page, int? size, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Size(size, Paging.HeavyRowSizes);
        var number = Paging.Number(page);
        if (await ProviderAsync(cancellationToken) is not { } providerId
            || await reconcile.PageAsync(providerId, cohortId, Paging.Skip(number, pageSize), pageSize, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (number > 1 && Paging.Within(number, pageSize, found.Candidates) == 1)
        {
            // A page past the end (a stale or hand-edited address) shows the first.
            number = 1;
            found = await reconcile.PageAsync(providerId, cohortId, 0, pageSize, cancellationToken) ?? found;
        }

        return View(new DfeReconcilePageModel(found, Message(message))
        {
            Pager = new PageLinks($"/dfe/cohorts/{cohortId}", [], number, pageSize, found.Candidates, "candidates") { Sizes = Paging.HeavyRowSizes },
        });
    }

    /// <summary>Queues the push that fixes one difference (<paramref name="key"/>) or all of them, and sends what is due now.</summary>
    [HttpPost("cohorts/{cohortId:int}/fix")]
    public async Task<IActionResult> Fix(int cohortId, [FromForm] string? key, CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId
            || await reconcile.QueueFixesAsync(providerId, cohortId, string.IsNullOrWhiteSpace(key) ? null : key, cancellationToken) is null)
        {
            return NotFound();
        }

        await push.RunDueAsync(DfeSyncWorker.Worker, cancellationToken: cancellationToken);
        return Redirect($"/dfe/cohorts/{cohortId}?message=sent");
    }

    /// <summary>Records DfE's participant and application ids for an enrolment that has none.</summary>
    [HttpPost("cohorts/{cohortId:int}/link")]
    public async Task<IActionResult> Link(int cohortId, [FromForm] int enrolmentId, [FromForm] string? participantId, [FromForm] string? applicationId, CancellationToken cancellationToken)
    {
        if (await ProviderAsync(cancellationToken) is not { } providerId)
        {
            return NotFound();
        }

        var (outcome, problems) = await links.LinkAsync(providerId, cohortId, enrolmentId, participantId, applicationId, Actor(), cancellationToken);
        switch (outcome)
        {
            case DfeLinkOutcome.NotFound:
                return NotFound();
            case DfeLinkOutcome.Done:
                return Redirect($"/dfe/cohorts/{cohortId}?message=linked");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var found = await reconcile.EnrolmentAsync(providerId, cohortId, enrolmentId, cancellationToken);
        return found is null
            ? NotFound()
            : View(nameof(Reconcile), new DfeReconcilePageModel(found, null)
            {
                LinkEnrolmentId = enrolmentId, LinkProblems = problems, ParticipantEntered = participantId, ApplicationEntered = applicationId,
            });
    }

    /// <summary>The admin's provider, when they may manage its DfE sync (null answers 404).</summary>
    private async Task<int?> ProviderAsync(CancellationToken cancellationToken)
    {
        if (await scopes.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return null;
        }

        return (await authorization.AuthorizeAsync(User, new DfeProvider(providerId), DfeOperations.Manage)).Succeeded ? providerId : null;
    }

    /// <summary>The page, with one page of the provider's cohorts (the first after a form is posted).</summary>
    private async Task<DfePageModel> PageAsync(int providerId, string? message, IReadOnlyList<(string, string)> problems, CancellationToken cancellationToken,
        int cohortPage = 1, int cohortSize = Paging.DefaultSize, int applicationPage = 1, int applicationSize = Paging.DefaultSize)
    {
        var activity = await overview.ActivityAsync(providerId, cohortPage, cohortSize, applicationPage, applicationSize, cancellationToken);
        static string? Kept(int value, int none) => value == none ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Each list's pager keeps the other's place in the address.
        var pager = new PageLinks("/dfe", [new("asize", Kept(applicationSize, Paging.DefaultSize)), new("apage", Kept(activity.ApplicationsPage, 1))],
            activity.CohortsPage, cohortSize, activity.CohortsTotal, "cohorts to reconcile");
        var applicationPager = new PageLinks("/dfe", [new("size", Kept(cohortSize, Paging.DefaultSize)), new("page", Kept(activity.CohortsPage, 1))],
            activity.ApplicationsPage, applicationSize, activity.ApplicationsTotal, "applications DfE holds", PageKey: "apage", SizeKey: "asize");
        return new(await settings.GetAsync(providerId, cancellationToken), activity.Applications, activity.Jobs, activity.Cohorts, pager, applicationPager, message, problems);
    }

    private ActingUser Actor() => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    private static string? Message(string? code) => code switch
    {
        "saved" => "The DfE connection is saved.",
        "sent" => "The pushes are queued; those due have been sent to DfE. Each shows DfE's answer.",
        "retried" => "The push is queued again.",
        "linked" => "DfE's ids are recorded for the enrolment.",
        _ => null,
    };
}

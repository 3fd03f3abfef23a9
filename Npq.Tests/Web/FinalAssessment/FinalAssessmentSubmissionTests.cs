using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;
using Npq.Web.Demo;

namespace Npq.Tests.Web.FinalAssessment;

/// <summary>A candidate sits the final assessment: the attendance gate, the word limit, and a script opening on submit.</summary>
public sealed class FinalAssessmentSubmissionTests : WebFixture
{
    private AssessmentCohort _cohort = null!;
    private int _taskId;
    private int _candidateId;

    [OneTimeSetUp]
    public async Task Start()
    {
        var users = Service<UserRepository>();
        var marking = Service<MarkingRepository>();
        var admin = (await users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        _cohort = (await marking.GetCohortsForAdminAsync(admin.Id)).Single(c => c.Name == FinalAssessmentDemoSeed.CohortName);
        _taskId = (await marking.GetFinalTaskDatesAsync(_cohort.Id)).Single().TaskId;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Service<TaskRepository>().SetDatesAsync(new TaskDates(_taskId, _cohort.Id, today.AddDays(-2), today.AddDays(5), today.AddDays(5)));
        var candidate = new AppUser { Email = "sitter@npq.example", NormalizedEmail = "SITTER@NPQ.EXAMPLE", DisplayName = "Sam Sitter", ProviderId = admin.ProviderId, CreatedUtc = DateTime.UtcNow };
        await users.CreateAsync(candidate);
        await users.AddToRoleAsync(candidate.Id, Roles.Candidate);
        await Service<EnrolmentRepository>().EnsureAsync(_cohort.Id, candidate.Id, null, DateTime.UtcNow);
        _candidateId = candidate.Id;
    }

    private string Form => $"form[action='/final-assessment/{_taskId}/cohorts/{_cohort.Id}']";

    [Test, Order(1)]
    public async Task Answer_BelowAttendanceThreshold_RefusedWithReasonAndTextKept()
    {
        using var client = Factory.ClientFor("sitter@npq.example");

        var response = await Forms.SubmitAsync(client, "/final-assessment", Form, new Dictionary<string, string> { ["Body"] = "My answer – £5 and ‘quotes’", ["Command"] = "submit" });
        var page = await Html.ReadAsync(response);
        var attempts = await Service<TaskRepository>().GetAttemptsAsync(_taskId, _candidateId);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector(".field-error").Text(), Does.Contain("at least 90%"));
        Assert.That(page.QuerySelector("textarea[name=Body]").Text(), Is.EqualTo("My answer – £5 and ‘quotes’"));
        Assert.That(attempts.Where(a => a.State == SubmissionState.Submitted), Is.Empty);
    }

    [Test, Order(2)]
    public async Task Answer_OverWordLimit_RefusedThenShortAnswerOpensAScript()
    {
        await Service<MarkingRepository>().SetCohortPolicyAsync(_cohort.Id, new PolicyOverrides(0, 20, false));
        using var client = Factory.ClientFor("sitter@npq.example");
        var tooLong = string.Join(' ', Enumerable.Repeat("word", 1_501));

        var refused = await Forms.SubmitAsync(client, "/final-assessment", Form, new Dictionary<string, string> { ["Body"] = tooLong, ["Command"] = "submit" });
        var refusedPage = await Html.ReadAsync(refused);
        var accepted = await Forms.SubmitAsync(client, "/final-assessment", Form, new Dictionary<string, string> { ["Body"] = "A short, complete answer.", ["Command"] = "submit" });
        var scripts = await Service<MarkingRepository>().GetScriptsForCandidateAsync(_candidateId);
        var after = await client.GetStringAsync("/final-assessment");

        Assert.That(refusedPage.QuerySelector(".field-error").Text(), Does.Contain("the limit is 1,500"));
        Assert.That(refusedPage.QuerySelector("textarea[name=Body]").Text(), Is.EqualTo(tooLong));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(scripts.Single().State, Is.EqualTo(MarkingState.NotMarked));
        Assert.That(after, Does.Contain("being marked"));
    }
}

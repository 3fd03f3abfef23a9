using System.Net;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;
using Npq.Web.Demo;
using Npq.Web.Features.Portfolio.Tasks;

namespace Npq.Tests.Web.Portfolio;

public sealed class TaskTests : PortfolioFixture
{
    /// <summary>A fresh task open now for the candidate's cohort, so each test starts from "new".</summary>
    private async Task<int> OpenTaskAsync(string candidateEmail, int wordLimit = 10, int maxAttempts = 2, bool mentorReviews = false)
    {
        var tasks = Service<TaskRepository>();
        var courseId = (await Service<Npq.Data.Portfolio.PlacementRepository>().GetForCandidateAsync(await IdOf(candidateEmail)))[0].CourseId;
        var id = await tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = courseId, Title = "Test task " + Guid.NewGuid().ToString("N")[..6], Instructions = "Write **briefly**.", WordLimit = wordLimit,
            MaxAttempts = maxAttempts, MentorReviewsDrafts = mentorReviews, CreatedUtc = DateTime.UtcNow,
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await tasks.SetDatesAsync(new TaskDates(id, await CohortOf(candidateEmail), today.AddDays(-3), today.AddDays(5), today.AddDays(10)));
        return id;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string body, string intent = "submit") =>
        Forms.SubmitAsync(client, page, "#task-form", new Dictionary<string, string> { ["body"] = body, ["intent"] = intent });

    [Test]
    public async Task TaskList_ShowsTheSeededTasksInTheirStates()
    {
        using var amira = Factory.ClientFor(Amira);
        using var ben = Factory.ClientFor(Ben);

        var amiraRows = (await Html.ReadAsync(await amira.GetAsync("/tasks"))).QuerySelectorAll("table.tasks tbody tr").Select(r => r.Text()).ToList();
        var benRows = (await Html.ReadAsync(await ben.GetAsync("/tasks"))).QuerySelectorAll("table.tasks tbody tr").Select(r => r.Text()).ToList();

        Assert.That(amiraRows.Single(r => r.Contains(PortfolioDemoSeed.CurriculumTaskTitle)), Does.Contain("Submitted"));
        Assert.That(amiraRows.Single(r => r.Contains(PortfolioDemoSeed.CultureTaskTitle)), Does.Contain("Draft"));
        Assert.That(benRows.Single(r => r.Contains(PortfolioDemoSeed.CurriculumTaskTitle)), Does.Contain("attempt 2").And.Contain("Extended"));
        Assert.That(benRows.Single(r => r.Contains(PortfolioDemoSeed.PartnershipTaskTitle)), Does.Contain("Late"));
    }

    [Test]
    public async Task Submit_OverTheWordLimit_IsRefusedBesideTheAnswerAndKeepsTheText_ThenWithinItIsReadOnly()
    {
        var taskId = await OpenTaskAsync(Amira, wordLimit: 10);
        using var amira = Factory.ClientFor(Amira);
        var tooLong = "one two three four five six seven eight nine ten eleven twelve";

        var refused = await SubmitAsync(amira, $"/tasks/{taskId}", tooLong);
        var refusedPage = await Html.ReadAsync(refused);
        var accepted = await SubmitAsync(amira, $"/tasks/{taskId}", "Short and within the limit.");
        var after = await Html.ReadAsync(await amira.GetAsync($"/tasks/{taskId}"));

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedPage.QuerySelector("#body-error").Text(), Does.Contain("Your answer has 12 words; the limit is 10. Cut 2 words"));
        Assert.That(refusedPage.QuerySelector("textarea#body").Text(), Is.EqualTo(tooLong));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.QuerySelector("#task-form"), Is.Null, "a submitted attempt is read-only");
        Assert.That(after.QuerySelector(".attempt .answer").Text(), Is.EqualTo("Short and within the limit."));

        var submitted = (await Service<TaskRepository>().GetAttemptsAsync(taskId, await IdOf(Amira)))[0];
        var late = await PostAsync(amira, "/evidence/new", $"/tasks/{taskId}/attempt",
            ("submissionId", submitted.Id.ToString()), ("version", submitted.Version.ToString()), ("body", "sneaky edit"), ("intent", "draft"));
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(late)).QuerySelector(".field-error").Text(), Does.Contain("has been submitted and can no longer be changed"));
        Assert.That((await Service<TaskRepository>().GetSubmissionAsync(submitted.Id))!.Body, Is.EqualTo("Short and within the limit."));
    }

    [Test]
    public async Task Reopen_ByTheMentor_KeepsAttemptOneAndTellsTheCandidate_UpToTheMaximum()
    {
        var taskId = await OpenTaskAsync(Amira, wordLimit: 100, maxAttempts: 2);
        using var amira = Factory.ClientFor(Amira);
        using var mentor = Factory.ClientFor(Mentor);
        await SubmitAsync(amira, $"/tasks/{taskId}", "First attempt text.");
        var mentorPage = $"/tasks/{taskId}?candidate={await IdOf(Amira)}";

        var candidateTry = await amira.GetAsync(mentorPage);
        var candidatePageHasReopen = (await Html.ReadAsync(await amira.GetAsync($"/tasks/{taskId}"))).QuerySelector("form[action$='/reopen']");
        var reopened = await Forms.SubmitAsync(mentor, mentorPage, "form[action$='/reopen']", new Dictionary<string, string>());
        var page = await Html.ReadAsync(await amira.GetAsync($"/tasks/{taskId}"));
        await SubmitAsync(amira, $"/tasks/{taskId}", "Second attempt text.");
        var last = await Html.ReadAsync(await mentor.GetAsync(mentorPage));

        Assert.That(candidateTry.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the candidate may read their own page by id");
        Assert.That(candidatePageHasReopen, Is.Null);
        Assert.That(reopened.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.QuerySelector("textarea#body").Text(), Is.EqualTo("First attempt text."), "the new attempt starts from the last text");
        Assert.That(page.QuerySelectorAll(".attempt h2").Select(h => h.Text()), Has.Some.Contains("Attempt 1").And.Some.Contains("Reopened"));
        Assert.That(await NotificationTitlesOf(Amira), Has.Some.Contains("is open again for attempt 2"));
        Assert.That(last.QuerySelector("form[action$='/reopen']"), Is.Null, "no attempts remain");
        Assert.That(last.Body.Text(), Does.Contain("No attempts remain"));
        Assert.That((await Service<TaskRepository>().GetAttemptsAsync(taskId, await IdOf(Amira))).Select(a => a.Body), Is.EqualTo(new[] { "First attempt text.", "Second attempt text." }));
    }

    [Test]
    public async Task RecordFail_WithAttemptsLeft_ReopensAutomatically()
    {
        var taskId = await OpenTaskAsync(Ben, wordLimit: 100, maxAttempts: 2);
        using var ben = Factory.ClientFor(Ben);
        await SubmitAsync(ben, $"/tasks/{taskId}", "An answer.");
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Factory.Services);
        var service = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SubmissionService>(scope.ServiceProvider);

        var result = await service.RecordResultAsync((await service.LoadAsync(taskId, await IdOf(Ben), default))!, SubmissionResult.Fail, default);
        var attempts = await Service<TaskRepository>().GetAttemptsAsync(taskId, await IdOf(Ben));

        Assert.That(result.Done, Is.True);
        Assert.That(attempts.Select(a => (a.State, a.Result)), Is.EqualTo(new (SubmissionState, SubmissionResult?)[] { (SubmissionState.Reopened, SubmissionResult.Fail), (SubmissionState.Draft, null) }));
    }

    [Test]
    public async Task Admin_SubmitsOnBehalf_RecordedAsSuch()
    {
        var taskId = await OpenTaskAsync(Ben, wordLimit: 100);
        using var admin = Factory.ClientFor(Admin);
        var page = $"/tasks/{taskId}?candidate={await IdOf(Ben)}";

        var response = await SubmitAsync(admin, page, "Handed in on paper, typed up by the office.");
        var attempt = (await Service<TaskRepository>().GetAttemptsAsync(taskId, await IdOf(Ben)))[0];
        var benView = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync($"/tasks/{taskId}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(attempt.SubmittedOnBehalf, Is.True);
        Assert.That(attempt.SubmittedByUserId, Is.EqualTo(await IdOf(Admin)));
        Assert.That(benView.QuerySelector(".attempt .meta").Text(), Does.Contain("by the provider on the candidate's behalf"));
    }

    [Test]
    public async Task OthersAttempts_CannotBeReadOrChangedByChangingIds()
    {
        var taskId = await OpenTaskAsync(Amira, wordLimit: 100, mentorReviews: false);
        using var amira = Factory.ClientFor(Amira);
        await SubmitAsync(amira, $"/tasks/{taskId}", "Amira's draft words", intent: "draft");
        var submission = (await Service<TaskRepository>().GetAttemptsAsync(taskId, await IdOf(Amira)))[0];
        using var ben = Factory.ClientFor(Ben);
        using var head = Factory.ClientFor(Head);
        using var mentor = Factory.ClientFor(Mentor);
        var amiraPage = $"/tasks/{taskId}?candidate={await IdOf(Amira)}";

        Assert.That((await ben.GetAsync(amiraPage)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await head.GetAsync(amiraPage)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await PostAsync(ben, "/evidence/new", $"/tasks/submissions/{submission.Id}/autosave", ("version", submission.Version.ToString()), ("body", "overwrite"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await PostAsync(ben, "/evidence/new", $"/tasks/{taskId}/attempt?candidate={await IdOf(Amira)}", ("submissionId", submission.Id.ToString()), ("version", "2"), ("body", "x"), ("intent", "submit"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await PostAsync(ben, "/evidence/new", $"/feedback/submissions/{submission.Id}", ("body", "x"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ben.GetAsync($"/feedback/go/{submission.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var mentorView = await Html.ReadAsync(await mentor.GetAsync(amiraPage));
        Assert.That(mentorView.Body.Text(), Does.Not.Contain("Amira's draft words"), "a mentor sees drafts only when the task says they review them");
        Assert.That((await Service<TaskRepository>().GetSubmissionAsync(submission.Id))!.Body, Is.EqualTo("Amira's draft words"));
    }

    [Test]
    public async Task ConcurrentSaves_OfTheSameAttempt_TheSecondIsToldAndKeepsItsText()
    {
        var taskId = await OpenTaskAsync(Amira, wordLimit: 100);
        using var tab1 = Factory.ClientFor(Amira);
        using var tab2 = Factory.ClientFor(Amira);
        var page = $"/tasks/{taskId}";
        await tab1.GetAsync(page);
        var form1 = await Html.ReadAsync(await tab1.GetAsync(page));
        var form2 = await Html.ReadAsync(await tab2.GetAsync(page));

        async Task<HttpResponseMessage> Post(HttpClient client, AngleSharp.Dom.IDocument form, string body) =>
            await client.PostAsync($"/tasks/{taskId}/attempt", new FormUrlEncodedContent([
                new(Forms.TokenField, form.QuerySelector($"input[name={Forms.TokenField}]")!.GetAttribute("value")!),
                new("submissionId", form.QuerySelector("input[name=submissionId]")!.GetAttribute("value")!),
                new("version", form.QuerySelector("input[name=version]")!.GetAttribute("value")!),
                new("body", body), new("intent", "draft")]));

        var first = await Post(tab1, form1, "From tab one");
        var second = await Post(tab2, form2, "From tab two");
        var secondPage = await Html.ReadAsync(second);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(secondPage.QuerySelector("#body-error").Text(), Does.Contain("Someone else saved this attempt"));
        Assert.That(secondPage.QuerySelector("textarea#body").Text(), Is.EqualTo("From tab two"));
    }

    [Test]
    public async Task Extension_GrantedByTheMentor_TellsTheCandidate_AndABadDateIsExplained()
    {
        var taskId = await OpenTaskAsync(Ben, wordLimit: 100);
        using var mentor = Factory.ClientFor(Mentor);
        var page = $"/tasks/{taskId}?candidate={await IdOf(Ben)}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var bad = await Forms.SubmitAsync(mentor, page, ".extension form", new Dictionary<string, string> { ["dueOn"] = today.ToString("yyyy-MM-dd") });
        var badPage = await Html.ReadAsync(await mentor.GetAsync(page));
        var good = await Forms.SubmitAsync(mentor, page, ".extension form", new Dictionary<string, string> { ["dueOn"] = today.AddDays(20).ToString("yyyy-MM-dd") });
        var benPage = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync($"/tasks/{taskId}"));

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(badPage.QuerySelector("#dueOn-error").Text(), Does.Contain("must end after the due date"));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(benPage.QuerySelector(".task-facts").Text(), Does.Contain("Extended to"));
        Assert.That(await NotificationTitlesOf(Ben), Has.Some.StartsWith("You have an extension"));
        Assert.That((await PostAsync(Factory.ClientFor(Ben), "/evidence/new", $"/tasks/{taskId}/extension?candidate={await IdOf(Ben)}", ("dueOn", "2030-01-01"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Admin_CreatesATaskAndSetsDates_WithMessagesForBadInput()
    {
        using var admin = Factory.ClientFor(Admin);
        using var candidate = Factory.ClientFor(Amira);

        var missing = await Html.ReadAsync(await Forms.SubmitAsync(admin, "/tasks/admin/new", "form", new Dictionary<string, string> { ["Title"] = "", ["Instructions"] = "Keep this", ["WordLimit"] = "abc" }));
        var created = await Forms.SubmitAsync(admin, "/tasks/admin/new", "form", new Dictionary<string, string> { ["Title"] = "Admin-made task", ["Instructions"] = "Do it", ["Kind"] = "Final" });
        var manage = created.Headers.Location!.OriginalString;
        var badDates = await Html.ReadAsync(await Forms.SubmitAsync(admin, manage, "form[action$='/dates']", new Dictionary<string, string> { ["OpensOn"] = "2026-11-01", ["DueOn"] = "2026-11-20", ["CutOffOn"] = "2026-11-19" }));
        var saved = await Forms.SubmitAsync(admin, manage, "form[action$='/dates']", new Dictionary<string, string> { ["CohortId"] = (await CohortOf(Amira)).ToString(), ["OpensOn"] = "2026-11-01", ["DueOn"] = "2026-11-20", ["CutOffOn"] = "2026-11-27" });
        var managePage = await Html.ReadAsync(await admin.GetAsync(manage));

        Assert.That(missing.QuerySelector("#Title-error").Text(), Does.Contain("Enter a title"));
        Assert.That(missing.QuerySelector("#WordLimit-error"), Is.Not.Null);
        Assert.That(missing.QuerySelector("textarea#Instructions").Text(), Is.EqualTo("Keep this"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(badDates.QuerySelector("#CutOffOn-error").Text(), Does.Contain("on or after the due date"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(managePage.QuerySelector("tbody").Text(), Does.Contain("Fri 20 Nov 2026"));
        Assert.That((await candidate.GetAsync("/tasks/admin")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}

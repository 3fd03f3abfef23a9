using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.FinalAssessment;
using Npq.Data.Accounts;
using Npq.Data.FinalAssessment;
using Npq.Data.Notifications;
using Npq.Web.Demo;
using UglyToad.PdfPig;

namespace Npq.Tests.Web.FinalAssessment;

/// <summary>The final assessment through the real pipeline, over the demo cohort seeded in every marking state.</summary>
public sealed class FinalAssessmentTests : WebFixture
{
    private MarkingRepository Marking => Service<MarkingRepository>();

    private async Task<int> UserId(string email) => (await Service<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))!.Id;

    private async Task<IReadOnlyList<ScriptDetails>> ScriptsAsync()
    {
        using var admin = Factory.ClientFor("admin@npq.example");
        var cohorts = await Marking.GetCohortsForAdminAsync(await UserId("admin@npq.example"));
        var cohort = cohorts.Single(c => c.Name == FinalAssessmentDemoSeed.CohortName);
        return await Marking.GetScriptsForCohortAsync(cohort.Id);
    }

    [Test]
    public async Task DemoCohort_HasScriptsInEveryState_AndAdminSeesThem()
    {
        var scripts = await ScriptsAsync();
        using var admin = Factory.ClientFor("admin@npq.example");

        var page = await Html.ReadAsync(await admin.GetAsync($"/outcomes/{scripts[0].CohortId}"));

        Assert.That(scripts.Select(s => s.State).Distinct(), Is.SupersetOf(new[]
        {
            MarkingState.NotMarked, MarkingState.InMarking, MarkingState.ReadyForModeration, MarkingState.Moderated, MarkingState.Released,
        }));
        Assert.That(scripts.Where(s => s.State == MarkingState.Released).Select(s => s.FinalOutcome), Is.EquivalentTo(new MarkingOutcome?[] { MarkingOutcome.Pass, MarkingOutcome.Fail }));
        Assert.That(page.QuerySelectorAll("table.allocation tbody tr"), Has.Length.EqualTo(scripts.Count));
    }

    [Test]
    public async Task RecordSources_OneBatch_ReadsWhatTheSeparateQueriesRead_InEveryState()
    {
        var tasks = Service<Npq.Data.Portfolio.TaskRepository>();
        var users = Service<UserRepository>();
        foreach (var row in await ScriptsAsync())
        {
            foreach (var withEvidence in new[] { true, false })
            {
                var sources = (await Marking.GetRecordSourcesAsync(row, withEvidence))!;
                var task = (await tasks.GetTaskAsync(row.TaskId))!;
                var submission = (await tasks.GetSubmissionAsync(row.SubmissionId))!;

                Assert.That(sources.Cohort, Is.EqualTo(await Marking.GetCohortAsync(row.CohortId)));
                Assert.That((sources.TaskTitle, sources.WordLimit), Is.EqualTo((task.Title, task.WordLimit)));
                Assert.That((sources.Submission.Body, sources.Submission.Attempt, sources.Submission.WordCount, sources.Submission.SubmittedUtc),
                    Is.EqualTo((submission.Body, submission.Attempt, submission.WordCount, submission.SubmittedUtc)));
                Assert.That(sources.FinalTaskDates, Is.EqualTo(await Marking.GetFinalTaskDatesAsync(row.CohortId)));
                Assert.That(Describe(sources.Criteria), Is.EqualTo(Describe(await Marking.GetCriteriaAsync(row.CourseId))));
                Assert.That(sources.Judgements, Is.EqualTo(await Marking.GetJudgementsAsync(row.Id)));
                Assert.That(sources.ReleasedByName, Is.EqualTo(row.ReleasedByUserId is { } by ? (await users.FindByIdAsync(by))!.DisplayName : null));
                Assert.That(sources.Evidence is null ? null : Describe(sources.Evidence),
                    Is.EqualTo(withEvidence ? Describe(await Marking.GetEvidenceIndexAsync(row.CandidateUserId)) : null));
            }
        }

        static List<string> Describe<T>(IEnumerable<T> items) => items.Select(i => System.Text.Json.JsonSerializer.Serialize(i)).ToList();
    }

    [Test]
    public async Task Moderation_ProposedFailOverturned_ModeratorDecisionStandsAndBothKept()
    {
        var moderated = (await ScriptsAsync()).Single(s => s.State == MarkingState.Moderated);
        var judgements = await Marking.GetJudgementsAsync(moderated.Id);

        Assert.That(moderated.AssessorOutcome, Is.EqualTo(MarkingOutcome.Fail));
        Assert.That(moderated.ModeratorOutcome, Is.EqualTo(MarkingOutcome.Pass));
        Assert.That(moderated.FinalOutcome, Is.EqualTo(MarkingOutcome.Pass));
        Assert.That(moderated.ModerationReason, Does.Contain("Every proposed fail"));
        Assert.That(judgements.Select(j => j.Role).Distinct(), Is.EquivalentTo(new[] { JudgementRole.Assessor, JudgementRole.Moderator }));
    }

    [Test]
    public async Task Marking_AssessorSeesOnlyAllocatedScripts()
    {
        var scripts = await ScriptsAsync();
        var tom = await UserId("assessor@npq.example");
        using var client = Factory.ClientFor("assessor@npq.example");
        var notHis = scripts.First(s => s.AssessorUserId != tom && s.ModeratorUserId != tom);

        var list = await client.GetStringAsync("/marking");
        var page = await client.GetAsync($"/marking/{notHis.Id}");
        var pdf = await client.GetAsync($"/final-assessment/scripts/{notHis.Id}/record.pdf");

        Assert.That(list, Does.Contain(scripts.First(s => s.AssessorUserId == tom).Reference));
        Assert.That(list, Does.Not.Contain(notHis.Reference));
        var toMark = scripts.Count(s => s.AssessorUserId == tom);
        Assert.That(list, Does.Contain($"Showing 1 to {toMark} of {toMark}."), "the list to mark is paged, with its total");
        var pastTheEnd = await client.GetAsync("/marking?page=99&size=7&mpage=abc&msize=100000");
        Assert.That(pastTheEnd.StatusCode, Is.EqualTo(HttpStatusCode.OK), "bad page numbers and sizes show page 1, never a 500");
        Assert.That(await pastTheEnd.Content.ReadAsStringAsync(), Does.Contain(scripts.First(s => s.AssessorUserId == tom).Reference));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(pdf.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Allocation_ToTheCandidatesMentor_IsRefusedWithAMessage()
    {
        var grace = await UserId("assessor2@npq.example");
        var scripts = await ScriptsAsync();
        var cohortId = scripts[0].CohortId;
        var mentored = scripts.First(s => Marking.GetMentorIdsAsync(s.CandidateUserId).Result.Contains(grace));
        var target = scripts.First(s => s.State == MarkingState.NotMarked && s.AssessorUserId is null);
        using var admin = Factory.ClientFor("admin@npq.example");
        var token = await Forms.TokenFromAsync(admin, $"/outcomes/{cohortId}");

        // Pretend the target script belonged to Grace's mentee: the service refuses the mentor whatever the form says.
        var refusal = await Factory.Services.CreateScope().ServiceProvider.GetRequiredService<MarkingAllocation>()
            .AllocateAsync(mentored.ToScript() with { State = MarkingState.NotMarked }, grace, mentored.Version, await UserId("admin@npq.example"));
        var bad = await admin.PostAsync($"/outcomes/{cohortId}/allocate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = token, ["ScriptId"] = target.Id.ToString(), ["Version"] = target.Version.ToString(), ["UserId"] = "",
        }));
        var page = await Html.ReadAsync(bad);

        Assert.That(refusal, Does.Contain("mentor"));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(page.QuerySelector($"#assessor-{target.Id}-error").Text(), Is.EqualTo("Choose an assessor."));
        var optionsForMentee = (await Html.ReadAsync(await admin.GetAsync($"/outcomes/{cohortId}"))).QuerySelectorAll($"#assessor-{mentored.Id} option").Select(o => o.GetAttribute("value"));
        Assert.That(optionsForMentee, Does.Not.Contain(grace.ToString()));
    }

    [Test]
    public async Task CohortBoard_Paged_CountsTheWholeCohortAndAnAllocationReturnsToThePageHoldingTheScript()
    {
        var scripts = await ScriptsAsync();
        var cohortId = scripts[0].CohortId;
        // Re-allocating a script in marking to its own assessor: the demo's states are left as other tests expect them.
        var target = scripts.First(s => s.State == MarkingState.InMarking && s.AssessorUserId is not null);
        var tom = target.AssessorUserId!.Value;
        using var admin = Factory.ClientFor("admin@npq.example");
        var token = await Forms.TokenFromAsync(admin, $"/outcomes/{cohortId}");

        var allocated = await admin.PostAsync($"/outcomes/{cohortId}/allocate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = token, ["ScriptId"] = target.Id.ToString(), ["Version"] = target.Version.ToString(), ["UserId"] = tom.ToString(), ["size"] = "50",
        }));
        var location = allocated.Headers.Location!.ToString();
        var back = await Html.ReadAsync(await admin.GetAsync(location));
        var pastTheEnd = await admin.GetAsync($"/outcomes/{cohortId}?page=99&size=100000&script=abc");
        var otherCohortsScript = await Html.ReadAsync(await admin.GetAsync($"/outcomes/{cohortId}?script=999999"));

        Assert.That(allocated.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(location, Does.Contain($"script={target.Id}").And.Contain("size=50"), "back to the page holding the script, at the size chosen");
        Assert.That(back.QuerySelector($"#script-{target.Id}"), Is.Not.Null, "the page shows the script just allocated");
        Assert.That(back.QuerySelector(".pager-status")!.TextContent, Does.Contain($"of {scripts.Count}"), "the total is the cohort's");
        Assert.That(pastTheEnd.StatusCode, Is.EqualTo(HttpStatusCode.OK), "bad page numbers show page 1, never a 500");
        Assert.That((await Html.ReadAsync(pastTheEnd)).QuerySelectorAll("table.allocation tbody tr"), Has.Length.EqualTo(Math.Min(25, scripts.Count)));
        Assert.That(otherCohortsScript.QuerySelectorAll("table.allocation tbody tr"), Has.Length.EqualTo(Math.Min(25, scripts.Count)), "a script not in the cohort: page 1");
    }

    [Test]
    public async Task Visibility_BeforeRelease_CandidateGetsNothing()
    {
        var pending = (await ScriptsAsync()).First(s => s.State == MarkingState.Moderated);
        var email = (await Service<UserRepository>().FindByIdAsync(pending.CandidateUserId))!.Email;
        using var candidate = Factory.ClientFor(email);

        var html = await candidate.GetStringAsync("/final-assessment");
        var page = Html.Parse(html);
        var record = await candidate.GetAsync($"/final-assessment/scripts/{pending.Id}/record.pdf");
        var certificate = await candidate.GetAsync($"/final-assessment/scripts/{pending.Id}/certificate.pdf");

        Assert.That(page.QuerySelector(".final-assessment").Text(), Does.Contain("being marked"));
        Assert.That(page.QuerySelectorAll("article.result"), Is.Empty);
        Assert.That(html, Does.Not.Contain(pending.AssessorComment));
        Assert.That(html, Does.Not.Contain(pending.ModeratorComment));
        Assert.That(html, Does.Not.Contain("certificate.pdf"));
        Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(certificate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Released_Pass_CandidateDownloadsRecordAndCertificate()
    {
        var passed = (await ScriptsAsync()).Single(s => s.State == MarkingState.Released && s.FinalOutcome == MarkingOutcome.Pass);
        using var candidate = Factory.ClientFor("zoe.obrien@npq.example");
        Assert.That(passed.CandidateName, Is.EqualTo("Zoë O’Brien"));

        var record = await candidate.GetAsync($"/final-assessment/scripts/{passed.Id}/record.pdf");
        var certificate = await candidate.GetAsync($"/final-assessment/scripts/{passed.Id}/certificate.pdf");
        using var recordPdf = PdfDocument.Open(await record.Content.ReadAsByteArrayAsync());
        using var certificatePdf = PdfDocument.Open(await certificate.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", recordPdf.GetPages().Select(p => p.Text));

        Assert.That(record.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(record.Content.Headers.ContentLength, Is.EqualTo((await record.Content.ReadAsByteArrayAsync()).Length));
        Assert.That(record.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(record.Content.Headers.ContentDisposition.FileNameStar, Is.EqualTo("final-assessment-record-zo-o-brien-npqsl.pdf"));
        Assert.That(record.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(certificate.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(text, Does.Contain("Zoë O’Brien"));
        Assert.That(text, Does.Contain("£12,500"));
        Assert.That(text, Does.Contain("‘quiet’"));
        Assert.That(text, Does.Contain("Outcome: Passed"));
        Assert.That(text, Does.Contain("Analyses the school’s context"));
        foreach (var p in recordPdf.GetPages())
        {
            Assert.That(p.Text, Does.Contain($"Page {p.Number} of {recordPdf.NumberOfPages}"));
        }

        Assert.That(certificatePdf.GetPage(1).Text, Does.Contain("Zoë O’Brien"));
        Assert.That(certificatePdf.GetPage(1).Text, Does.Contain("30 Master's credits"));
    }

    [Test]
    public async Task Released_Fail_HasNoCertificateAndOpensTheResubmission()
    {
        var failed = (await ScriptsAsync()).Single(s => s.State == MarkingState.Released && s.FinalOutcome == MarkingOutcome.Fail);
        var email = (await Service<UserRepository>().FindByIdAsync(failed.CandidateUserId))!.Email;
        using var candidate = Factory.ClientFor(email);
        var tasks = Service<Npq.Data.Portfolio.TaskRepository>();

        var certificate = await candidate.GetAsync($"/final-assessment/scripts/{failed.Id}/certificate.pdf");
        var attempts = await tasks.GetAttemptsAsync(failed.TaskId, failed.CandidateUserId);
        var notifications = await Service<NotificationRepository>().GetForUserAsync(failed.CandidateUserId, 10);

        Assert.That(certificate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(attempts.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(attempts[0].Result, Is.EqualTo(Npq.Core.Portfolio.SubmissionResult.Fail));
        Assert.That(notifications.Select(n => n.Kind), Does.Contain("assessment-released"));
        Assert.That(failed.CompletionDate, Is.Not.Null);
    }

    [Test]
    public async Task Marking_TwoSavesFromTheSameVersion_SecondGetsConflictAndKeepsItsText()
    {
        var tom = await UserId("assessor@npq.example");
        var script = (await ScriptsAsync()).First(s => s.AssessorUserId == tom && s.State == MarkingState.InMarking);
        using var first = Factory.ClientFor("assessor@npq.example");
        using var second = Factory.ClientFor("assessor@npq.example");
        var url = $"/marking/{script.Id}";
        var secondToken = await Forms.TokenFromAsync(second, url);

        var saved = await Forms.SubmitAsync(first, url, "form.marking-form", new Dictionary<string, string> { ["Comment"] = "First save wins", ["Command"] = "save" });
        var conflict = await second.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = secondToken, ["Version"] = script.Version.ToString(), ["Comment"] = "My long considered comment £ é", ["Command"] = "save",
            ["Criteria[0].CriterionId"] = "1", ["Criteria[0].Met"] = "met", ["Criteria[0].Comment"] = "typed by the second tab",
        }));
        var page = await Html.ReadAsync(conflict);

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(page.QuerySelector("#conflict").Text(), Does.Contain("Someone else saved"));
        Assert.That(page.QuerySelector("#conflict").Text(), Does.Contain("First save wins"), "the winner's saved comment is shown to compare");
        Assert.That(page.QuerySelector("#Comment").Text(), Is.EqualTo("My long considered comment £ é"));
        Assert.That(page.QuerySelector("#criterion-comment-0").Text(), Is.EqualTo("typed by the second tab"));
        Assert.That((await Marking.GetScriptAsync(script.Id))!.AssessorComment, Is.EqualTo("First save wins"));
    }

    [Test]
    public async Task Zip_HoldsOnePdfPerReleasedScript()
    {
        var scripts = await ScriptsAsync();
        using var admin = Factory.ClientFor("admin@npq.example");

        var started = await Forms.SubmitAsync(admin, $"/outcomes/{scripts[0].CohortId}", "form[action$='/archive']", new Dictionary<string, string>());
        var status = started.Headers.Location!.OriginalString;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string json;
        do
        {
            await Task.Delay(100);
            json = await admin.GetStringAsync($"{status}/progress");
        }
        while (!json.Contains("\"finished\":true") && DateTime.UtcNow < deadline);
        var download = await admin.GetAsync($"{status}/download");
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var other = Factory.ClientFor("assessor@npq.example");

        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/zip"));
        Assert.That(zip.Entries.Select(e => e.Name), Has.All.EndsWith(".pdf"));
        Assert.That(zip.Entries, Has.Count.EqualTo(scripts.Count(s => s.State == MarkingState.Released)));
        Assert.That((await other.GetAsync($"{status}/download")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Policy_BadPercent_ShowsMessageAndKeepsTypedValue()
    {
        var cohortId = (await ScriptsAsync())[0].CohortId;
        using var admin = Factory.ClientFor("admin@npq.example");

        var response = await Forms.SubmitAsync(admin, $"/outcomes/{cohortId}", "form[action$='/policy']", new Dictionary<string, string> { ["PolicyForm.ModerationSamplePercent"] = "150" });
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("#sample-error").Text(), Does.Contain("0 to 100"));
        Assert.That(page.QuerySelector("#sample")!.GetAttribute("value"), Is.EqualTo("150"));
    }
}

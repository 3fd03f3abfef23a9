using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;
using Npq.Web.Demo;
using UglyToad.PdfPig;

namespace Npq.Tests.Web.FinalAssessment;

/// <summary>
/// A hostile name and a 10,000-word script taken through marking and release, then read back from the real
/// endpoints: the name is literal text everywhere, every word survives pagination, and nothing is fetched.
/// </summary>
public sealed class AssessmentPdfEndpointTests : WebFixture
{
    private const string HostileName = "<img src=http://127.0.0.1:1/x>";
    private int _scriptId;

    [OneTimeSetUp]
    public async Task Start()
    {
        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserRepository>();
        var marking = services.GetRequiredService<MarkingRepository>();
        var tasks = services.GetRequiredService<TaskRepository>();
        var allocation = services.GetRequiredService<MarkingAllocation>();
        var scriptMarking = services.GetRequiredService<ScriptMarking>();
        var release = services.GetRequiredService<OutcomeRelease>();
        var admin = (await users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        var tom = (await users.FindByNormalizedEmailAsync("ASSESSOR@NPQ.EXAMPLE"))!.Id;
        var grace = (await users.FindByNormalizedEmailAsync("ASSESSOR2@NPQ.EXAMPLE"))!.Id;
        var cohort = (await marking.GetCohortsForAdminAsync(admin.Id)).Single(c => c.Name == FinalAssessmentDemoSeed.CohortName);
        var now = DateTime.UtcNow;

        var candidate = new AppUser { Email = "hostile@npq.example", NormalizedEmail = "HOSTILE@NPQ.EXAMPLE", DisplayName = HostileName, ProviderId = admin.ProviderId, CreatedUtc = now };
        await users.CreateAsync(candidate);
        await users.AddToRoleAsync(candidate.Id, Roles.Candidate);
        await services.GetRequiredService<EnrolmentRepository>().EnsureAsync(cohort.Id, candidate.Id, null, now);
        var taskId = (await marking.GetFinalTaskDatesAsync(cohort.Id)).Single().TaskId;
        var attempt = await tasks.EnsureFirstAttemptAsync(taskId, candidate.Id, cohort.Id, now);
        var body = LongAnswer();
        await tasks.SaveAttemptAsync(attempt with { State = SubmissionState.Submitted, Body = body, WordCount = WordCount.Of(body), SubmittedUtc = now, SubmittedByUserId = candidate.Id, UpdatedUtc = now }, attempt.Version);
        await marking.EnsureScriptsAsync(cohort.Id, now);
        var row = (await marking.GetScriptsForCandidateAsync(candidate.Id)).Single();
        _scriptId = row.Id;

        Assert.That(await allocation.AllocateAsync(row.ToScript(), tom, row.Version, admin.Id), Is.Null);
        var criteria = await marking.GetCriteriaAsync(cohort.CourseId);
        row = (await marking.GetScriptAsync(row.Id))!;
        var marked = await scriptMarking.SaveMarkingAsync(row, criteria.Select(c => new CriterionInput(c.Id, true, "Met: a ‘clear’ case, café budget of £300.")).ToList(), MarkingOutcome.Pass, "Secure.", true, row.Version, tom);
        Assert.That(marked.Status, Is.EqualTo(MarkingSaveStatus.Saved));
        row = (await marking.GetScriptAsync(row.Id))!;
        if (row.State == MarkingState.ReadyForModeration)
        {
            Assert.That(await allocation.AllocateModeratorAsync(row.ToScript(), grace, row.Version, admin.Id), Is.Null);
            row = (await marking.GetScriptAsync(row.Id))!;
            await scriptMarking.SaveModerationAsync(row, criteria.Select(c => new CriterionInput(c.Id, true, "Agree.")).ToList(), MarkingOutcome.Pass, "Agree.", row.Version, grace);
            await release.ApproveModeratedAsync(cohort.Id, admin.Id);
        }

        Assert.That((await release.ReleaseAsync(cohort.Id, admin.Id)).Select(s => s.Id), Does.Contain(_scriptId));
    }

    private static string LongAnswer()
    {
        var text = new StringBuilder("## My answer\n\n");
        for (var i = 1; i <= 10_000; i++)
        {
            text.Append('w').Append(i.ToString("D5"));
            text.Append(i % 120 == 0 ? "\n\n" : " ");
        }

        return text.ToString();
    }

    [Test]
    public async Task Record_TenThousandWords_PaginatesWithoutLossAndNumbersEveryPage()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        var response = await admin.GetAsync($"/final-assessment/scripts/{_scriptId}/record.pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).Where(w => w.Length == 6 && w[0] == 'w' && w.Skip(1).All(char.IsDigit)).ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(pdf.NumberOfPages, Is.GreaterThan(10));
        Assert.That(words, Has.Count.EqualTo(10_000));
        Assert.That(words.Distinct().Count(), Is.EqualTo(10_000));
        foreach (var page in pdf.GetPages())
        {
            Assert.That(page.Text, Does.Contain($"Page {page.Number} of {pdf.NumberOfPages}"));
        }
    }

    [Test]
    public async Task Record_HostileName_IsLiteralTextWithNoImages()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        using var pdf = PdfDocument.Open(await admin.GetByteArrayAsync($"/final-assessment/scripts/{_scriptId}/record.pdf"));
        var certificate = PdfDocument.Open(await admin.GetByteArrayAsync($"/final-assessment/scripts/{_scriptId}/certificate.pdf"));
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));

        Assert.That(pdf.GetPage(1).Text, Does.Contain(HostileName));
        Assert.That(text, Does.Contain("£300"));
        Assert.That(text, Does.Contain("café"));
        Assert.That(text, Does.Contain("‘clear’"));
        Assert.That(pdf.GetPages().SelectMany(p => p.GetImages()), Is.Empty);
        Assert.That(certificate.GetPage(1).Text, Does.Contain(HostileName));
        certificate.Dispose();
    }

    [Test]
    public async Task CohortPage_HostileName_IsEncoded()
    {
        using var admin = Factory.ClientFor("admin@npq.example");
        var row = await Service<MarkingRepository>().GetScriptAsync(_scriptId);

        var html = await admin.GetStringAsync($"/outcomes/{row!.CohortId}");

        Assert.That(html, Does.Not.Contain(HostileName));
        Assert.That(Html.Parse(html).QuerySelector($"#script-{_scriptId}").Text(), Does.Contain(HostileName));
        Assert.That(Html.Parse(html).QuerySelectorAll("img"), Is.Empty);
    }

    [Test]
    public async Task Audit_MarksAllocationAndReleaseAreRecorded()
    {
        var audit = Service<AuditLogRepository>();

        var entries = (await audit.FilterAsync(new AuditFilter(null, null, null, null), 0, 500)).Entries;
        var forScript = entries.Where(e => e.Subject == $"script:{_scriptId}").Select(e => e.Action).ToList();

        Assert.That(forScript, Does.Contain("assessment.allocate"));
        Assert.That(forScript, Does.Contain("assessment.mark-complete"));
        Assert.That(forScript, Does.Contain("assessment.release"));
    }
}

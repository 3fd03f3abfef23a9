using System.Net;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;
using Npq.Tests.Builders;
using Npq.Web.Features.Dfe.Fake;

namespace Npq.Tests.Web.Dfe;

/// <summary>
/// Changes made on Npq's own pages (inbox, enrolment, declarations, outcomes) queue their push to DfE by themselves when
/// the provider's DfE connection is on, with the reconcile page's keys; nothing is queued while it is off.
/// </summary>
public sealed partial class DfeSyncTests
{
    /// <summary>The course of the push tests: DfE's applications for it land only in their cohorts.</summary>
    private const string PushCourse = "npq-leading-behaviour-culture";

    private int? _pushCourseId;

    [Test]
    public async Task Push_ChangesMadeOnNpqPages_EachQueuedAndSentToDfe()
    {
        // A course of its own, so DfE's applications for it land in this cohort only.
        var courseId = await PushCourseAsync();
        var cohort = await _build.Cohorts.CohortAsync(courseId, "Push Cohort");
        var paula = Fake.AddApplication("Paula Push", "paula.push@school.example", "7000012", PushCourse, "2026", "b");
        var rory = Fake.AddApplication("Rory Refused", "rory.refused@school.example", "7000013", PushCourse, "2026", "b");
        await Pull();
        var mirror = Service<IDfeMirrorRepository>();
        var paulaApplication = await mirror.FindNpqApplicationAsync(_providerId, paula.Id);
        var roryApplication = await mirror.FindNpqApplicationAsync(_providerId, rory.Id);
        Assert.That(paulaApplication, Is.Not.Null);
        Assert.That(roryApplication, Is.Not.Null);
        var mark = _exchanges.Count;

        // Accepted and rejected in the inbox: each decision is queued by itself, and "send due pushes" sends them.
        var accepted = await Forms.SubmitAsync(Admin, $"/admin/applications/{paulaApplication}", $"form[action='/admin/applications/{paulaApplication}/accept']", new Dictionary<string, string>());
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var rejected = await Forms.SubmitAsync(Admin, $"/admin/applications/{roryApplication}", $"form[action='/admin/applications/{roryApplication}/reject']",
            new Dictionary<string, string> { ["reason"] = "The course is full of primary leaders this year." });
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var queued = await JobsAsync();
        Assert.That(queued.Select(j => j.IdempotencyKey), Does.Contain($"{_providerId}:accept:{paula.Id}").And.Contain($"{_providerId}:reject:{rory.Id}"),
            "the reconcile page's own keys, so its fix never queues them twice");
        await RunDueAsync();
        Assert.That(Fake.Applications[paula.Id].Status, Is.EqualTo("accepted"));
        Assert.That(Fake.Applications[rory.Id].Status, Is.EqualTo("rejected"));
        Assert.That((await JobsAsync()).Count(j => j.IdempotencyKey == $"{_providerId}:accept:{paula.Id}"), Is.EqualTo(1));

        // Deferred, then resumed, on the enrolment's page: both reach DfE, the deferral with DfE's reason code.
        await Pull();
        var paulaUser = await UserIdAsync("paula.push@school.example");
        var enrolment = (await Service<IEnrolmentRepository>().GetForCandidateAsync(paulaUser)).Single(e => e.CohortId == cohort).Id;
        var deferred = await Forms.SubmitAsync(Admin, $"/admin/enrolments/{enrolment}", $"form[action='/admin/enrolments/{enrolment}/status']",
            new Dictionary<string, string> { ["status"] = "Deferred", ["reason"] = "career-break" });
        Assert.That(deferred.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        Assert.That(EnrolmentAtDfe(paula.ParticipantId, PushCourse).TrainingStatus, Is.EqualTo("deferred"));
        Assert.That(EnrolmentAtDfe(paula.ParticipantId, PushCourse).Reason, Is.EqualTo("career-break"));
        var resumed = await Forms.SubmitAsync(Admin, $"/admin/enrolments/{enrolment}", $"form[action='/admin/enrolments/{enrolment}/resume']",
            new Dictionary<string, string> { ["cohortId"] = cohort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        Assert.That(EnrolmentAtDfe(paula.ParticipantId, PushCourse).TrainingStatus, Is.EqualTo("active"));

        // Started is justified (a webinar attended), declared on the declarations page, then voided there.
        var now = DateTime.UtcNow;
        var session = await _build.Webinars.SessionAsync(cohort, now.AddDays(-3));
        await _build.Webinars.SegmentAsync(session, paulaUser, now.AddDays(-3), now.AddDays(-3).AddMinutes(60));
        var declarations = $"/declarations/cohorts/{cohort}";
        var declare = $"form[action='/declarations/declare'][data-declaration='started']:has(input[name=enrolmentId][value='{enrolment}'])";
        var declared = await Forms.SubmitAsync(Admin, declarations, declare, new Dictionary<string, string>());
        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        var atDfe = Fake.Locked(() => Fake.Declarations.Where(d => d.ParticipantId == paula.ParticipantId).Select(d => (d.Id, d.DeclarationType, d.State)).ToList());
        Assert.That(atDfe, Has.Count.EqualTo(1));
        Assert.That(atDfe[0].DeclarationType, Is.EqualTo("started"));
        var voided = await Forms.SubmitAsync(Admin, declarations, "form[action='/declarations/void'][data-declaration='started']",
            new Dictionary<string, string> { ["reason"] = "Recorded against the wrong session" });
        Assert.That(voided.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        Assert.That(Fake.Locked(() => Fake.Declarations.Single(d => d.Id == atDfe[0].Id).State), Is.EqualTo("voided"));

        // The final assessment passed and released on the outcomes page: the outcome goes to DfE.
        var assessor = await _build.People.AssessorAsync("assessor@push.example", "Asa Assessor");
        await _build.Scripts.CriteriaAsync(courseId);
        await _build.Scripts.ModerationSampleAsync(cohort, 0);
        var final = await _build.Portfolio.TaskAsync(courseId, cohort, DateOnly.FromDateTime(now.AddDays(10)), Npq.Core.Portfolio.TaskKind.Final);
        await _build.Portfolio.SubmitAsync(final, paulaUser, now.AddDays(-1));
        var script = (await _build.Scripts.OpenAsync(cohort)).Single();
        await _build.Scripts.MarkAsync(script.Id, assessor, Npq.Core.FinalAssessment.MarkingOutcome.Pass);
        var released = await Forms.SubmitAsync(Admin, $"/outcomes/{cohort}", $"form[action='/outcomes/{cohort}/release']", new Dictionary<string, string>());
        Assert.That(released.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        // DfE refuses an outcome before the completed declaration: its error shows beside the push on /dfe.
        var refused = (await JobsAsync()).Single(j => j.Kind == DfeJobKind.SendOutcome && j.Payload.ParticipantId == paula.ParticipantId);
        Assert.That(refused.State, Is.EqualTo(DfeJobState.Failed));
        Assert.That(Html.Parse(await GetAsync("/dfe")).QuerySelector("#jobs")?.TextContent, Does.Contain("no completed declaration"));
        // Declaring completed (justified now the pass is released) sends it, and the outcome after it.
        var completed = await Forms.SubmitAsync(Admin, declarations, $"form[action='/declarations/declare'][data-declaration='completed']:has(input[name=enrolmentId][value='{enrolment}'])",
            new Dictionary<string, string>());
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await completed.Content.ReadAsStringAsync());
        await RunDueAsync();
        Assert.That(Fake.Locked(() => Fake.Declarations.Single(d => d.ParticipantId == paula.ParticipantId && d.DeclarationType == "completed").HasPassed), Is.True);
        Assert.That(Fake.Locked(() => Fake.Outcomes.Single(o => o.ParticipantId == paula.ParticipantId).State), Is.EqualTo("passed"));

        // DfE moves the completed declaration on (payable): after a pull, the DfE JSON export carries DfE's id and state.
        var completedId = Fake.Locked(() =>
        {
            var d = Fake.Declarations.Single(x => x.ParticipantId == paula.ParticipantId && x.DeclarationType == "completed");
            d.State = "payable";
            return d.Id;
        });
        await Pull();
        var export = await GetAsync($"/declarations/cohorts/{cohort}/declarations.json");
        Assert.That(DfeContract.Validate("ParticipantDeclarationsResponse", export, "declarations.json"), Is.Empty);
        using (var json = System.Text.Json.JsonDocument.Parse(export))
        {
            var states = json.RootElement.GetProperty("data").EnumerateArray()
                .ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("attributes").GetProperty("state").GetString());
            Assert.That(states, Does.ContainKey(completedId).WithValue("payable"));
            Assert.That(states, Does.ContainKey(atDfe[0].Id).WithValue("voided"));
        }

        // Withdrawn on the enrolment's page, with DfE's reason.
        var withdrawn = await Forms.SubmitAsync(Admin, $"/admin/enrolments/{enrolment}", $"form[action='/admin/enrolments/{enrolment}/status']",
            new Dictionary<string, string> { ["status"] = "Withdrawn", ["reason"] = "change-in-career" });
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await RunDueAsync();
        Assert.That(EnrolmentAtDfe(paula.ParticipantId, PushCourse).TrainingStatus, Is.EqualTo("withdrawn"));
        Assert.That(EnrolmentAtDfe(paula.ParticipantId, PushCourse).Reason, Is.EqualTo("change-in-career"));

        // Every push went once, in order, and kept the contract; none is left failed or waiting.
        var sent = _exchanges.Skip(mark).Where(e => e.Method != "GET")
            .Select(e => e.Method + " " + e.PathAndQuery[e.PathAndQuery.IndexOf("/api/v3/", StringComparison.Ordinal)..].Split('?')[0]).ToList();
        Assert.That(sent, Is.EqualTo(new[]
        {
            $"POST /api/v3/npq-applications/{paula.Id}/accept", $"POST /api/v3/npq-applications/{rory.Id}/reject",
            $"PUT /api/v3/participants/npq/{paula.ParticipantId}/defer", $"PUT /api/v3/participants/npq/{paula.ParticipantId}/resume",
            "POST /api/v3/participant-declarations", $"PUT /api/v3/participant-declarations/{atDfe[0].Id}/void",
            $"POST /api/v3/participants/npq/{paula.ParticipantId}/outcomes", "POST /api/v3/participant-declarations",
            $"POST /api/v3/participants/npq/{paula.ParticipantId}/outcomes", $"PUT /api/v3/participants/npq/{paula.ParticipantId}/withdraw",
        }));
        Assert.That(_exchanges.Skip(mark).SelectMany(DfeContract.Check).ToList(), Is.Empty);
        Assert.That((await JobsAsync()).Where(j => j.Payload.ParticipantId == paula.ParticipantId || j.Payload.DfeApplicationId is { } a && (a == paula.Id || a == rory.Id))
            .Select(j => j.State), Has.All.EqualTo(DfeJobState.Done));
        var page = Html.Parse(await GetAsync("/dfe"));
        Assert.That(page.QuerySelector("#jobs")?.TextContent, Does.Contain("withdraw").IgnoreCase);
    }

    [Test]
    public async Task Push_ConnectionOff_NothingQueued()
    {
        var courseId = await PushCourseAsync();
        var cohort = await _build.Cohorts.CohortAsync(courseId, "Push Off Cohort");
        var off = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/settings']", new Dictionary<string, string>
        {
            ["baseUrl"] = "http://localhost/fake-dfe", ["token"] = "", ["enabled"] = "false",
        });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        try
        {
            var before = (await JobsAsync()).Count;
            var dfe = new Npq.Tests.Builders.DfeIds("0d5a2f43-8c5e-4b4e-9d36-2b6f0c7e1a11", "5c3e9a70-1f2b-4d8c-a6e5-7b9d0c1e2f34", "7000014");
            var person = await _build.Cohorts.CandidateAsync(cohort, "olive.off@school.example", "Olive Off", dfe: dfe);
            await _build.Cohorts.ChangeStatusAsync(person.EnrolmentId, TrainingStatus.Deferred, "bereavement");

            var jobs = await JobsAsync();
            Assert.That(jobs, Has.Count.EqualTo(before));
            Assert.That(jobs.Select(j => j.IdempotencyKey), Has.None.Contains(dfe.ApplicationId!));
        }
        finally
        {
            var on = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/settings']", new Dictionary<string, string>
            {
                ["baseUrl"] = "http://localhost/fake-dfe", ["token"] = "", ["enabled"] = "true",
            });
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }
    }

    private async Task<int> PushCourseAsync() => _pushCourseId ??= await _build.Cohorts.CourseAsync(PushCourse);

    private Task<IReadOnlyList<DfeJob>> JobsAsync() => Service<IDfeOutbox>().RecentAsync(_providerId, 500);

    private FakeEnrolment EnrolmentAtDfe(string participantId, string course) =>
        Fake.Locked(() => Fake.Participants[participantId].Enrolments.Single(e => e.CourseIdentifier == course));
}

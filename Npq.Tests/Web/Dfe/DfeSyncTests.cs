using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;
using Npq.Tests.Builders;
using Npq.Web.Features.Dfe.Client;
using Npq.Web.Features.Dfe.Fake;

namespace Npq.Tests.Web.Dfe;

/// <summary>Released outcomes: the final assessment's, and some held in memory, so the cycle can release one without marking scripts.</summary>
public sealed class HeldOutcomes : IFinalOutcomeSource
{
    public ConcurrentDictionary<int, FinalOutcome> Outcomes { get; } = new();

    public IFinalOutcomeSource? Released { get; set; }

    public async Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        var all = Released is null ? new Dictionary<int, FinalOutcome>() : (await Released.GetReleasedOutcomesAsync(enrolmentIds, cancellationToken)).ToDictionary();
        foreach (var id in enrolmentIds.Where(Outcomes.ContainsKey))
        {
            all[id] = Outcomes[id];
        }

        return all;
    }
}

/// <summary>
/// The DfE sync end to end against the fake DfE, in process (<c>Dfe:Mode=Fake</c>; the "dfe" HttpClient reaches the
/// test server, and every exchange is recorded and checked against the v3 contract's schemas).
/// </summary>
public sealed partial class DfeSyncTests : WebFixture
{
    private const string Course = "npq-leading-literacy";
    private const string Token = "sync-test-token";
    private readonly ConcurrentQueue<DfeExchange> _exchanges = new();
    private readonly HeldOutcomes _outcomes = new();
    private Build _build = null!;
    private int _providerId;
    private int _cohortId;
    private int _courseId;
    private string _demoDeclarations = string.Empty;

    protected override NpqWebFactory CreateFactory() => new(
        new Dictionary<string, string?>
        {
            ["Dfe:Mode"] = "Fake",
            ["Dfe:Background"] = "false",
            ["Dfe:Fake:Token"] = Token,
            // Two a page, so every list the cycle reads crosses pages.
            ["Dfe:Client:PageSize"] = "2",
            ["Dfe:Client:MaxInlineWaitSeconds"] = "3",
        },
        services =>
        {
            services.AddTestAuthentication();
            services.AddSingleton<IFinalOutcomeSource>(sp =>
            {
                _outcomes.Released = sp.GetRequiredService<Npq.Data.FinalAssessment.FinalOutcomeRepository>();
                return _outcomes;
            });
            services.AddHttpClient(DfeHttpApi.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler())
                .AddHttpMessageHandler(() => new RecordingHandler(_exchanges));
        });

    private FakeDfeState Fake => Service<FakeDfeState>();

    private HttpClient Admin => Factory.ClientFor(Build.AdminEmail);

    [OneTimeSetUp]
    public async Task Connect()
    {
        _build = new Build(Factory.Services);
        _demoDeclarations = await GetAsync("/declarations");
        // The demo filled the fake DfE with its own candidates; the cycle starts from an empty DfE.
        Fake.Reset();
        _providerId = await _build.ProviderIdAsync();
        _courseId = await _build.Cohorts.CourseAsync(Course);
        _cohortId = await _build.Cohorts.CohortAsync(_courseId, "DfE Sync Cohort");
        var saved = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/settings']", new Dictionary<string, string>
        {
            ["baseUrl"] = "http://localhost/fake-dfe", ["token"] = Token, ["enabled"] = "true",
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task FullCycle_AgainstTheFakeDfe_EveryExchangeKeepsTheContract()
    {
        // A returning teacher: Npq already knows her (TRN on an earlier application) under another email address.
        var otherCohort = await _build.Cohorts.CohortAsync(_courseId, "Earlier Cohort");
        var known = await _build.Cohorts.CandidateAsync(otherCohort, "eve.known@school.example", "Eve Known", dfe: new Npq.Tests.Builders.DfeIds(null, null, "7000001"));
        var dara = Fake.AddApplication("Dara Quinn", "dara.quinn@school.example", "7654321", Course, "2026", "b");
        var eve = Fake.AddApplication("Eve Known", "eve.new-address@school.example", "7000001", Course, "2026", "b");
        var nobody = Fake.AddApplication("Nadia Nocohort", "nadia@school.example", null, Course, "2024", "a");

        // 1. Pull (on demand, through the admin's page): the applications land in the inbox, matched, never twice.
        Fake.ThrottleNext(1, 1);
        var pulled = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/pull']", new Dictionary<string, string>());
        var pullPage = await pulled.Content.ReadAsStringAsync();
        Assert.That(pulled.StatusCode, Is.EqualTo(HttpStatusCode.OK), pullPage);
        Assert.That(pullPage, Does.Contain("Pulled from DfE: 3 applications (2 new in the inbox)"));
        Assert.That(_exchanges.Count(e => e.Status == 429), Is.EqualTo(1), "the read answered 429 was asked again after Retry-After");
        var again = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/pull']", new Dictionary<string, string>());
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("(0 new in the inbox)"));

        var mirror = Service<IDfeMirrorRepository>();
        var daraApplication = await mirror.FindNpqApplicationAsync(_providerId, dara.Id);
        var eveApplication = await mirror.FindNpqApplicationAsync(_providerId, eve.Id);
        Assert.That(daraApplication, Is.Not.Null);
        var inbox = (await _build.RunAsync<ApplicationReview, (InboxPage Page, bool FromStart)>(null, r => r.InboxPageAsync(_providerId, new ApplicationFilter { CohortId = _cohortId }, false, 0, 50))).Page;
        Assert.That(inbox.Applications.Count(a => a.Application.DfeApplicationId == dara.Id), Is.EqualTo(1));
        var eveView = inbox.Applications.Single(a => a.Application.Id == eveApplication);
        Assert.That(eveView.Application.ApplicantUserId, Is.EqualTo(known.UserId), "matched by TRN to the person Npq knows, not a new account");
        Assert.That(eveView.Application.DfeParticipantId, Is.EqualTo(eve.ParticipantId));
        Assert.That((await mirror.GetApplicationsAsync(_providerId)).Single(a => a.DfeApplicationId == nobody.Id).Problem, Does.Contain("No cohort"));

        // 2. Accept in Npq; the reconcile page offers "Accept at DfE"; sending it accepts at DfE.
        var adminId = (await _build.AdminAsync()).Id;
        var found = await _build.RunAsync<ApplicationReview, ApplicationCase?>(null, r => r.FindAsync(_providerId, daraApplication!.Value));
        var accepted = await _build.RunAsync<ApplicationReview, Decision>(null, r => r.AcceptAsync(found!, null, new ActingUser(adminId)));
        Assert.That(accepted.Outcome, Is.EqualTo(DecisionOutcome.Done));
        await FixAsync($"accept:{dara.Id}");
        Assert.That(Fake.Applications[dara.Id].Status, Is.EqualTo("accepted"));

        // Eve's application is refused in Npq: DfE is told.
        var eveCase = await _build.RunAsync<ApplicationReview, ApplicationCase?>(null, r => r.FindAsync(_providerId, eveApplication!.Value));
        var rejected = await _build.RunAsync<ApplicationReview, Decision>(null, r => r.RejectAsync(eveCase!, "The cohort is for primary leaders.", new ActingUser(adminId)));
        Assert.That(rejected.Outcome, Is.EqualTo(DecisionOutcome.Done));
        await FixAsync($"reject:{eve.Id}");
        Assert.That(Fake.Applications[eve.Id].Status, Is.EqualTo("rejected"));

        // 3. Dara attends, submits a task, passes: started, retained-1 and completed are declared in Npq, then sent.
        var daraUser = await UserIdAsync("dara.quinn@school.example");
        var enrolment = (await Service<IEnrolmentRepository>().GetForCandidateAsync(daraUser)).Single(e => e.CohortId == _cohortId).Id;
        var now = DateTime.UtcNow;
        var session = await _build.Webinars.SessionAsync(_cohortId, now.AddDays(-3));
        await _build.Webinars.SessionAsync(_cohortId, now.AddDays(30));
        await _build.Webinars.SegmentAsync(session, daraUser, now.AddDays(-3), now.AddDays(-3).AddMinutes(60));
        var task = await _build.Portfolio.TaskAsync(_courseId, _cohortId, DateOnly.FromDateTime(now.AddDays(10)));
        await _build.Portfolio.SubmitAsync(task, daraUser, now.AddDays(-2));
        _outcomes.Outcomes[enrolment] = new FinalOutcome(enrolment, OutcomeState.Passed, DateOnly.FromDateTime(now.AddDays(-1)), now.AddHours(-1));
        foreach (var type in new[] { "started", "retained-1", "completed" })
        {
            var change = await DeclareInNpqAsync(enrolment, type);
            Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.Done), change.Problem);
        }

        await Pull();
        var page = await ReconcilePageAsync();
        Assert.That(page, Does.Contain("Declare to DfE").And.Contain("Send outcome to DfE"));
        await FixAsync(null);
        var declared = Fake.Locked(() => Fake.Declarations.Where(d => d.ParticipantId == dara.ParticipantId).Select(d => (d.DeclarationType, d.State, d.HasPassed)).ToList());
        Assert.That(declared.Select(d => d.DeclarationType), Is.EquivalentTo(new[] { "started", "retained-1", "completed" }));
        Assert.That(declared.Single(d => d.DeclarationType == "completed").HasPassed, Is.True);
        Assert.That(Fake.Locked(() => Fake.Outcomes.Single(o => o.ParticipantId == dara.ParticipantId).State), Is.EqualTo("passed"));
        var records = await _build.RunAsync<CohortDeclarations, CohortReview?>(null, d => d.ReviewAsync(ReportScope.ForProvider(_providerId), _cohortId));
        var live = records!.Lines.Single(l => l.Candidate.EnrolmentId == enrolment).Items.Select(i => i.Live!).ToList();
        Assert.That(live.Select(r => r.DfeDeclarationId), Has.All.Matches<string?>(Npq.Core.Dfe.DfeIds.IsUuid), "DfE's declaration ids are kept on Npq's records");

        // Pushes are idempotent: the same change is queued once, and a declaration sent again (a worker that died after
        // DfE answered) adopts the one DfE holds instead of declaring twice.
        var outbox = Service<IDfeOutbox>();
        var sentStarted = (await outbox.RecentAsync(_providerId, 50)).Single(j => j.Kind == DfeJobKind.Declare && j.Payload.DeclarationType == "started" && j.Payload.ParticipantId == dara.ParticipantId);
        Assert.That(await outbox.EnqueueAsync(sentStarted with { Id = 0 }), Is.False);
        var before = Fake.Locked(() => Fake.Declarations.Count);
        Assert.That(await outbox.EnqueueAsync(sentStarted with { Id = 0, IdempotencyKey = "test:declare-again", NextAttemptUtc = DateTime.UtcNow.AddSeconds(-1) }), Is.True);
        await RunDueAsync();
        Assert.That(Fake.Locked(() => Fake.Declarations.Count), Is.EqualTo(before));
        var redeclared = (await outbox.RecentAsync(_providerId, 50)).Single(j => j.IdempotencyKey == "test:declare-again");
        Assert.That(redeclared.State, Is.EqualTo(DfeJobState.Done));
        Assert.That(redeclared.Result, Does.Contain(live.Single(r => r.Type == DeclarationType.Started).DfeDeclarationId));

        // 4. A void: Npq voids retained-1; DfE is told.
        var retained = live.Single(r => r.Type == DeclarationType.Retained1);
        var voided = await _build.RunAsync<CohortDeclarations, DeclarationChange>(null, d =>
            d.VoidAsync(ReportScope.ForProvider(_providerId), _cohortId, retained.Id, retained.Version, "Attendance corrected", new ReportActor(adminId, null)));
        Assert.That(voided.Status, Is.EqualTo(DeclarationChangeStatus.Done));
        await FixAsync($"void:{retained.Id}");
        Assert.That(Fake.Locked(() => Fake.Declarations.Single(d => d.Id == retained.DfeDeclarationId).State), Is.EqualTo("voided"));

        // 5. A deferral, first answered 429: the job waits DfE's Retry-After, then goes.
        await _build.Cohorts.ChangeStatusAsync(enrolment, TrainingStatus.Deferred, "parental-leave");
        Fake.ThrottleNext(1, 1);
        await FixAsync(null);
        var deferJob = (await Service<IDfeOutbox>().RecentAsync(_providerId, 20)).First(j => j.Kind == DfeJobKind.Defer && j.Payload.ParticipantId == dara.ParticipantId);
        Assert.That(deferJob.State, Is.EqualTo(DfeJobState.Pending));
        Assert.That(deferJob.LastStatus, Is.EqualTo(429));
        Assert.That(deferJob.NextAttemptUtc - DateTime.UtcNow, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(1.1)), "Retry-After: 1 honoured, not the 30 s backoff");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunDueAsync();
        Assert.That(EnrolmentAtDfe(dara.ParticipantId).TrainingStatus, Is.EqualTo("deferred"));
        Assert.That(EnrolmentAtDfe(dara.ParticipantId).Reason, Is.EqualTo("parental-leave"));

        // 6. DfE merges Dara's participant record: the resume answers 410, Npq follows the id change and resumes.
        var newId = Fake.Merge(dara.ParticipantId);
        await _build.Cohorts.ChangeStatusAsync(enrolment, TrainingStatus.Active);
        await FixAsync(null);
        Assert.That(_exchanges.Any(e => e.Status == 410), Is.True, "DfE answered 410 to the old id");
        Assert.That(EnrolmentAtDfe(newId).TrainingStatus, Is.EqualTo("active"));
        var afterMerge = await _build.RunAsync<ApplicationReview, ApplicationCase?>(null, r => r.FindAsync(_providerId, daraApplication!.Value));
        Assert.That(afterMerge!.Application.Application.DfeParticipantId, Is.EqualTo(newId), "Npq keeps DfE's new participant id");

        // Finally: nothing left to fix for Dara, and every exchange kept the contract.
        await Pull();
        var final = await ReconcilePageAsync();
        Assert.That(Html.Parse(final).QuerySelectorAll("tr[data-key]").Select(r => r.GetAttribute("data-key")).Where(k => k!.Contains(newId, StringComparison.Ordinal) || k!.Contains(dara.Id, StringComparison.Ordinal)), Is.Empty);
        var problems = _exchanges.Where(e => e.Status is not (429 or 410)).SelectMany(DfeContract.Check).ToList();
        Assert.That(problems, Is.Empty);
        Assert.That(_exchanges.Select(e => e.Method + " " + e.PathAndQuery.Split('?')[0]), Has.Some.Contains("/participant-declarations").And.Some.Contains("/outcomes").And.Some.Contains("/defer"));
    }

    [Test]
    public async Task Demo_DfeExports_HaveContentThatKeepsTheContract()
    {
        var cohort = Html.Parse(_demoDeclarations).QuerySelectorAll("a[href^='/declarations/cohorts/']")
            .Single(a => a.Text().Contains("Spring 2025", StringComparison.Ordinal)).GetAttribute("href");
        var json = await GetAsync(cohort + "/declarations.json");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");

        Assert.That(data.GetArrayLength(), Is.GreaterThan(0));
        Assert.That(DfeContract.Validate("ParticipantDeclarationsResponse", json, "declarations.json"), Is.Empty);
        var outcomes = await GetAsync(cohort + "/outcomes.json");
        Assert.That(DfeContract.Validate("ParticipantOutcomesResponse", outcomes, "outcomes.json"), Is.Empty);
        Assert.That(outcomes, Does.Contain("participant_id"));
    }

    [Test]
    public void Contract_CatchesAnExchangeThatBreaksIt()
    {
        var bad = new DfeExchange("POST", "/api/v3/participant-declarations",
            """{"data":{"type":"participant-declaration","attributes":{"participant_id":"not-a-uuid","declaration_type":"started","declaration_date":"2026-01-01T00:00:00Z","course_identifier":"npq-senior-leadership"}}}""",
            200, """{"data":{"id":"d0b4a32e-a272-489e-b30a-cb17131457fc","type":"participant-declaration","attributes":{"state":"bogus"}}}""");
        var problems = DfeContract.Check(bad);

        Assert.That(problems, Has.Some.Contains("request"), "a participant id that is not a UUID");
        Assert.That(problems, Has.Some.Contains("response 200"), "an unknown state and missing attributes");
        Assert.That(DfeContract.Check(bad with { PathAndQuery = "/api/v3/participant-declarations?page[colour]=red", Method = "GET", RequestBody = null, ResponseBody = """{"data":[]}""" }),
            Has.Some.Contains("page[colour]"));
    }

    [Test]
    public async Task Settings_TokenNeverShownAndBadAddressRefused()
    {
        var page = await (await Admin.GetAsync("/dfe")).Content.ReadAsStringAsync();
        Assert.That(page, Does.Not.Contain(Token));
        Assert.That(page, Does.Contain("token kept"));

        var bad = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/settings']", new Dictionary<string, string>
        {
            ["baseUrl"] = "http://dfe.example.com", ["token"] = "", ["enabled"] = "true",
        });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var text = await bad.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("must start with https://"));
        Assert.That(text, Does.Contain("http://dfe.example.com"), "what was typed is kept");
        Assert.That((await Service<IDfeConnectionRepository>().GetAsync(_providerId))!.BaseUrl, Is.EqualTo("http://localhost/fake-dfe"), "nothing saved");
        var logs = string.Join("\n", Directory.Exists(Factory.LogFolder) ? Directory.GetFiles(Factory.LogFolder).Select(File.ReadAllText) : []);
        Assert.That(logs, Does.Not.Contain(Token));
    }

    [Test]
    public async Task Pages_NotAProviderAdmin_Refused()
    {
        var candidate = await _build.People.CandidateAsync("curious@dfe.example", "Curious Candidate");
        var client = Factory.ClientFor("curious@dfe.example");
        Assert.That((await client.GetAsync("/dfe")).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
        Assert.That((await client.GetAsync($"/dfe/cohorts/{_cohortId}")).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
        Assert.That(candidate, Is.Positive);
    }

    [Test]
    public async Task Apply_DfeIdsNotInDfesShape_ClearMessagesAndNothingStored()
    {
        await _build.People.CandidateAsync("applicant@dfe.example", "Ann Applicant");
        var client = Factory.ClientFor("applicant@dfe.example");
        var answer = await Forms.SubmitAsync(client, $"/cohorts/{_cohortId}/apply", "form.apply-form", new Dictionary<string, string>
        {
            ["Form.SchoolName"] = "Hill School", ["Form.Role"] = "Teacher", ["Form.Qualification"] = "Qts", ["Form.QualificationGainedOn"] = "2015-07-01",
            ["Form.YearsTeachingSince"] = "6", ["Form.FundingRoute"] = "School",
            ["Form.Trn"] = "12345", ["Form.DfeParticipantId"] = "participant-1", ["Form.DfeApplicationId"] = "d0b4a32e-a272-489e-b30a-cb17131457fc",
        });
        var page = await answer.Content.ReadAsStringAsync();

        Assert.That(answer.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page, Does.Contain("7 digits").And.Contain("participant id is a UUID"));
        Assert.That(page, Does.Contain("participant-1"), "what was typed is kept");
        var mine = await _build.RunAsync<ApplicationIntake, IReadOnlyList<ApplicationView>>(null, i => i.MineAsync(_build.UserIdAsync("applicant@dfe.example").Result));
        Assert.That(mine, Is.Empty);
    }

    [Test]
    public async Task Link_IdsNotUuids_400WithMessagesAndNothingRecorded()
    {
        var cohort = await _build.Cohorts.CohortAsync(_courseId, "Link Cohort");
        var person = await _build.Cohorts.CandidateAsync(cohort, "lee.link@dfe.example", "Lee Link");
        var page = $"/dfe/cohorts/{cohort}";

        var answer = await Forms.SubmitAsync(Admin, page, $"form.link-form[data-enrolment='{person.EnrolmentId}']",
            new Dictionary<string, string> { ["participantId"] = "P-12", ["applicationId"] = "" });
        var text = await answer.Content.ReadAsStringAsync();

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(text, Does.Contain("participant id is a UUID").And.Contain("Enter DfE&#x27;s application id"));
        Assert.That(Html.Parse(text).QuerySelector($"#participant-{person.EnrolmentId}")?.GetAttribute("value"), Is.EqualTo("P-12"));

        var ok = await Forms.SubmitAsync(Admin, page, $"form.link-form[data-enrolment='{person.EnrolmentId}']", new Dictionary<string, string>
        {
            ["participantId"] = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", ["applicationId"] = "f0de7abf-399b-4e68-83de-2c33b503810c",
        });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var links = await Service<IDfeMirrorRepository>().GetEnrolmentLinksAsync(cohort);
        Assert.That(links.Single(l => l.EnrolmentId == person.EnrolmentId).ParticipantId, Is.EqualTo("7a8fef46-3c43-42c0-b3d5-1ba5904ba562"));
    }

    [Test]
    public async Task Reconcile_UnknownCohort_NotFound()
    {
        Assert.That((await Admin.GetAsync("/dfe/cohorts/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task FakeDfe_WrongToken_Unauthorised()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        var answer = await client.GetAsync("/fake-dfe/api/v3/npq-applications");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(DfeContract.Check(new DfeExchange("GET", "/api/v3/npq-applications", null, 401, await answer.Content.ReadAsStringAsync())), Is.Empty);
    }

    private FakeEnrolment EnrolmentAtDfe(string participantId) => Fake.Locked(() => Fake.Participants[participantId].Enrolments.Single(e => e.CourseIdentifier == Course));

    private Task<DeclarationChange> DeclareInNpqAsync(int enrolment, string type) =>
        _build.RunAsync<CohortDeclarations, DeclarationChange>(null, async d =>
            await d.DeclareAsync(ReportScope.ForProvider(_providerId), _cohortId, enrolment, type, null, new ReportActor((await _build.AdminAsync()).Id, null)));

    private async Task<string> GetAsync(string url)
    {
        var answer = await Admin.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>Presses "Send due pushes now".</summary>
    private async Task RunDueAsync()
    {
        var run = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/jobs/run']", new Dictionary<string, string>());
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    private async Task Pull()
    {
        var pulled = await Forms.SubmitAsync(Admin, "/dfe", "form[action='/dfe/pull']", new Dictionary<string, string>());
        Assert.That(pulled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await pulled.Content.ReadAsStringAsync());
    }

    private async Task<string> ReconcilePageAsync()
    {
        var answer = await Admin.GetAsync($"/dfe/cohorts/{_cohortId}");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>Presses "Send all" (key null) or one difference's button on the reconcile page.</summary>
    private async Task FixAsync(string? key)
    {
        var selector = key is null
            ? $"form[action='/dfe/cohorts/{_cohortId}/fix']:not(:has(input[name=key]))"
            : $"form:has(input[name=key][value='{key}'])";
        var page = Html.Parse(await ReconcilePageAsync());
        if (key is null && page.QuerySelector(selector) is null)
        {
            // One difference only: its own button.
            selector = $"form[action='/dfe/cohorts/{_cohortId}/fix']";
        }

        var sent = await Forms.SubmitAsync(Admin, $"/dfe/cohorts/{_cohortId}", selector, new Dictionary<string, string>());
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }
}

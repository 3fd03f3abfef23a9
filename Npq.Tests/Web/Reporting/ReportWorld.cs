using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>Released outcomes held in memory: the tests' stand-in for the final assessment feature.</summary>
public sealed class FakeFinalOutcomes : IFinalOutcomeSource
{
    public Dictionary<int, FinalOutcome> Outcomes { get; } = [];

    public Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<int, FinalOutcome>>(enrolmentIds.Where(Outcomes.ContainsKey).ToDictionary(id => id, id => Outcomes[id]));
}

/// <summary>
/// One application with a hand-built cohort, shared by the report tests that only read (and add declarations to
/// their own candidates). Ada is at Hill School, mentored by Mo; Ben (a formula for a name) is at Dale School with
/// no mentor; Cat is at Hill School, withdrawn, mentored by Nia.
/// </summary>
public sealed class ReportWorld
{
    public const string AdaEmail = "ada@reports.example";
    public const string BenName = "=HYPERLINK(\"http://x\",\"y\")";
    public const string HillHeadEmail = "head@hill.example";
    public const string MoEmail = "mo@reports.example";
    public const string AdminEmail = "admin@npq.example";
    public const string AdaParticipantId = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562";
    public const string AdaApplicationId = "db3a7848-7308-4879-942a-c4a70ced400a";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ReportWorld? _instance;

    private ReportWorld(NpqWebFactory factory, FakeFinalOutcomes outcomes)
    {
        Factory = factory;
        Outcomes = outcomes;
    }

    public NpqWebFactory Factory { get; }
    public FakeFinalOutcomes Outcomes { get; }
    public int CohortId { get; private set; }
    public int PartnerId { get; private set; }
    public int AdaEnrolment { get; private set; }
    public int BenEnrolment { get; private set; }
    public int CatEnrolment { get; private set; }
    public int StatementsTotal { get; private set; }

    public static async Task<ReportWorld> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                var outcomes = new FakeFinalOutcomes();
                var factory = new NpqWebFactory(configureServices: s =>
                {
                    s.AddTestAuthentication();
                    s.AddSingleton<IFinalOutcomeSource>(outcomes);
                });
                var world = new ReportWorld(factory, outcomes);
                await world.BuildAsync();
                _instance = world;
            }

            return _instance;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static void DisposeShared()
    {
        _instance?.Factory.Dispose();
        _instance = null;
    }

    private static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private async Task BuildAsync()
    {
        _ = Factory.Server; // starts the app: migrations and demo seed
        var data = new ReportData(Factory.Services);
        StatementsTotal = data.StatementIds.Count;
        var hill = await data.SchoolAsync("Hill School");
        var dale = await data.SchoolAsync("Dale School");
        var mo = await data.UserAsync(MoEmail, "Mo Mentor", Roles.Mentor);
        var nia = await data.UserAsync("nia@reports.example", "Nia Mentor", Roles.Mentor);
        await data.UserAsync(HillHeadEmail, "Hana Head", Roles.Headteacher, hill);
        var ada = await data.UserAsync(AdaEmail, "Ada Lovelace", Roles.Candidate, hill);
        var ben = await data.UserAsync("ben@reports.example", BenName, Roles.Candidate, dale);
        var cat = await data.UserAsync("cat@reports.example", "Cat Withdrawn", Roles.Candidate, hill);

        var course = await data.CourseAsync("npq-leading-teaching", leadership: false);
        PartnerId = await data.PartnerAsync("Test Partner");
        CohortId = await data.CohortAsync(course, "Report Test Cohort", PartnerId);
        AdaEnrolment = await data.EnrolAsync(CohortId, ada, mo);
        BenEnrolment = await data.EnrolAsync(CohortId, ben, null);
        CatEnrolment = await data.EnrolAsync(CohortId, cat, nia, "Withdrawn");
        await data.ApplicationAsync(CohortId, ada, AdaParticipantId, AdaApplicationId);

        var s1 = await data.SessionAsync(CohortId, At(3, 2, 10));
        var s2 = await data.SessionAsync(CohortId, At(3, 9, 10));
        var s3 = await data.SessionAsync(CohortId, At(3, 16, 10));
        var s4 = await data.SessionAsync(CohortId, At(3, 23, 10));
        await data.SessionAsync(CohortId, At(3, 30, 10), cancelled: true);
        await data.SessionAsync(CohortId, new DateTime(2030, 1, 1, 10, 0, 0, DateTimeKind.Utc));

        // S1: the same 40 minutes twice (a join and an import). Merged that is 40 of 60 minutes: under 75%, missed.
        await data.SegmentAsync(s1, ada, At(3, 2, 10), At(3, 2, 10, 40));
        await data.SegmentAsync(s1, ada, At(3, 2, 10), At(3, 2, 10, 40));
        // S2: 50 minutes, from before the start (clipped) to 10:50: attended.
        await data.SegmentAsync(s2, ada, At(3, 9, 9, 50), At(3, 9, 10, 50));
        // S3: excused, left out. S4: there all along, but the register says absent: missed.
        await data.MarkAsync(s3, ada, "Excused", mo);
        await data.SegmentAsync(s4, ada, At(3, 23, 10), null);
        await data.MarkAsync(s4, ada, "Absent", mo);

        var ids = data.StatementIds;
        await data.EvidenceAsync(ada, At(2, 1, 12), draft: false, ids[0], ids[1]);
        await data.EvidenceAsync(ada, At(2, 2, 12), draft: false, ids[1], ids[2], "statement-that-no-longer-exists");
        await data.EvidenceAsync(ada, At(2, 3, 12), draft: true, ids[3]);

        var t1 = await data.TaskAsync(course, CohortId, new DateOnly(2026, 3, 10));
        var t2 = await data.TaskAsync(course, CohortId, new DateOnly(2026, 4, 10));
        await data.TaskAsync(course, CohortId, new DateOnly(2026, 5, 10));
        await data.TaskAsync(course, CohortId, new DateOnly(2030, 6, 1), "Final");
        await data.SubmitAsync(t1, ada, CohortId, At(3, 9, 18));
        await data.SubmitAsync(t2, ada, CohortId, At(4, 12, 9));

        await data.ProgressAsync(ada, CohortId, mo, At(3, 1, 9), ("school-culture", "Developing"), ("teaching", "Secure"));
        await data.ProgressAsync(ada, CohortId, mo, At(4, 1, 9), ("school-culture", "Emerging"), ("teaching", "Secure"));

        Outcomes.Outcomes[AdaEnrolment] = new FinalOutcome(AdaEnrolment, OutcomeState.Passed, new DateOnly(2026, 7, 15), At(7, 20, 12));
    }
}

[SetUpFixture]
public sealed class ReportWorldTearDown
{
    [OneTimeTearDown]
    public void TearDown() => ReportWorld.DisposeShared();
}

using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Core.Webinars;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>Released outcomes held in memory: the tests' stand-in for the final assessment feature.</summary>
public sealed class FakeFinalOutcomes : IFinalOutcomeSource
{
    public Dictionary<int, FinalOutcome> Outcomes { get; } = [];

    /// <summary>Every enrolment whose outcome was asked for, in order.</summary>
    public List<int> Asked { get; } = [];

    public Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        Asked.AddRange(enrolmentIds);
        return Task.FromResult<IReadOnlyDictionary<int, FinalOutcome>>(enrolmentIds.Where(Outcomes.ContainsKey).ToDictionary(id => id, id => Outcomes[id]));
    }
}

/// <summary>
/// The report tests' cohort, built through the builders (so through the app's use cases) into a fixture's own
/// application: Ada is at Hill School, mentored by Mo; Ben (a formula for a name) is at Dale School with no mentor;
/// Cat is at Hill School, withdrawn, mentored by Nia. Only Ada's application carries DfE's ids.
/// </summary>
public sealed class ReportWorld
{
    public const string AdaEmail = "ada@reports.example";
    public const string BenName = "=HYPERLINK(\"http://x\",\"y\")";
    public const string HillHeadEmail = "head@hill.example";
    public const string MoEmail = "mo@reports.example";
    public const string AdminEmail = Build.AdminEmail;
    public const string AdaParticipantId = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562";
    public const string AdaApplicationId = "db3a7848-7308-4879-942a-c4a70ced400a";
    public const string RetiredStatementId = "statement-that-no-longer-exists";

    public int CohortId { get; private init; }
    public int PartnerId { get; private init; }
    public int HillSchoolId { get; private init; }
    public int MoId { get; private init; }
    public int AdaEnrolment { get; private init; }
    public int BenEnrolment { get; private init; }
    public int CatEnrolment { get; private init; }
    public int StatementsTotal { get; private init; }

    /// <summary>Ada's latest progress update: school culture Emerging, every other area Secure.</summary>
    public int AdaLatestRatingSum { get; private init; }

    /// <summary>Ada's update before it: school culture Developing, every other area Secure.</summary>
    public int AdaPreviousRatingSum { get; private init; }

    private static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Builds the world into the application <paramref name="build"/> writes to; Ada's outcome goes into <paramref name="outcomes"/>.</summary>
    public static async Task<ReportWorld> BuildAsync(Build build, FakeFinalOutcomes outcomes)
    {
        var hill = await build.People.SchoolAsync("Hill School");
        var dale = await build.People.SchoolAsync("Dale School");
        var mo = await build.People.MentorAsync(MoEmail, "Mo Mentor");
        var nia = await build.People.MentorAsync("nia@reports.example", "Nia Mentor");
        await build.People.HeadteacherAsync(HillHeadEmail, "Hana Head", hill);

        var course = await build.Cohorts.CourseAsync("npq-leading-teaching");
        var partner = await build.People.PartnerAsync("Test Partner");
        var cohort = await build.Cohorts.CohortAsync(course, "Report Test Cohort", partner);
        var ada = await build.Cohorts.CandidateAsync(cohort, AdaEmail, "Ada Lovelace", hill, mo, new DfeIds(AdaParticipantId, AdaApplicationId));
        var ben = await build.Cohorts.CandidateAsync(cohort, "ben@reports.example", BenName, dale);
        var cat = await build.Cohorts.CandidateAsync(cohort, "cat@reports.example", "Cat Withdrawn", hill, nia);
        await build.Cohorts.WithdrawAsync(cat.EnrolmentId);

        var s1 = await build.Webinars.SessionAsync(cohort, At(3, 2, 10));
        var s2 = await build.Webinars.SessionAsync(cohort, At(3, 9, 10));
        var s3 = await build.Webinars.SessionAsync(cohort, At(3, 16, 10));
        var s4 = await build.Webinars.SessionAsync(cohort, At(3, 23, 10));
        await build.Webinars.SessionAsync(cohort, At(3, 30, 10), cancelled: true);
        await build.Webinars.SessionAsync(cohort, new DateTime(2030, 1, 1, 10, 0, 0, DateTimeKind.Utc));

        // S1: the same 40 minutes imported twice. Merged that is 40 of 60 minutes: under 75%, missed.
        await build.Webinars.SegmentAsync(s1, ada.UserId, At(3, 2, 10), At(3, 2, 10, 40));
        await build.Webinars.SegmentAsync(s1, ada.UserId, At(3, 2, 10), At(3, 2, 10, 40));
        // S2: 50 minutes, from before the start (clipped) to 10:50: attended.
        await build.Webinars.SegmentAsync(s2, ada.UserId, At(3, 9, 9, 50), At(3, 9, 10, 50));
        // S3: excused, left out. S4: there all along, but the register says absent: missed.
        await build.Webinars.MarkAsync(s3, ada.UserId, RegisterMark.Excused, mo, At(3, 16, 12));
        await build.Webinars.SegmentAsync(s4, ada.UserId, At(3, 23, 10), null);
        await build.Webinars.MarkAsync(s4, ada.UserId, RegisterMark.Absent, mo, At(3, 23, 12));

        var ids = build.StatementIds;
        await build.Portfolio.EvidenceAsync(ada.UserId, At(2, 1, 12), draft: false, ids[0], ids[1]);
        await build.Portfolio.EvidenceNamingARetiredStatementAsync(ada.UserId, At(2, 2, 12), RetiredStatementId, ids[1], ids[2]);
        await build.Portfolio.EvidenceAsync(ada.UserId, At(2, 3, 12), draft: true, ids[3]);

        var t1 = await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2026, 3, 10));
        var t2 = await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2026, 4, 10));
        await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2026, 5, 10));
        await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2030, 6, 1), TaskKind.Final);
        await build.Portfolio.SubmitAsync(t1, ada.UserId, At(3, 9, 18));
        await build.Portfolio.SubmitAsync(t2, ada.UserId, At(4, 12, 9));

        await build.Portfolio.ProgressAsync(ada.UserId, mo, At(3, 1, 9), ProgressRating.Secure, ("school-culture", ProgressRating.Developing));
        await build.Portfolio.ProgressAsync(ada.UserId, mo, At(4, 1, 9), ProgressRating.Secure, ("school-culture", ProgressRating.Emerging));
        var otherAreas = build.Framework.Areas.Count - 1;

        outcomes.Outcomes[ada.EnrolmentId] = new FinalOutcome(ada.EnrolmentId, OutcomeState.Passed, new DateOnly(2026, 7, 15), At(7, 20, 12));
        return new ReportWorld
        {
            CohortId = cohort, PartnerId = partner, HillSchoolId = hill, MoId = mo, StatementsTotal = ids.Count,
            AdaEnrolment = ada.EnrolmentId, BenEnrolment = ben.EnrolmentId, CatEnrolment = cat.EnrolmentId,
            AdaLatestRatingSum = (int)ProgressRating.Emerging + otherAreas * (int)ProgressRating.Secure,
            AdaPreviousRatingSum = (int)ProgressRating.Developing + otherAreas * (int)ProgressRating.Secure,
        };
    }
}

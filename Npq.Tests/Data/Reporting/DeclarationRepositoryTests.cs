using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;
using Npq.Data.Reporting;
using Npq.Tests.Core.Reporting;

namespace Npq.Tests.Data.Reporting;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class DeclarationRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private int _cohortId;
    private int _adminId;
    private int _adaEnrolment;
    private int _benEnrolment;

    [OneTimeSetUp]
    public async Task Cohort()
    {
        _adminId = await Data.UserAsync("admin@contract.example", "Admin", Roles.ProviderAdmin);
        var ada = await Data.UserAsync("ada@contract.example", "Ada Lovelace", Roles.Candidate);
        var ben = await Data.UserAsync("ben@contract.example", "Ben Withdrawn", Roles.Candidate);
        var course = await Data.CourseAsync("npq-headship", leadership: true);
        var partner = await Data.PartnerAsync("Test Partner");
        _cohortId = await Data.CohortAsync(course, "Declarations Cohort", partner);
        _adaEnrolment = await Data.EnrolAsync(_cohortId, ada, null);
        _benEnrolment = await Data.EnrolAsync(_cohortId, ben, null, "Withdrawn");
        await Data.ApplicationAsync(_cohortId, ada, "old-participant", null, "Rejected");
        await Data.ApplicationAsync(_cohortId, ada, "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", "db3a7848-7308-4879-942a-c4a70ced400a");

        // Three sessions count (the cancelled one does not, the future one does); Ada attended the first in full.
        var s1 = await Data.SessionAsync(_cohortId, At(3, 2, 10));
        await Data.SessionAsync(_cohortId, At(3, 9, 10));
        await Data.SessionAsync(_cohortId, At(3, 16, 10), cancelled: true);
        await Data.SessionAsync(_cohortId, new DateTime(2030, 1, 1, 10, 0, 0, DateTimeKind.Utc));
        await Data.SegmentAsync(s1, ada, At(3, 2, 10), At(3, 2, 11));

        // Evidence before enrolment and drafts do not count.
        await Data.EvidenceAsync(ada, new DateTime(2025, 12, 1, 9, 0, 0, DateTimeKind.Utc), draft: false);
        await Data.EvidenceAsync(ada, At(1, 15, 9), draft: true);
        await Data.EvidenceAsync(ada, At(2, 1, 12), draft: false);
        await Data.EvidenceAsync(ada, At(2, 5, 12), draft: false);

        // The first submission of each task counts.
        var t1 = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 3, 10));
        var t2 = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 4, 10));
        await Data.SubmitAsync(t1, ada, _cohortId, At(3, 10, 17));
        await Data.SubmitAsync(t1, ada, _cohortId, At(3, 12, 9), attempt: 2);
        await Data.SubmitAsync(t2, ada, _cohortId, At(4, 1, 9));
    }

    [Test]
    public async Task GetCohortFacts_Cohort_EachEnrolmentWithItsEngagement()
    {
        var candidates = await new DeclarationRepository(Db).GetCohortFactsAsync(_cohortId, Now);

        Assert.That(candidates.Select(c => c.CandidateName), Is.EqualTo(new[] { "Ada Lovelace", "Ben Withdrawn" }));
        var ada = candidates[0];
        Assert.That((ada.EnrolmentId, ada.DfeParticipantId, ada.DfeApplicationId, ada.CourseIdentifier, ada.DeliveryPartnerName),
            Is.EqualTo((_adaEnrolment, "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", "db3a7848-7308-4879-942a-c4a70ced400a", "npq-headship", "Test Partner")));
        var facts = ada.Facts;
        Assert.That((facts.EnrolmentId, facts.IsLeadership, facts.HasAssessment, facts.TrainingStatus, facts.SessionsScheduled),
            Is.EqualTo((_adaEnrolment, true, true, TrainingStatus.Active, 3)));
        Assert.That(facts.AttendedSessionsUtc, Is.EqualTo(new[] { At(3, 2, 10) }));
        Assert.That(facts.FirstEvidenceUtc, Is.EqualTo(At(2, 1, 12)));
        Assert.That(facts.TaskSubmissionsUtc, Is.EqualTo(new[] { At(3, 10, 17), At(4, 1, 9) }));
        Assert.That(facts.Outcome, Is.Null);

        var ben = candidates[1].Facts;
        Assert.That((ben.TrainingStatus, ben.AttendedSessionsUtc.Count, ben.FirstEvidenceUtc, ben.TaskSubmissionsUtc.Count),
            Is.EqualTo((TrainingStatus.Withdrawn, 0, (DateTime?)null, 0)));
    }

    [Test]
    public async Task GetCohortFactsPage_PagesOfOne_AreTheWholeCohortsLinesInItsOrderWithTheirFigures()
    {
        var repository = new DeclarationRepository(Db);
        var whole = await repository.GetCohortFactsAsync(_cohortId, Now);

        var pages = new List<DeclarationCandidate>();
        for (var skip = 0; skip < whole.Count; skip++)
        {
            pages.AddRange(await repository.GetCohortFactsPageAsync(_cohortId, Now, skip, 1));
        }

        Assert.That(pages.Select(Figures), Is.EqualTo(whole.Select(Figures)));
        Assert.That((await repository.GetCohortFactsPageAsync(_cohortId, Now, 0, 25)).Select(Figures), Is.EqualTo(whole.Select(Figures)));
        Assert.That(await repository.GetCohortFactsPageAsync(_cohortId, Now, whole.Count, 25), Is.Empty, "past the end");
        Assert.That(pages[0].Facts.AttendedSessionsUtc, Is.Not.Empty, "the figures compared are not all empty");
        Assert.That(pages[0].Facts.TaskSubmissionsUtc, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CountPositionAndRecordsOfSomeEnrolments_AsTheWholeReviewHasThem()
    {
        var repository = new DeclarationRepository(Db);

        Assert.That(await repository.CountCohortAsync(_cohortId), Is.EqualTo(new CohortDeclarationCounts(2, 1)), "Ben has no accepted application, so no DfE id");
        Assert.That(await repository.CountCohortAsync(999_999), Is.EqualTo(new CohortDeclarationCounts(0, 0)));
        Assert.That(await repository.GetPositionAsync(_cohortId, _adaEnrolment), Is.EqualTo(0));
        Assert.That(await repository.GetPositionAsync(_cohortId, _benEnrolment), Is.EqualTo(1));
        Assert.That(await repository.GetPositionAsync(_cohortId + 1000, _benEnrolment), Is.Null, "not that cohort's");
        Assert.That(await repository.GetPositionAsync(_cohortId, 999_999), Is.Null);

        var all = await repository.GetForCohortAsync(_cohortId);
        Assert.That(await repository.GetForEnrolmentsAsync([_benEnrolment]), Is.EqualTo(all.Where(r => r.EnrolmentId == _benEnrolment)));
        Assert.That(await repository.GetForEnrolmentsAsync([_adaEnrolment, _benEnrolment]), Is.EqualTo(all));
        Assert.That(await repository.GetForEnrolmentsAsync([]), Is.Empty);
    }

    [Test]
    public async Task CountPositionAndPages_ACohortOfEveryKindOfApplication_AsTheWholeReviewHasThem()
    {
        // Names out of the order they were added in, two candidates of one name (then by enrolment id), and every way an
        // enrolment's latest accepted application may carry a DfE participant id or not.
        var repository = new DeclarationRepository(Db);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var cohort = await Data.CohortAsync(course, "Every Application Cohort");
        var other = await Data.CohortAsync(course, "Other Cohort");
        var blank = new List<string>();
        async Task<int> Candidate(string name, params (int Cohort, string? ParticipantId, string Status)[] applications)
        {
            var user = await Data.UserAsync($"{Guid.NewGuid():N}@every.example", name, Roles.Candidate);
            var enrolment = await Data.EnrolAsync(cohort, user, null);
            foreach (var (applied, participantId, status) in applications)
            {
                await Data.ApplicationAsync(applied, user, participantId, null, status);
            }

            await Data.EvidenceAsync(user, At(2, name.Length % 28 + 1, 9), draft: name.Length % 3 == 0);
            return enrolment;
        }

        await Candidate("Zoe Accepted", (cohort, "0b1c7f1e-0001-4000-8000-000000000001", "Accepted"));
        await Candidate("Yan Blank Id", (cohort, "   ", "Accepted"));
        await Candidate("Xia Later Without", (cohort, "0b1c7f1e-0003-4000-8000-000000000003", "Accepted"), (cohort, null, "Accepted"));
        await Candidate("Dee Later Blank", (cohort, "0b1c7f1e-0013-4000-8000-000000000013", "Accepted"), (cohort, " ", "Accepted"));
        await Candidate("Wes Later With", (cohort, null, "Accepted"), (cohort, "0b1c7f1e-0004-4000-8000-000000000004", "Accepted"));
        await Candidate("Val Rejected Later", (cohort, null, "Accepted"), (cohort, "0b1c7f1e-0005-4000-8000-000000000005", "Rejected"));
        await Candidate("Uma Other Cohort", (other, "0b1c7f1e-0006-4000-8000-000000000006", "Accepted"));
        await Candidate("Tom No Application");
        await Candidate("Sam Pending", (cohort, "0b1c7f1e-0008-4000-8000-000000000008", "Pending"));
        await Candidate("Ann Twin", (cohort, "0b1c7f1e-0009-4000-8000-000000000009", "Accepted"));
        await Candidate("Ann Twin");
        await Candidate("Bob Empty", (cohort, string.Empty, "Accepted"));
        await Candidate("Cat Accepted", (cohort, "0b1c7f1e-0012-4000-8000-000000000012", "Accepted"));

        var whole = await repository.GetCohortFactsAsync(cohort, Now);
        Assert.That(whole, Has.Count.EqualTo(13));
        Assert.That(whole.Select(c => c.CandidateName).Take(3), Is.EqualTo(new[] { "Ann Twin", "Ann Twin", "Bob Empty" }), "by name, then enrolment id");
        var withoutId = whole.Count(c => string.IsNullOrWhiteSpace(c.DfeParticipantId));
        Assert.That(withoutId, Is.EqualTo(9), "only Zoe, Wes, Cat and the first Ann have the latest accepted application's id");
        Assert.That(await repository.CountCohortAsync(cohort), Is.EqualTo(new CohortDeclarationCounts(whole.Count, withoutId)));

        for (var i = 0; i < whole.Count; i++)
        {
            Assert.That(await repository.GetPositionAsync(cohort, whole[i].EnrolmentId), Is.EqualTo(i), whole[i].CandidateName);
        }

        var review = new DeclarationReviewService(repository, []);
        var lines = (await review.ReviewCohortAsync(cohort, Now)).Select(l => System.Text.Json.JsonSerializer.Serialize(l)).ToList();
        foreach (var size in new[] { 1, 2, 5, 25 })
        {
            var pages = new List<DeclarationCandidate>();
            var paged = new List<string>();
            for (var skip = 0; skip < whole.Count; skip += size)
            {
                pages.AddRange(await repository.GetCohortFactsPageAsync(cohort, Now, skip, size));
                paged.AddRange((await review.ReviewCohortPageAsync(cohort, Now, skip, size)).Select(l => System.Text.Json.JsonSerializer.Serialize(l)));
            }

            Assert.That(pages.Select(Figures), Is.EqualTo(whole.Select(Figures)), $"facts in pages of {size}");
            Assert.That(paged, Is.EqualTo(lines), $"lines in pages of {size}");
        }

        Assert.That(whole.Count(c => c.Facts.FirstEvidenceUtc is not null), Is.InRange(1, whole.Count - 1), "some first evidence, not every candidate's");
    }

    [Test]
    public async Task CountEngagement_AsTheReviewsLinesCountThem_JustifiedOrLiveButNeverVoided()
    {
        var repository = new DeclarationRepository(Db);
        var review = new DeclarationReviewService(repository, []);

        // The seeded cohort: Ada attended 1 of 3 sessions (a third of a leadership course's) and submitted two tasks.
        var seeded = DashboardReference.Engagement(await review.ReviewCohortAsync(_cohortId, Now));
        Assert.That(await repository.CountEngagementAsync(_cohortId, Now), Is.EqualTo(seeded));
        Assert.That(seeded.Started, Is.GreaterThanOrEqualTo(1), "the figures compared are not all zero");
        Assert.That(seeded.Retained, Is.GreaterThanOrEqualTo(1));

        // A specialist course's cohort whose one ended session nobody attended: evidence alone starts Cara; a live
        // retained-1 alone counts Dan as retained (not started); Eve's voided started and her draft evidence count for nothing.
        var course = await Data.CourseAsync("npq-leading-primary-mathematics", leadership: false);
        var cohort = await Data.CohortAsync(course, "Engagement Cohort");
        await Data.SessionAsync(cohort, At(3, 2, 10));
        var caraUser = await Data.UserAsync("cara@engagement.example", "Cara Evidence", Roles.Candidate);
        await Data.EnrolAsync(cohort, caraUser, null);
        var dan = await Data.EnrolAsync(cohort, await Data.UserAsync("dan@engagement.example", "Dan Declared", Roles.Candidate), null);
        var eveUser = await Data.UserAsync("eve@engagement.example", "Eve Voided", Roles.Candidate);
        var eve = await Data.EnrolAsync(cohort, eveUser, null);
        await Data.EvidenceAsync(caraUser, At(2, 1, 12), draft: false);
        await Data.EvidenceAsync(eveUser, At(2, 1, 12), draft: true);
        var declared = new DeclarationRecord
        {
            EnrolmentId = dan, Type = DeclarationType.Retained1, DeclarationUtc = At(3, 2, 10), Justification = "recorded", DeclaredUtc = At(5, 1, 9), DeclaredByUserId = _adminId,
        };
        Assert.That(await repository.DeclareAsync(declared), Is.True);
        Assert.That(await repository.DeclareAsync(declared with { EnrolmentId = eve, Type = DeclarationType.Started }), Is.True);
        var eveStarted = (await repository.GetForEnrolmentsAsync([eve])).Single();
        Assert.That(await repository.VoidAsync(eveStarted.Id, eveStarted.Version, _adminId, "Wrong", At(5, 2, 9)), Is.True);

        var lines = await review.ReviewCohortAsync(cohort, Now);
        Assert.That(DashboardReference.Engagement(lines), Is.EqualTo(new CohortEngagementCounts(1, 1)), "the review's own count, the reference");
        Assert.That(await repository.CountEngagementAsync(cohort, Now), Is.EqualTo(new CohortEngagementCounts(1, 1)));
        Assert.That(await repository.CountEngagementAsync(999_999, Now), Is.EqualTo(new CohortEngagementCounts(0, 0)), "no such cohort");
    }

    private static string Figures(DeclarationCandidate c) => System.Text.Json.JsonSerializer.Serialize(c);

    [Test]
    public async Task DeclareVoidAndDeclareAgain_OneLivePerTypeAndVoidedRowsKept()
    {
        var repository = new DeclarationRepository(Db);
        var record = new DeclarationRecord
        {
            EnrolmentId = _benEnrolment,
            Type = DeclarationType.Retained1,
            DeclarationUtc = At(3, 2, 10),
            Justification = "1 of 3 sessions attended",
            DfeDeclarationId = "d0b4a32e-a272-489e-b30a-cb17131457fc",
            DeclaredUtc = At(5, 1, 9),
            DeclaredByUserId = _adminId,
        };

        Assert.That(await repository.DeclareAsync(record), Is.True);
        Assert.That(await repository.DeclareAsync(record with { DeclaredUtc = At(5, 2, 9) }), Is.False, "one live declaration of a type");
        var declared = (await repository.GetForCohortAsync(_cohortId)).Single(r => r.EnrolmentId == _benEnrolment);
        Assert.That(declared, Is.EqualTo(record with { Id = declared.Id, Version = 1 }));
        Assert.That(await repository.FindAsync(declared.Id), Is.EqualTo(declared));

        Assert.That(await repository.VoidAsync(declared.Id, 2, _adminId, "Wrong", At(5, 3, 9)), Is.False, "stale version");
        Assert.That(await repository.VoidAsync(declared.Id, 1, _adminId, "Attendance corrected", At(5, 3, 9)), Is.True);
        Assert.That(await repository.VoidAsync(declared.Id, 2, _adminId, "Again", At(5, 3, 10)), Is.False, "already voided");
        var voided = await repository.FindAsync(declared.Id);
        Assert.That(voided, Is.EqualTo(declared with { VoidedUtc = At(5, 3, 9), VoidedByUserId = _adminId, VoidReason = "Attendance corrected", Version = 2 }));
        Assert.That(voided!.IsVoided, Is.True);

        Assert.That(await repository.DeclareAsync(record with { DfeDeclarationId = null }), Is.True, "a voided declaration frees its type");
        Assert.That((await repository.GetForCohortAsync(_cohortId)).Count(r => r.EnrolmentId == _benEnrolment), Is.EqualTo(2));
    }

    [Test]
    public async Task FindAndProviderOf_Unknown_Null()
    {
        var repository = new DeclarationRepository(Db);

        Assert.That(await repository.FindAsync(999_999), Is.Null);
        Assert.That(await repository.ProviderOfEnrolmentAsync(999_999), Is.Null);
        Assert.That(await repository.ProviderOfEnrolmentAsync(_adaEnrolment), Is.EqualTo(ProviderId));
    }
}

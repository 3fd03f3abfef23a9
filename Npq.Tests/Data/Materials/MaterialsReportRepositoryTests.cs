using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Data.Materials;
using Npq.Tests.Builders;
using Npq.Tests.Data.Reporting;

namespace Npq.Tests.Data.Materials;

/// <summary>
/// The following reads on one hand-built world. Course A's programme: M1 (three published pages and a draft), M2 (two
/// published), M3 (one, after the previous). Cohort A1: Ann completed M1 and half of M2; Ben nothing; Cat completed
/// M1 then withdrew; Dan is deferred; Eve completed two of M1. Course B has one published page. Mo mentors Ann.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class MaterialsReportRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private MaterialsReportRepository _repository = null!;
    private MaterialsFollowBuilder _build = null!;
    private int _courseA;
    private int _cohortA;
    private int _m1;
    private int _m2;
    private int _a11;
    private int _a12;
    private int _b11;
    private int _ann;
    private int _annEnrolment;
    private int _eveEnrolment;
    private int _fayEnrolment;
    private int _mo;
    private int _admin;
    private int _gus;
    private int _a21;
    private int _a22;
    private int _a31;

    [OneTimeSetUp]
    public async Task World()
    {
        _repository = new MaterialsReportRepository(Db);
        _build = new MaterialsFollowBuilder(new ProgrammeRepository(Db, ProgrammeCaching.Remembering()), _repository, Db);
        _admin = await Data.UserAsync("admin@follow.example", "Admin", Roles.ProviderAdmin);
        _mo = await Data.UserAsync("mo@follow.example", "Mo", Roles.Mentor);
        _ann = await Data.UserAsync("ann@follow.example", "Ann", Roles.Candidate);
        var ben = await Data.UserAsync("ben@follow.example", "Ben", Roles.Candidate);
        var cat = await Data.UserAsync("cat@follow.example", "Cat", Roles.Candidate);
        var dan = await Data.UserAsync("dan@follow.example", "Dan", Roles.Candidate);
        var eve = await Data.UserAsync("eve@follow.example", "Eve", Roles.Candidate);
        var fay = await Data.UserAsync("fay@follow.example", "Fay", Roles.Candidate);
        _gus = await Data.UserAsync("gus@follow.example", "Gus", Roles.Candidate);

        _courseA = await Data.CourseAsync("npq-follow-a", leadership: true);
        var courseB = await Data.CourseAsync("npq-follow-b", leadership: true);
        _cohortA = await Data.CohortAsync(_courseA, "Follow A1");
        var cohortB = await Data.CohortAsync(courseB, "Follow B1");
        _annEnrolment = await Data.EnrolAsync(_cohortA, _ann, _mo);
        await Data.EnrolAsync(_cohortA, ben, null);
        await Data.EnrolAsync(_cohortA, cat, null, "Withdrawn");
        await Data.EnrolAsync(_cohortA, dan, null, "Deferred");
        _eveEnrolment = await Data.EnrolAsync(_cohortA, eve, null);
        _fayEnrolment = await Data.EnrolAsync(cohortB, fay, null);
        await Data.EnrolAsync(_cohortA, _gus, null);

        _m1 = await _build.ModuleAsync(_courseA, "Curriculum");
        _a11 = await _build.ItemAsync(_m1, "Reading: curriculum intent", statementIds: "st-x");
        _a12 = await _build.ItemAsync(_m1, "Sequencing", body: "The 50% rule of thumb");
        var a13 = await _build.ItemAsync(_m1, "Assessment", body: "Write 5000 words on reading");
        await _build.ItemAsync(_m1, "Draft reading", published: false, statementIds: "st-x");
        _m2 = await _build.ModuleAsync(_courseA, "Assessment");
        var a21 = _a21 = await _build.ItemAsync(_m2, "Feedback", statementIds: "st-y");
        var a22 = _a22 = await _build.ItemAsync(_m2, "Marking");
        var m3 = await _build.ModuleAsync(_courseA, "Reflection", ReleaseRule.AfterPrevious);
        var a31 = _a31 = await _build.ItemAsync(m3, "Looking back");
        var mb = await _build.ModuleAsync(courseB, "Other");
        _b11 = await _build.ItemAsync(mb, "Other course page", statementIds: "st-x");
        await _build.OpenAsync(_cohortA, _m1, new DateOnly(2026, 1, 10));
        await _build.OpenAsync(_cohortA, _m2, new DateOnly(2026, 2, 20));

        await _build.ProgressAsync(_ann, true, At(2, 1, 9), _a11, _a12, a13, a21);
        await _build.ProgressAsync(_ann, false, At(3, 1, 9), a31);
        await _build.ProgressAsync(cat, true, At(2, 1, 9), _a11, _a12, a13);
        await _build.ProgressAsync(eve, true, At(2, 14, 16, 30), _a11, _a12);
        await _build.ProgressAsync(fay, true, At(2, 1, 9), _b11);
        await _build.ProgressAsync(_gus, true, At(2, 1, 9), _a11);
        await _build.AttemptAsync(_gus, a22, 50, """{"q1":["b"]}""", At(2, 2, 9));
    }

    [Test]
    public async Task GetSummariesAsync_CountsPublishedItemsAndWholeModulesOfTheEnrolmentsCourse()
    {
        var summaries = await _repository.GetSummariesAsync([_annEnrolment, 999_999]);

        Assert.That(summaries.Keys, Is.EquivalentTo(new[] { _annEnrolment }));
        Assert.That(summaries[_annEnrolment], Is.EqualTo(new MaterialsSummary(_annEnrolment, 4, 6, 1, 3)));
        Assert.That(await _repository.GetSummariesAsync([]), Is.Empty);
    }

    [Test]
    public async Task GetSummariesAsync_EnrolmentsOfTwoCourses_EachCountsOnlyItsOwnCoursesItems()
    {
        var summaries = await _repository.GetSummariesAsync([_annEnrolment, _eveEnrolment, _fayEnrolment]);

        Assert.That(summaries[_annEnrolment], Is.EqualTo(new MaterialsSummary(_annEnrolment, 4, 6, 1, 3)));
        Assert.That(summaries[_eveEnrolment], Is.EqualTo(new MaterialsSummary(_eveEnrolment, 2, 6, 0, 3)), "course A's six items, counted once for both");
        Assert.That(summaries[_fayEnrolment], Is.EqualTo(new MaterialsSummary(_fayEnrolment, 1, 1, 1, 1)), "course B's one page only");
    }

    [Test]
    public async Task GetSummariesAsync_KeptByTheFiguresJob_ReadsTheKeptRowUntilAChangeDeletesIt()
    {
        var hal = await Data.UserAsync("hal@follow.example", "Hal", Roles.Candidate);
        var enrolment = await Data.EnrolAsync(await Data.CohortAsync(_courseA, "Follow A2"), hal, null); // a cohort of its own: the others' counts stay
        await _build.ProgressAsync(hal, true, At(2, 1, 9), _a11, _a21, _a22);
        var live = new MaterialsSummary(enrolment, 3, 6, 1, 3);
        Assert.That((await _repository.GetSummariesAsync([enrolment]))[enrolment], Is.EqualTo(live), "nothing kept yet: counted live");

        // The figures job's steps: the row is claimed, computed (the modules counted as the homes count them), stored.
        var store = new Npq.Data.Reporting.EnrolmentFiguresRepository(Db, Frameworks, []);
        await store.ClaimAsync([enrolment], claim: 7);
        Assert.That((await _repository.GetSummariesAsync([enrolment]))[enrolment], Is.EqualTo(live), "a claimed row is not read");
        var figures = (await store.ComputeAsync([enrolment], Now)).Single();
        Assert.That((figures.Row.MaterialsCompleted, figures.Row.MaterialsTotal, figures.ModulesCompleted, figures.ModulesTotal), Is.EqualTo((3, 6, 1, 3)),
            "the report's items and the homes' modules agree");
        Assert.That(await store.StoreAsync([figures], claim: 7), Is.EqualTo(1));

        // The kept row is what is read (marked here so the read shows where it came from).
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET ModulesCompleted = 2 WHERE EnrolmentId = @enrolment", new { enrolment });
        Assert.That((await _repository.GetSummariesAsync([enrolment, _fayEnrolment]))[enrolment], Is.EqualTo(live with { ModulesCompleted = 2 }));

        // Completing another item deletes the kept row (the trigger): counted live again, with the new item.
        await _build.ProgressAsync(hal, true, At(2, 2, 9), _a31);
        var summaries = await _repository.GetSummariesAsync([enrolment, _fayEnrolment]);
        Assert.That(summaries[enrolment], Is.EqualTo(new MaterialsSummary(enrolment, 4, 6, 2, 3)));
        Assert.That(summaries[_fayEnrolment], Is.EqualTo(new MaterialsSummary(_fayEnrolment, 1, 1, 1, 1)), "kept and live read together");
    }

    [Test]
    public async Task GetModuleCompletionAsync_CountsCandidatesStillStudyingWhoCompletedEachModule()
    {
        var counts = await _repository.GetModuleCompletionAsync(_cohortA, _courseA);

        Assert.That(counts.Candidates, Is.EqualTo(5), "Ann, Ben, Dan, Eve and Gus; Cat withdrew");
        Assert.That(counts.Modules.Single(m => m.ModuleId == _m1), Is.EqualTo(new ModuleCompletionCount(_m1, 3, 1)));
        Assert.That(counts.Modules.Single(m => m.ModuleId == _m2).CandidatesCompleted, Is.Zero);
        Assert.That(counts.Modules, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task GetBehindAsync_ActiveCandidatesMissingADueModule_MostOverdueFirstAndPaged()
    {
        var (total, rows) = await _repository.GetBehindAsync(_cohortA, _courseA, [_m1, _m2], 0, 10);

        Assert.That(total, Is.EqualTo(4));
        Assert.That(rows.Select(r => (r.CandidateName, r.ModulesOverdue, r.FirstOverduePosition)),
            Is.EqualTo(new[] { ("Ben", 2, 1), ("Eve", 2, 1), ("Gus", 2, 1), ("Ann", 1, 2) }));
        var eve = rows[1];
        Assert.That((eve.ItemsCompleted, eve.ItemsTotal), Is.EqualTo((2, 6)));
        Assert.That(eve.LastActivityUtc, Is.EqualTo(At(2, 14, 16, 30)));
        Assert.That(rows[0].LastActivityUtc, Is.Null);

        var (pagedTotal, page) = await _repository.GetBehindAsync(_cohortA, _courseA, [_m1, _m2], 1, 1);
        Assert.That(pagedTotal, Is.EqualTo(4));
        Assert.That(page.Single().CandidateName, Is.EqualTo("Eve"));
        Assert.That((await _repository.GetBehindAsync(_cohortA, _courseA, [], 0, 10)).Total, Is.Zero);

        var (pastTotal, past) = await _repository.GetBehindAsync(_cohortA, _courseA, [_m1, _m2], 10, 10);
        Assert.That((pastTotal, past.Count), Is.EqualTo((4, 0)), "a page past the end still says how many are behind");
    }

    [Test]
    public async Task GetStatementMaterialsAsync_CandidateSeesTheirCoursesPublishedItemsWithTheirCohort()
    {
        var found = await _repository.GetStatementMaterialsAsync(new MaterialsAudience(_ann, false, StudyingOnly: true), ["st-x", "st-y"], []);

        Assert.That(found.Select(f => (f.StatementId, f.Material.ItemId, f.Material.StudyCohortId)),
            Is.EquivalentTo(new[] { ("st-x", _a11, (int?)_cohortA), ("st-y", found.Single(f => f.StatementId == "st-y").Material.ItemId, (int?)_cohortA) }));
        Assert.That(found.Single(f => f.StatementId == "st-x").Material.ModuleTitle, Is.EqualTo("Curriculum"));

        var closed = await _repository.GetStatementMaterialsAsync(new MaterialsAudience(_ann, false, StudyingOnly: true), ["st-x"], [_m1]);
        Assert.That(closed, Is.Empty, "a module not open for the candidate is left out");
    }

    [Test]
    public async Task GetStatementMaterialsAsync_FollowersSeeTitlesOfTheCoursesTheyFollow()
    {
        var mentor = await _repository.GetStatementMaterialsAsync(new MaterialsAudience(_mo, false, false), ["st-x"], []);
        var admin = await _repository.GetStatementMaterialsAsync(new MaterialsAudience(_admin, true, false), ["st-x"], []);
        var notAdmin = await _repository.GetStatementMaterialsAsync(new MaterialsAudience(_admin, false, false), ["st-x"], []);

        Assert.That(mentor.Select(m => (m.Material.ItemId, m.Material.StudyCohortId)), Is.EqualTo(new[] { (_a11, (int?)null) }));
        Assert.That(admin.Select(m => m.Material.ItemId), Is.EquivalentTo(new[] { _a11, _b11 }));
        Assert.That(notAdmin, Is.Empty);
    }

    [Test]
    public async Task SearchAsync_TitleOrBodyInAnyCase_TitleMatchesFirst_WildcardsLiteral()
    {
        var ann = new MaterialsAudience(_ann, false, false);

        var (total, rows) = await _repository.SearchAsync(ann, "READING", [], 0, 10);
        var (percentTotal, percent) = await _repository.SearchAsync(ann, "50%", [], 0, 10);
        var (_, paged) = await _repository.SearchAsync(ann, "reading", [], 1, 1);
        var (otherTotal, _) = await _repository.SearchAsync(ann, "Other course", [], 0, 10);

        Assert.That(total, Is.EqualTo(2), "the draft is not found");
        Assert.That(rows.Select(r => r.Title), Is.EqualTo(new[] { "Reading: curriculum intent", "Assessment" }));
        Assert.That(rows[0].StudyCohortId, Is.EqualTo(_cohortA));
        Assert.That((percentTotal, percent.Single().ItemId), Is.EqualTo((1, _a12)), "% is a character, not a wildcard");
        Assert.That(paged.Single().Title, Is.EqualTo("Assessment"));
        Assert.That(otherTotal, Is.Zero, "another course's materials");
    }

    [Test]
    public async Task PersonalData_ExportsProgressAndAnswers_ErasureRemovesThem()
    {
        var contributor = new MaterialsPersonalData(Db);

        var export = await contributor.ExportAsync(_gus);
        Assert.That(export.Sections.Single(s => s.Name == "materials_progress").Rows.Single()["ItemTitle"], Is.EqualTo("Reading: curriculum intent"));
        Assert.That(export.Sections.Single(s => s.Name == "knowledge_check_answers").Rows.Single()["Answers"], Is.EqualTo("""{"q1":["b"]}"""));

        var erased = await contributor.EraseAsync(_gus);

        Assert.That(erased.RowsRemoved, Is.EqualTo(2));
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM MaterialProgress WHERE CandidateUserId = @gus", new { gus = _gus }), Is.Zero);
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM KnowledgeCheckAttempts WHERE CandidateUserId = @gus", new { gus = _gus }), Is.Zero);
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM MaterialProgress WHERE CandidateUserId = @ann", new { ann = _ann }), Is.EqualTo(5), "nobody else's");
    }
}

using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;
using Npq.Data.Enrolment;
using Npq.Data.Reporting;
using Npq.Tests.Web.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The provider's completion report in a cheap order finds its page by walking an index in that order (issue 23): the
/// candidates by name, the schools, the mentors or the cohorts by name, and a status's group by walking the names or
/// sorting the group. Every page of every such order, both ways, is the whole report's rows there, in the report's
/// order: groups with equal keys (two schools' worth of candidates, two mentors of one name, two cohorts of one name, a
/// candidate on two cohorts, two candidates of one name), rows with no school or no mentor, small and large status groups,
/// and another provider's candidates walked past.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CompletionReportWalksTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly CompletionSort[] WalkedSorts = [CompletionSort.Candidate, CompletionSort.School, CompletionSort.Mentor, CompletionSort.Cohort, CompletionSort.Status];

    private int _alder;
    private int _moOne;

    private CompletionReportRepository Repository() => new(Db, Frameworks, [new FakeFinalOutcomes()]);

    [OneTimeSetUp]
    public async Task Provider()
    {
        var alder = _alder = await Data.SchoolAsync("Alder School");
        var birch = await Data.SchoolAsync("Birch School");
        var cedar = await Data.SchoolAsync("Cedar School");
        var moOne = _moOne = await Data.UserAsync("mo1@walks.example", "Mo Mentor", Roles.Mentor);
        var moTwo = await Data.UserAsync("mo2@walks.example", "Mo Mentor", Roles.Mentor);
        var al = await Data.UserAsync("al@walks.example", "Al Mentor", Roles.Mentor);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var otherCourse = await Data.CourseAsync("npq-headship", leadership: true);
        var cohortB = await Data.CohortAsync(course, "Cohort B");
        var cohortA = await Data.CohortAsync(course, "Cohort A");
        var cohortAAgain = await Data.CohortAsync(otherCourse, "Cohort A");

        // Candidates named so that each order interleaves the others', two of one name, one on two cohorts.
        var people = new (string Name, int? School, int Cohort, int? Mentor, string Status)[]
        {
            ("Zed Adams", birch, cohortB, moOne, "Active"),
            ("Sam Smith", alder, cohortA, moTwo, "Active"),
            ("Sam Smith", cedar, cohortB, moOne, "Deferred"),
            ("Amy Young", null, cohortAAgain, null, "Active"),
            ("Bob Brown", birch, cohortA, al, "Withdrawn"),
            ("Cat Cole", alder, cohortAAgain, moTwo, "Active"),
            ("Dan Dale", null, cohortB, al, "Active"),
            ("Eve East", cedar, cohortA, null, "Completed"),
            ("Fay Fox", birch, cohortAAgain, moOne, "Active"),
            ("Gus Gray", alder, cohortB, moTwo, "Active"),
            ("Hal Hill", cedar, cohortAAgain, al, "Deferred"),
            ("Ivy Ives", birch, cohortA, moOne, "Active"),
        };
        var i = 0;
        foreach (var (name, school, cohort, mentor, status) in people)
        {
            var candidate = await Data.UserAsync($"c{i++}@walks.example", name, Roles.Candidate, school);
            await Data.EnrolAsync(cohort, candidate, mentor, status);
        }

        var twice = await Data.UserAsync("twice@walks.example", "Kim Kerr", Roles.Candidate, alder);
        await Data.EnrolAsync(cohortA, twice, moTwo);
        await Data.EnrolAsync(cohortB, twice, null, "Deferred");

        // Another provider's candidates, at the same schools and with the same mentors' names, are walked past.
        var otherProvider = await new OrganisationRepository(Db).EnsureProviderAsync("Walks elsewhere", At(1, 1, 0));
        var elsewhere = await Data.CourseAsync("npq-elsewhere", leadership: false);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Courses SET ProviderId = @otherProvider WHERE Id = @elsewhere", new { otherProvider, elsewhere });
        }

        var otherCohort = await Data.CohortAsync(elsewhere, "Cohort A");
        foreach (var (name, school) in new[] { ("Aaron Outsider", (int?)alder), ("Mia Outsider", null), ("Zoe Outsider", cedar) })
        {
            var outsider = await Data.UserAsync($"{name.Replace(' ', '.').ToLowerInvariant()}@walks.example", name, Roles.Candidate, school, otherProvider);
            await Data.EnrolAsync(otherCohort, outsider, moOne, "Deferred");
        }
    }

    [Test]
    public async Task GetPage_ProviderWide_EveryWalkedOrderBothWaysEveryPageSize_IsTheReportsOrder()
    {
        var repository = Repository();
        var scope = ReportScope.ForProvider(ProviderId);
        foreach (var sort in WalkedSorts)
        {
            foreach (var descending in new[] { false, true })
            {
                var filter = new CompletionFilter { Sort = sort, Descending = descending };
                var label = $"{sort} {(descending ? "descending" : "ascending")}";
                var streamed = await ToListAsync(repository.StreamAsync(scope, filter, Now));
                Assert.That(streamed.Select(r => r.EnrolmentId), Is.EqualTo(Expected(streamed, sort, descending).Select(r => r.EnrolmentId)), $"{label}: the streamed rows in the report's order");
                Assert.That(streamed, Has.Count.EqualTo(14), label);
                Assert.That(streamed.Select(r => r.CandidateName), Has.None.Contains("Outsider"), label);
                await AssertPagesAreAsync(repository, scope, filter, streamed, [1, 3, 4, 25], label);
            }
        }
    }

    [Test]
    public async Task GetPage_ASchoolsAndAMentorsReport_EveryOrderBothWaysEveryPageSize_IsTheReportsOrder()
    {
        // A school's page is read with its kept rows in one statement (its candidates walked by name, or sorted); a mentor's
        // chooses the page first. The school has a candidate on two cohorts and one of another provider; the mentor has
        // three mentees of another provider.
        var repository = Repository();
        foreach (var (scope, count) in new[] { (ReportScope.ForSchool(_alder), 6), (ReportScope.ForMentor(_moOne), 7) })
        {
            foreach (var sort in WalkedSorts)
            {
                foreach (var descending in new[] { false, true })
                {
                    var filter = new CompletionFilter { Sort = sort, Descending = descending };
                    var label = $"{scope.Describe()} {sort} {(descending ? "descending" : "ascending")}";
                    var streamed = await ToListAsync(repository.StreamAsync(scope, filter, Now));
                    Assert.That(streamed.Select(r => r.EnrolmentId), Is.EqualTo(Expected(streamed, sort, descending).Select(r => r.EnrolmentId)), label);
                    Assert.That(streamed, Has.Count.EqualTo(count), label);
                    await AssertPagesAreAsync(repository, scope, filter, streamed, [1, 4, 25], label);
                }
            }
        }
    }

    [Test]
    public async Task GetPage_ProviderWideFiltered_EveryWalkedOrder_OnlyTheFilteredRowsInOrder()
    {
        var repository = Repository();
        var scope = ReportScope.ForProvider(ProviderId);
        foreach (var sort in WalkedSorts)
        {
            foreach (var status in new TrainingStatus?[] { TrainingStatus.Deferred, TrainingStatus.Active })
            {
                var filter = new CompletionFilter { Sort = sort, Status = status, Descending = true };
                var streamed = await ToListAsync(repository.StreamAsync(scope, filter, Now));
                var paged = new List<CompletionRow>();
                for (var page = 1; page <= streamed.Count; page++)
                {
                    paged.AddRange((await repository.GetPageAsync(scope, filter, page, 1, Now)).Rows);
                }

                Assert.That(streamed.Select(r => r.TrainingStatus), Is.All.EqualTo(status), $"{sort} {status}");
                Assert.That(streamed, Has.Count.EqualTo(status == TrainingStatus.Deferred ? 3 : 9), $"{sort} {status}");
                Assert.That(paged, Is.EqualTo(streamed), $"{sort} {status}");
            }
        }
    }

    [Test]
    public async Task BySchool_TheCandidatesWithNoSchool_FollowEveryChangeOfSchoolAndOfCandidate()
    {
        // A provider of its own, so the rows above are not changed: two candidates and a mentor with no school of their own.
        var provider = await new OrganisationRepository(Db).EnsureProviderAsync("Walks school moves", At(1, 1, 0));
        var course = await Data.CourseAsync("npq-school-moves", leadership: false);
        await Data.ExecuteAsync("UPDATE Courses SET ProviderId = @provider WHERE Id = @course", new { provider, course });
        var cohort = await Data.CohortAsync(course, "Moves Cohort");
        var oak = await Data.SchoolAsync("Oak School");
        var kept = await Data.UserAsync("kept@moves.example", "Kit Kept", Roles.Candidate, oak, provider);
        var mover = await Data.UserAsync("mover@moves.example", "Max Mover", Roles.Candidate, null, provider);
        var staff = await Data.UserAsync("staff@moves.example", "Ann Staff", Roles.Mentor, null, provider);
        await Data.EnrolAsync(cohort, kept, staff);
        var moving = await Data.EnrolAsync(cohort, mover, staff);

        async Task<string> BySchoolAsync(bool descending)
        {
            var filter = new CompletionFilter { Sort = CompletionSort.School, Descending = descending };
            var page = await Repository().GetPageAsync(ReportScope.ForProvider(provider), filter, 1, 25, Now);
            return string.Join("; ", page.Rows.Select(r => $"{r.CandidateName} at {r.SchoolName ?? "none"}"));
        }

        Assert.That(await BySchoolAsync(false), Is.EqualTo("Max Mover at none; Kit Kept at Oak School"), "no school first");
        Assert.That(await BySchoolAsync(true), Is.EqualTo("Kit Kept at Oak School; Max Mover at none"), "no school last, descending");

        await Data.ExecuteAsync("UPDATE Users SET SchoolId = @oak WHERE Id = @mover", new { oak, mover });
        Assert.That(await BySchoolAsync(false), Is.EqualTo("Kit Kept at Oak School; Max Mover at Oak School"), "a school given");

        await Data.ExecuteAsync("UPDATE Users SET SchoolId = NULL WHERE Id = @kept", new { kept });
        Assert.That(await BySchoolAsync(false), Is.EqualTo("Kit Kept at none; Max Mover at Oak School"), "a school cleared");

        await Data.ExecuteAsync("UPDATE Enrolments SET CandidateUserId = @staff WHERE Id = @moving", new { staff, moving });
        Assert.That(await BySchoolAsync(false), Is.EqualTo("Ann Staff at none; Kit Kept at none"),
            "an enrolment given to a candidate with no school");
    }

    /// <summary>Every page of each size, read in turn, is the streamed report: the same rows in the same order, each page
    /// knowing the whole report's total.</summary>
    private async Task AssertPagesAreAsync(CompletionReportRepository repository, ReportScope scope, CompletionFilter filter,
        List<CompletionRow> streamed, int[] sizes, string label)
    {
        foreach (var size in sizes)
        {
            var paged = new List<CompletionRow>();
            for (var page = 1; page <= (streamed.Count + size - 1) / size; page++)
            {
                var read = await repository.GetPageAsync(scope, filter, page, size, Now);
                Assert.That((read.Total, read.Page), Is.EqualTo((streamed.Count, page)), $"{label}, page {page} of {size}");
                paged.AddRange(read.Rows);
            }

            Assert.That(paged, Is.EqualTo(streamed), $"{label}, pages of {size}");
        }
    }

    /// <summary>The report's order written out: the key (no school or mentor first ascending, last descending), then the candidate's name and id, then the enrolment.</summary>
    private static IEnumerable<CompletionRow> Expected(IEnumerable<CompletionRow> rows, CompletionSort sort, bool descending)
    {
        if (sort == CompletionSort.Candidate)
        {
            var byName = descending
                ? rows.OrderByDescending(r => r.CandidateName, StringComparer.Ordinal).ThenByDescending(r => r.CandidateUserId)
                : rows.OrderBy(r => r.CandidateName, StringComparer.Ordinal).ThenBy(r => r.CandidateUserId);
            return byName.ThenBy(r => r.EnrolmentId);
        }

        Func<CompletionRow, string?> key = sort switch
        {
            CompletionSort.School => r => r.SchoolName,
            CompletionSort.Mentor => r => r.MentorName,
            CompletionSort.Cohort => r => r.CohortName,
            _ => r => r.TrainingStatus.ToString(),
        };
        var ordered = descending ? rows.OrderByDescending(key, StringComparer.Ordinal) : rows.OrderBy(key, StringComparer.Ordinal);
        return ordered.ThenBy(r => r.CandidateName, StringComparer.Ordinal).ThenBy(r => r.CandidateUserId).ThenBy(r => r.EnrolmentId);
    }
}

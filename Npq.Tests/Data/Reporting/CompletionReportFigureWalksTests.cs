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
/// The provider's completion report sorted by a figure finds its page by walking the figure's stored keys
/// (<c>EnrolmentSortKeys</c>, migration 0045) and merging the rows whose keys are not stored or are past their moment,
/// computed live (issue 23). Every page of every figure's order, both ways, in pages of several sizes, is the whole
/// report's rows there (the report sorted from every row, <see cref="CompletionReportRepository.StreamAsync"/>): with
/// nothing stored, everything stored, some rows unstored, some stored with figures the live data no longer gives
/// (the report trusts a fresh stored row, so must the walk), some of those past their moment (computed live), ties in
/// every figure (and equal ratios over different totals), two candidates of one name, a candidate on two cohorts, a
/// candidate renamed, and another provider's candidates walked past.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CompletionReportFigureWalksTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly CompletionSort[] FigureSorts = [CompletionSort.Attendance, CompletionSort.Coverage, CompletionSort.Submitted, CompletionSort.Rating, CompletionSort.Materials];

    private readonly Dictionary<string, int> _enrolments = [];
    private readonly Dictionary<string, int> _users = [];
    private int _courseX;

    private readonly FakeFinalOutcomes _outcomes = new();

    private CompletionReportRepository Repository() => new(Db, Frameworks, [_outcomes]);

    private EnrolmentFiguresRepository Store() => new(Db, Frameworks, [_outcomes]);

    [OneTimeSetUp]
    public async Task Provider()
    {
        var mentor = await Data.UserAsync("mo@figwalks.example", "Mo Mentor", Roles.Mentor);
        _courseX = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var courseY = await Data.CourseAsync("npq-headship", leadership: true, framework: null);
        var cohortA = await Data.CohortAsync(_courseX, "Cohort A");
        var cohortB = await Data.CohortAsync(_courseX, "Cohort B");
        var cohortC = await Data.CohortAsync(courseY, "Cohort C");

        // Attendance: three ended sessions in A, two in B, none in C (-1); one of A's still to come (so A's rows expire).
        var sessions = new Dictionary<int, List<int>>
        {
            [cohortA] = [await Data.SessionAsync(cohortA, At(3, 2, 10)), await Data.SessionAsync(cohortA, At(3, 9, 10)), await Data.SessionAsync(cohortA, At(3, 16, 10))],
            [cohortB] = [await Data.SessionAsync(cohortB, At(3, 3, 10)), await Data.SessionAsync(cohortB, At(3, 10, 10))],
            [cohortC] = [],
        };
        await Data.SessionAsync(cohortA, new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc));

        // Materials: three items in X, six in Y, so 1 of 3 and 2 of 6 tie.
        var itemsX = new List<int>();
        var moduleX = await Data.ModuleAsync(_courseX);
        for (var n = 0; n < 3; n++)
        {
            itemsX.Add(await Data.ItemAsync(moduleX));
        }

        var itemsY = new List<int>();
        var moduleY = await Data.ModuleAsync(courseY);
        for (var n = 0; n < 6; n++)
        {
            itemsY.Add(await Data.ItemAsync(moduleY));
        }

        var tasks = new Dictionary<int, List<int>>
        {
            [cohortA] = [await Data.TaskAsync(_courseX, cohortA, new DateOnly(2026, 3, 10)), await Data.TaskAsync(_courseX, cohortA, new DateOnly(2026, 4, 10))],
            [cohortB] = [await Data.TaskAsync(_courseX, cohortB, new DateOnly(2026, 3, 20))],
            [cohortC] = [await Data.TaskAsync(courseY, cohortC, new DateOnly(2026, 3, 20)), await Data.TaskAsync(courseY, cohortC, new DateOnly(2026, 4, 20))],
        };

        // Names so that ties in a figure are broken by the name, two of one name, one on two cohorts.
        var people = new (string Key, string Name, int Cohort)[]
        {
            ("zed", "Zed Adams", cohortA), ("sam1", "Sam Smith", cohortA), ("sam2", "Sam Smith", cohortB), ("amy", "Amy Young", cohortC),
            ("bob", "Bob Brown", cohortA), ("cat", "Cat Cole", cohortB), ("dan", "Dan Dale", cohortC), ("eve", "Eve East", cohortA),
            ("fay", "Fay Fox", cohortB), ("gus", "Gus Gray", cohortC), ("hal", "Hal Hill", cohortA), ("ivy", "Ivy Ives", cohortB),
            ("kim", "Kim Kerr", cohortA), ("kim2", "Kim Kerr", cohortC),
        };
        var statements = Data.StatementIds;
        for (var i = 0; i < people.Length; i++)
        {
            var (key, name, cohort) = people[i];
            var user = key == "kim2" ? _users["kim"] : await Data.UserAsync($"{key}@figwalks.example", name, Roles.Candidate);
            _users.TryAdd(key, user);
            _enrolments[key] = await Data.EnrolAsync(cohort, user, mentor);
            var attended = i % 4;
            for (var s = 0; s < sessions[cohort].Count; s++)
            {
                var session = sessions[cohort][s];
                if (s < attended)
                {
                    await Data.SegmentAsync(session, user, At(3, 2 + s, 10), At(3, 2 + s, 11));
                }
                else if (i % 2 == 0)
                {
                    await Data.MarkAsync(session, user, "Absent", mentor);
                }
            }

            if (key != "kim2" && i % 3 > 0)
            {
                await Data.EvidenceAsync(user, At(2, 1, 12), draft: false, statements.Take(i % 3).ToArray());
            }

            foreach (var task in tasks[cohort].Take(i % 3))
            {
                await Data.SubmitAsync(task, user, cohort, At(3, 5, 12));
            }

            if (i % 3 == 1)
            {
                await Data.ProgressAsync(user, cohort, mentor, At(3, 1, 9), ("a", "Secure"), ("b", i % 2 == 0 ? "Emerging" : "Secure"));
            }
            else if (i % 3 == 2)
            {
                await Data.ProgressAsync(user, cohort, mentor, At(3, 1, 9), ("a", "Developing"));
            }

            var items = cohort == cohortC ? itemsY : itemsX;
            foreach (var item in items.Take(cohort == cohortC ? 2 * (i % 3) : i % 3))
            {
                await Data.MaterialProgressAsync(user, item, complete: true);
            }
        }

        // Another provider's candidates (and their stored keys) are walked past.
        var otherProvider = await new OrganisationRepository(Db).EnsureProviderAsync("Figure walks elsewhere", At(1, 1, 0));
        var elsewhere = await Data.CourseAsync("npq-elsewhere", leadership: false);
        await Data.ExecuteAsync("UPDATE Courses SET ProviderId = @otherProvider WHERE Id = @elsewhere", new { otherProvider, elsewhere });
        var otherCohort = await Data.CohortAsync(elsewhere, "Cohort A");
        foreach (var name in new[] { "Aaron Outsider", "Mia Outsider" })
        {
            var outsider = await Data.UserAsync($"{name.Replace(' ', '.').ToLowerInvariant()}@figwalks.example", name, Roles.Candidate, null, otherProvider);
            await Data.EnrolAsync(otherCohort, outsider, mentor);
        }
    }

    /// <summary>Every enrolment's figures computed and stored, as the figures job does.</summary>
    private async Task StoreEveryRowAsync()
    {
        var store = Store();
        var ids = await store.PickAsync(1000, Now);
        await store.ClaimAsync(ids, 5);
        Assert.That(await store.StoreAsync(await store.ComputeAsync(ids, Now), 5), Is.EqualTo(ids.Count));
        Assert.That(await store.PickAsync(1000, Now), Is.Empty, "every row and its keys stored");
    }

    private IReadOnlyList<int> Ids(params string[] keys) => keys.Select(k => _enrolments[k]).ToList();

    /// <summary>Stored rows given figures the live data does not give, in both tables alike (as the job would have stored them before a change); keys not stored stay so (their parts are written and cleared all together).</summary>
    private async Task StoreOtherFiguresAsync(IReadOnlyList<int> ids, DateTime? validUntilUtc)
    {
        foreach (var table in new[] { "EnrolmentFigures", "EnrolmentSortKeys" })
        {
            await Data.ExecuteAsync($"""
                UPDATE {table} SET SessionsAttended = SessionsCounted, TasksSubmitted = 1, LatestRatingSum = 3, StatementsCovered = 2,
                       MaterialsCompleted = 1, ValidUntilUtc = @validUntilUtc
                WHERE EnrolmentId IN @ids{(table == "EnrolmentSortKeys" ? " AND SessionsCounted IS NOT NULL" : "")}
                """, new { ids, validUntilUtc });
        }
    }

    private async Task<int> LiveKeysAsync()
    {
        await using var connection = await Db.OpenAsync();
        var (sql, parameters) = new CompletionReportSql(Db.Dialect, Frameworks).LiveSortKeys(ReportScope.ForProvider(ProviderId), Now);
        parameters.Add("Skip", 0);
        parameters.Add("Take", 1000);
        return (await connection.QueryAsync<int>(sql, parameters)).Count();
    }

    [Test]
    public async Task GetPage_ProviderWide_EveryFigureBothWaysEveryPageSize_StoredUnstoredAndStale_IsTheWholeReportsOrder()
    {
        var states = new (string Name, Func<Task> Arrange, int Live)[]
        {
            ("nothing stored", () => Data.ExecuteAsync("DELETE FROM EnrolmentFigures"), 14),
            ("everything stored", StoreEveryRowAsync, 0),
            ("some unstored, some stored with other figures, some of those past their moment", async () =>
            {
                await StoreEveryRowAsync();
                await Data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId IN @ids", new { ids = Ids("sam2", "amy", "kim") });
                await StoreOtherFiguresAsync(Ids("zed", "dan", "sam1"), null);
                await StoreOtherFiguresAsync(Ids("bob", "ivy"), At(5, 1, 0));
            }, 5),
            ("figures stored and their keys not (as after migration 0045)", async () =>
            {
                await StoreEveryRowAsync();
                await Data.ExecuteAsync("UPDATE EnrolmentSortKeys SET SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL, LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL");
                await StoreOtherFiguresAsync(Ids("zed", "dan"), null);
            }, 14),
            ("the keys copied from the stored figures", async () =>
            {
                Assert.That(await Store().CopyStoredSortKeysAsync(10), Is.EqualTo(10));
                Assert.That(await Store().CopyStoredSortKeysAsync(10), Is.EqualTo(6), "the rest, the other provider's two with them");
                Assert.That(await Store().CopyStoredSortKeysAsync(10), Is.Zero, "none left to copy");
                Assert.That(await Store().PickAsync(1000, Now), Is.Empty, "nothing left to compute");
            }, 0),
            // The kept row holds the name (migration 0059): the rename deletes it, and that row is computed live.
            ("a candidate renamed", async () =>
            {
                await StoreEveryRowAsync();
                await StoreOtherFiguresAsync(Ids("zed", "eve", "gus"), null);
                await Data.ExecuteAsync("UPDATE Users SET DisplayName = 'Aba Renamed' WHERE Id = @id", new { id = _users["zed"] });
                Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentSortKeys WHERE CandidateName = 'Aba Renamed'"), Is.EqualTo(1), "the walk's name follows");
            }, 1),
        };

        var repository = Repository();
        var scope = ReportScope.ForProvider(ProviderId);
        foreach (var (state, arrange, live) in states)
        {
            await arrange();
            Assert.That(await LiveKeysAsync(), Is.EqualTo(live), $"{state}: the rows computed live");
            foreach (var sort in FigureSorts)
            {
                foreach (var descending in new[] { false, true })
                {
                    var filter = new CompletionFilter { Sort = sort, Descending = descending };
                    var label = $"{state}: {sort} {(descending ? "descending" : "ascending")}";
                    var streamed = await ToListAsync(repository.StreamAsync(scope, filter, Now));
                    Assert.That(streamed, Has.Count.EqualTo(14), label);
                    Assert.That(streamed.Select(r => r.CandidateName), Has.None.Contains("Outsider"), label);
                    foreach (var size in new[] { 1, 3, 4, 25 })
                    {
                        var paged = new List<CompletionRow>();
                        for (var page = 1; page <= (streamed.Count + size - 1) / size; page++)
                        {
                            var read = await repository.GetPageAsync(scope, filter, page, size, Now);
                            Assert.That((read.Total, read.Page), Is.EqualTo((14, page)), $"{label}, page {page} of {size}");
                            paged.AddRange(read.Rows);
                        }

                        Assert.That(paged.Select(r => r.EnrolmentId), Is.EqualTo(streamed.Select(r => r.EnrolmentId)), $"{label}, pages of {size}");
                        Assert.That(paged, Is.EqualTo(streamed), $"{label}, pages of {size}: the rows");
                    }
                }
            }
        }

        // The figures tie: each order has rows of equal figure told apart by name, candidate and enrolment.
        var everything = await ToListAsync(repository.StreamAsync(scope, new CompletionFilter { Sort = CompletionSort.Materials }, Now));
        Assert.That(everything.GroupBy(r => (r.MaterialsCompleted * 6 / Math.Max(1, r.MaterialsTotal), r.MaterialsTotal)).Count(), Is.LessThan(14));
        Assert.That(everything.Select(r => r.MaterialsTotal).Distinct().Count(), Is.EqualTo(2), "ratios over two totals");
    }

    [Test]
    public async Task GetPage_ProviderWideFiltered_EveryFigure_OnlyTheFilteredRowsInOrder()
    {
        await StoreEveryRowAsync();
        await Data.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Deferred' WHERE Id IN @ids", new { ids = Ids("cat", "hal", "kim2") });
        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId IN @ids", new { ids = Ids("ivy", "hal") });
        var repository = Repository();
        var scope = ReportScope.ForProvider(ProviderId);
        foreach (var sort in FigureSorts)
        {
            foreach (var filter in new[]
            {
                new CompletionFilter { Sort = sort, Status = TrainingStatus.Deferred },
                new CompletionFilter { Sort = sort, Status = TrainingStatus.Active, Descending = true },
                new CompletionFilter { Sort = sort, CourseId = _courseX, Descending = true },
            })
            {
                var label = $"{sort} {filter.Status} {filter.CourseId}";
                var streamed = await ToListAsync(repository.StreamAsync(scope, filter, Now));
                Assert.That(streamed, Is.Not.Empty, label);
                var paged = new List<CompletionRow>();
                for (var page = 1; page <= (streamed.Count + 1) / 2; page++)
                {
                    paged.AddRange((await repository.GetPageAsync(scope, filter, page, 2, Now)).Rows);
                }

                Assert.That(paged, Is.EqualTo(streamed), label);
            }
        }

        await Data.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Active' WHERE Id IN @ids", new { ids = Ids("cat", "hal", "kim2") });
    }
    [Test]
    public async Task SortKeys_FollowTheEnrolmentItsCohortItsCourseAndTheCandidate()
    {
        var otherProvider = await new OrganisationRepository(Db).EnsureProviderAsync("Figure walks elsewhere", At(1, 1, 0));
        var course = await Data.CourseAsync("npq-moving", leadership: false);
        await Data.ExecuteAsync("UPDATE Courses SET ProviderId = @otherProvider WHERE Id = @course", new { otherProvider, course });
        var cohort = await Data.CohortAsync(course, "Moving Cohort");
        var otherCohort = await Data.CohortAsync(course, "Moving Cohort 2");
        var user = await Data.UserAsync("mover@figwalks.example", "Mo Ving", Roles.Candidate, null, otherProvider);
        var enrolment = await Data.EnrolAsync(cohort, user, null);

        async Task<(int Provider, string Name, int User, bool Stored)> KeysAsync()
        {
            await using var connection = await Db.OpenAsync();
            var row = await connection.QuerySingleAsync<(long, string, long, long)>(
                "SELECT ProviderId, CandidateName, CandidateUserId, CASE WHEN SessionsCounted IS NULL THEN 0 ELSE 1 END FROM EnrolmentSortKeys WHERE EnrolmentId = @enrolment",
                new { enrolment });
            return ((int)row.Item1, row.Item2, (int)row.Item3, row.Item4 == 1);
        }

        Assert.That(await KeysAsync(), Is.EqualTo((otherProvider, "Mo Ving", user, false)), "a new enrolment's row, its keys not yet stored");
        var store = Store();
        await store.ClaimAsync([enrolment], 8);
        await store.StoreAsync(await store.ComputeAsync([enrolment], Now), 8);
        Assert.That(await KeysAsync(), Is.EqualTo((otherProvider, "Mo Ving", user, true)), "stored with the figures");

        await Data.ExecuteAsync("UPDATE Enrolments SET CohortId = @otherCohort WHERE Id = @enrolment", new { otherCohort, enrolment });
        Assert.That(await KeysAsync(), Is.EqualTo((otherProvider, "Mo Ving", user, false)), "moved: its figures and keys go");
        await store.ClaimAsync([enrolment], 9);
        await store.StoreAsync(await store.ComputeAsync([enrolment], Now), 9);
        await Data.ExecuteAsync("UPDATE Courses SET ProviderId = @ProviderId WHERE Id = @course", new { ProviderId, course });
        Assert.That((await KeysAsync()).Provider, Is.EqualTo(ProviderId), "the course's provider followed");
        await Data.ExecuteAsync("UPDATE Cohorts SET CourseId = (SELECT MIN(Id) FROM Courses WHERE ProviderId = @otherProvider) WHERE Id = @otherCohort", new { otherProvider, otherCohort });
        Assert.That((await KeysAsync()).Provider, Is.EqualTo(otherProvider), "the cohort's course's provider followed");
        await Data.ExecuteAsync("UPDATE Users SET DisplayName = 'Mo Ved' WHERE Id = @user", new { user });
        Assert.That((await KeysAsync()).Name, Is.EqualTo("Mo Ved"), "the candidate's new name");

        await Data.ExecuteAsync("DELETE FROM Enrolments WHERE Id = @enrolment", new { enrolment });
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentSortKeys WHERE EnrolmentId = @enrolment", new { enrolment }), Is.Zero, "an enrolment deleted, its row goes");
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentSortKeys k JOIN Enrolments e ON e.Id = k.EnrolmentId"),
            Is.EqualTo(await Data.ScalarAsync("SELECT COUNT(*) FROM Enrolments")), "one row per enrolment");
    }
}

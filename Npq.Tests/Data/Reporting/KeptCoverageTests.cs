using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// A candidate's statements covered of their course's framework, kept by the figures job (migration 0050) and read by a
/// headteacher's home: the kept count is the live count; it is read only for the framework it was counted against, as
/// loaded now; a change to the candidate's evidence deletes it; a count of another text of the framework is counted again.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class KeptCoverageTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task Coverage_KeptByTheFiguresJob_IsReadForItsFrameworkUntilAChangeDeletesIt()
    {
        var framework = Frameworks.Find("npqsl")!;
        var ids = framework.StatementIds.ToList();
        var ivy = await Data.UserAsync("ivy@coverage.example", "Ivy Coverage", Roles.Candidate);
        var course = await Data.CourseAsync("npq-coverage", leadership: true);
        var enrolment = await Data.EnrolAsync(await Data.CohortAsync(course, "Coverage Cohort"), ivy, null);
        await Data.EvidenceAsync(ivy, At(3, 1, 9), false, ids[0], ids[1].ToUpperInvariant(), "not-a-statement");
        await Data.EvidenceAsync(ivy, At(3, 2, 9), false, ids[1]);
        await Data.EvidenceAsync(ivy, At(3, 3, 9), true, ids[2]);
        var evidence = new EvidenceRepository(Db);
        Assert.That(await evidence.CountStatementsCoveredAsync([ivy], framework), Is.EquivalentTo(new Dictionary<int, int> { [ivy] = 2 }),
            "live: two statements, one linked twice in two cases; the draft's and the unknown id are not counted");

        var store = new EnrolmentFiguresRepository(Db, Frameworks, []);
        await store.ClaimAsync([enrolment], claim: 11);
        var figures = (await store.ComputeAsync([enrolment], Now)).Single();
        Assert.That((figures.FrameworkCovered, figures.FrameworkCoveredOf), Is.EqualTo(((int?)2, EvidenceRepository.CoverageKey(framework))));
        Assert.That(await store.StoreAsync([figures], claim: 11), Is.EqualTo(1));
        Assert.That(await store.PickAsync(1000, Now), Does.Not.Contain(enrolment), "kept and counted against the framework loaded: not picked");

        // The kept count is what is read (marked here so the read shows where it came from), for its framework only.
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCovered = 7 WHERE EnrolmentId = @enrolment", new { enrolment });
        Assert.That(await evidence.CountStatementsCoveredAsync([ivy], framework), Is.EquivalentTo(new Dictionary<int, int> { [ivy] = 7 }));
        var otherText = new Framework("npqsl", framework.Title, [new Area("a", "A", 1, [new Statement(ids[1], StatementKind.LearnThat, ids[1], "x", "x", "a", null, [])], [])]);
        Assert.That(await evidence.CountStatementsCoveredAsync([ivy], otherText), Is.EquivalentTo(new Dictionary<int, int> { [ivy] = 1 }),
            "another text of the framework is counted live");

        // A count made against another text of the framework is picked to be counted again.
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCoveredOf = 'npqsl:0000' WHERE EnrolmentId = @enrolment", new { enrolment });
        Assert.That(await store.PickAsync(1000, Now), Does.Contain(enrolment));
        Assert.That(await evidence.CountStatementsCoveredAsync([ivy], framework), Is.EquivalentTo(new Dictionary<int, int> { [ivy] = 2 }), "not its framework now: live");

        // A new link deletes the kept row (the trigger): live again, with the new statement.
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCoveredOf = @of WHERE EnrolmentId = @enrolment", new { of = EvidenceRepository.CoverageKey(framework), enrolment });
        await Data.EvidenceAsync(ivy, At(3, 4, 9), false, ids[3]);
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentFigures WHERE EnrolmentId = @enrolment", new { enrolment }), Is.Zero);
        Assert.That(await evidence.CountStatementsCoveredAsync([ivy], framework), Is.EquivalentTo(new Dictionary<int, int> { [ivy] = 3 }));
    }
}

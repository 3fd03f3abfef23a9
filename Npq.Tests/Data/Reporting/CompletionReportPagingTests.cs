using System.Data.Common;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Reporting;
using Npq.Tests.Web.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// A page of the completion report in an order that needs no figure is read before the rows are counted (issue 23): a
/// page that ends short of a whole page tells the total itself, and only a full page or one past the end has the rows
/// counted, on a connection of its own. Five candidates, three of them mentored by Mo, in pages of two and of ten.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CompletionReportPagingTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private readonly List<int> _enrolments = [];
    private int _mentor;

    [OneTimeSetUp]
    public async Task Candidates()
    {
        _mentor = await Data.UserAsync("mo@paging.example", "Mo Paging", Roles.Mentor);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var cohort = await Data.CohortAsync(course, "Paging Cohort");
        foreach (var (name, mentored) in new[] { ("Ada", true), ("Ben", false), ("Cy", true), ("Dan", false), ("Eve", true) })
        {
            var user = await Data.UserAsync($"{name.ToLowerInvariant()}@paging.example", $"{name} Paging", Roles.Candidate);
            _enrolments.Add(await Data.EnrolAsync(cohort, user, mentored ? _mentor : null));
        }
    }

    private ReportScope Provider => ReportScope.ForProvider(ProviderId);

    [TestCase(1, 10, 1, 5, 1)]
    [TestCase(3, 2, 3, 5, 1)]
    [TestCase(1, 2, 1, 5, 2)]
    [TestCase(2, 2, 2, 5, 2)]
    [TestCase(9, 2, 3, 5, 2)]
    [TestCase(2, 5, 1, 5, 2)]
    public async Task Page_OfTheProvidersReport_CountsTheRowsOnlyWhenThePageDoesNotTellTheTotal(int asked, int size, int shown, int total, int connections)
    {
        var counting = new CountingConnections(Db);

        var page = await new CompletionReportRepository(counting, Frameworks, [new FakeFinalOutcomes()]).GetPageAsync(Provider, new CompletionFilter(), asked, size, Now);

        Assert.That((page.Page, page.Total), Is.EqualTo((shown, total)));
        Assert.That(page.Rows.Select(r => r.EnrolmentId), Is.EqualTo(_enrolments.Skip((shown - 1) * size).Take(size)), "the candidates' order");
        Assert.That(counting.Opened, Is.EqualTo(connections), "a short page needs no count; a full page or one past the end does (the last page then read again on the page's connection)");
    }

    [Test]
    public async Task Page_OfAMentorsWholeReport_IsReadOnce()
    {
        var counting = new CountingConnections(Db);

        var page = await new CompletionReportRepository(counting, Frameworks, [new FakeFinalOutcomes()]).GetPageAsync(ReportScope.ForMentor(_mentor), new CompletionFilter(), 1, 25, Now);

        Assert.That(page.Rows.Select(r => r.EnrolmentId), Is.EqualTo(new[] { _enrolments[0], _enrolments[2], _enrolments[4] }));
        Assert.That((page.Total, counting.Opened), Is.EqualTo((3, 1)));
    }

    [Test]
    public async Task Page_OfNobody_IsEmpty_WhateverPageIsAsked()
    {
        var nobody = await Data.UserAsync("nobody@paging.example", "Nobody Mentored", Roles.Mentor);
        var report = new CompletionReportRepository(Db, Frameworks, [new FakeFinalOutcomes()]);

        foreach (var asked in new[] { 1, 4 })
        {
            var page = await report.GetPageAsync(ReportScope.ForMentor(nobody), new CompletionFilter(), asked, 25, Now);
            Assert.That((page.Rows.Count, page.Total, page.Page), Is.EqualTo((0, 0, 1)), $"page {asked}");
        }
    }

    [Test]
    public async Task Count_OfAProvidersWholeReport_RememberedUntilAnEnrolmentIsMadeThroughTheSite()
    {
        // A provider of its own, so the rows above keep their totals.
        var choices = new ReportChoicesCache(SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var provider = await new OrganisationRepository(Db, choices).EnsureProviderAsync("Counted " + Guid.NewGuid().ToString("N")[..6], Now);
        var course = await Data.CourseAsync("npq-counted", leadership: false);
        await Data.ExecuteAsync("UPDATE Courses SET ProviderId = @provider WHERE Id = @course", new { provider, course });
        var cohort = await Data.CohortAsync(course, "Counted Cohort");
        for (var i = 0; i < 3; i++)
        {
            await Data.EnrolAsync(cohort, await Data.UserAsync($"counted{i}@paging.example", $"Counted {i}", Roles.Candidate), null);
        }

        var scope = ReportScope.ForProvider(provider);
        var report = new CompletionReportRepository(Db, Frameworks, [new FakeFinalOutcomes()], choices);
        var read = await report.CountAsync(scope, new CompletionFilter());
        await Data.EnrolAsync(cohort, await Data.UserAsync("unannounced@paging.example", "Counted Unannounced", Roles.Candidate), null);
        var remembered = await report.CountAsync(scope, new CompletionFilter { Sort = CompletionSort.School, Descending = true });
        var filtered = await report.CountAsync(scope, new CompletionFilter { Status = Npq.Core.Enrolment.TrainingStatus.Active });
        var unremembered = await new CompletionReportRepository(Db, Frameworks, [new FakeFinalOutcomes()]).CountAsync(scope, new CompletionFilter());
        var announcedCandidate = await Data.UserAsync("announced@paging.example", "Counted Announced", Roles.Candidate);
        await new EnrolmentRepository(Db, null, choices).EnsureAsync(cohort, announcedCandidate, null, Now);
        var announced = await report.CountAsync(scope, new CompletionFilter());

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(3));
            Assert.That(remembered, Is.EqualTo(3), "an enrolment nothing announced is not seen, whatever the order");
            Assert.That(filtered, Is.EqualTo(4), "a filtered count is read afresh");
            Assert.That(unremembered, Is.EqualTo(4), "without the cache every count is fresh");
            Assert.That(announced, Is.EqualTo(5), "an enrolment made through the site forgets the count");
        });
    }

    /// <summary>The database's connections, counting how many were opened.</summary>
    private sealed class CountingConnections(IDbConnectionFactory inner) : IDbConnectionFactory
    {
        public int Opened { get; private set; }

        public ISqlDialect Dialect => inner.Dialect;

        public string ConnectionString => inner.ConnectionString;

        public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
        {
            Opened++;
            return inner.OpenAsync(cancellationToken);
        }

        public Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default) => inner.OpenForWriteAsync(cancellationToken);
    }
}

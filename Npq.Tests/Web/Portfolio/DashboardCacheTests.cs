using System.Net;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;

namespace Npq.Tests.Web.Portfolio;

/// <summary>
/// A candidate's dashboard is kept for a few seconds and served again to the same session, until anyone writes
/// anything through the site. These tests write to the repository directly (which the cache cannot see) to show when
/// a page came from the cache, and through the site to show that a write is seen at once.
/// </summary>
public sealed class DashboardCacheTests : PortfolioFixture
{
    private static string CoverageLine(AngleSharp.Dom.IDocument page) => page.QuerySelector("#coverage-heading")!.ParentElement!.QuerySelector("p")!.Text();

    private async Task AddEvidenceBehindTheSitesBackAsync(string email, string title)
    {
        var now = DateTime.UtcNow;
        await Service<EvidenceRepository>().CreateAsync(new EvidenceItem
        {
            CandidateUserId = await IdOf(email), Title = title, EvidenceDate = new DateOnly(2026, 11, 2), IsDraft = false, CreatedUtc = now, UpdatedUtc = now,
            StatementIds = [Service<IFrameworkCatalog>().Find("npqsl")!.Areas[0].AllStatements.First().Id],
        }, await IdOf(email));
    }

    private static async Task<AngleSharp.Dom.IDocument> DashboardAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await Html.ReadAsync(response);
    }

    [Test]
    public async Task RepeatVisit_IsServedFromTheCache_AndTheCandidatesOwnWriteShowsAtOnce()
    {
        using var amira = Factory.ClientFor(Amira);
        await DashboardAsync(amira); // the first visit sets the antiforgery cookie the cache key needs
        var before = CoverageLine(await DashboardAsync(amira));

        await AddEvidenceBehindTheSitesBackAsync(Amira, "Written straight to the database");
        var cached = CoverageLine(await DashboardAsync(amira));
        var posted = await PostAsync(amira, "/evidence/new", "/evidence/new",
            ("Title", "Recorded through the site"), ("EvidenceDate", "2026-11-03"), ("Reflection", "Notes."), ("Intent", "record"),
            ("StatementIds", Service<IFrameworkCatalog>().Find("npqsl")!.Areas[1].AllStatements.First().Id));
        var after = CoverageLine(await DashboardAsync(amira));

        Assert.That(cached, Is.EqualTo(before), "a repeat visit within the lifetime is the cached page");
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after, Is.Not.EqualTo(before), "the candidate's own write is seen on the next visit");
        Assert.That(after, Does.StartWith($"{int.Parse(before.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) + 2} recorded item(s)"));
    }

    [Test]
    public async Task SomeoneElsesWrite_ShowsOnTheCandidatesNextVisit()
    {
        using var ben = Factory.ClientFor(Ben);
        using var mentor = Factory.ClientFor(Mentor);
        await DashboardAsync(ben);
        await DashboardAsync(ben);

        var values = Service<IFrameworkCatalog>().Find("npqsl")!.Areas.ToDictionary(a => $"Ratings[{a.Slug}]", _ => "Secure");
        values["Narrative"] = "A strong half term.";
        values["NextSteps"] = "Lead the curriculum review with the new timetable.";
        var written = await Forms.SubmitAsync(mentor, $"/progress/new?candidate={await IdOf(Ben)}", "#progress-form", values);
        var page = await DashboardAsync(ben);

        Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.QuerySelector("#update-heading")!.ParentElement!.Text(), Does.Contain("Lead the curriculum review with the new timetable."));
    }

    [Test]
    public async Task CachedPages_AreKeptPerPerson_AndNotForStaff()
    {
        using var amira = Factory.ClientFor(Amira);
        using var ben = Factory.ClientFor(Ben);
        using var mentor = Factory.ClientFor(Mentor);
        await DashboardAsync(amira);
        await DashboardAsync(ben);
        await DashboardAsync(mentor);
        var amiraPage = await DashboardAsync(amira);
        var benPage = await DashboardAsync(ben);
        // The home page shows the ten most urgent mentees and says how many there are when there are more.
        static int Mentees(AngleSharp.Dom.IDocument page) =>
            System.Text.RegularExpressions.Regex.Match(page.QuerySelector(".dashboard.mentor")!.TextContent, @"of your (\d+) mentees") is { Success: true } more
                ? int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : page.QuerySelectorAll(".dashboard.mentor table.mentees tbody tr").Length;
        var mentorBefore = Mentees(await DashboardAsync(mentor));

        // A new mentee, written behind the site's back: a cached mentor's page would not show them.
        var amira_ = await IdOf(Amira);
        var mentorId = await IdOf(Mentor);
        await using (var connection = await Service<Npq.Data.Infrastructure.IDbConnectionFactory>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE Enrolments SET MentorUserId = NULL WHERE CandidateUserId = @amira_ AND MentorUserId = @mentorId", new { amira_, mentorId });
        }

        var mentorAfter = Mentees(await DashboardAsync(mentor));

        Assert.That(amiraPage.QuerySelector("h1")!.Text(), Does.Contain("Amira"));
        Assert.That(benPage.QuerySelector("h1")!.Text(), Does.Contain("Ben"));
        Assert.That(benPage.Body!.Text(), Does.Not.Contain("Amira"), "one candidate never gets another's cached page");
        Assert.That(mentorBefore, Is.GreaterThan(0));
        Assert.That(mentorAfter, Is.EqualTo(mentorBefore - 1), "a mentor's dashboard is built on every visit");
    }
}

using System.Net;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;

namespace Npq.Tests.Web.Portfolio;

public sealed class EvidenceListPagingTests : PortfolioFixture
{
    private int _existing;

    [OneTimeSetUp]
    public async Task ManyItemsForBen()
    {
        var ben = await IdOf(Ben);
        _existing = (await Service<EvidenceRepository>().GetCountsAsync(ben)) is var (finished, drafts) ? finished + drafts : 0;
        var now = DateTime.UtcNow;
        for (var day = 1; day <= 30; day++)
        {
            await Service<EvidenceRepository>().CreateAsync(new EvidenceItem
            {
                CandidateUserId = ben, Title = $"Paged item {day:00}", EvidenceDate = new DateOnly(2030, 1, day), IsDraft = day % 2 == 0,
                CreatedUtc = now, UpdatedUtc = now, StatementIds = day == 30 ? ["sc-lt-1", "sc-lt-2"] : [],
            }, ben);
        }
    }

    private static IReadOnlyList<string> Titles(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".evidence-list h2").Select(h => h.Text()).ToList();

    [Test]
    public async Task List_ShowsOnePageNewestFirst_WithLinksToTheNext()
    {
        using var ben = Factory.ClientFor(Ben);
        var first = await Html.ReadAsync(await ben.GetAsync("/evidence"));
        var second = await Html.ReadAsync(await ben.GetAsync("/evidence?page=2"));

        Assert.That(Titles(first), Has.Count.EqualTo(EvidenceListPage.PageSize));
        Assert.That(Titles(first).Take(3), Is.EqualTo(new[] { "Paged item 30", "Paged item 29", "Paged item 28" }));
        Assert.That(first.QuerySelector(".evidence-list li .meta")!.Text(), Does.Contain("2 statements").And.Contain("Draft"));
        Assert.That(first.QuerySelector("nav.pager")!.Text(), Does.Contain("Page 1"));
        Assert.That(first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"), Is.EqualTo("/evidence?page=2"));
        Assert.That(first.QuerySelector("nav.pager a[rel=prev]"), Is.Null);
        Assert.That(first.QuerySelector("main .meta")!.Text(), Does.Contain("Newest first, 25 a page"));
        Assert.That(Titles(second).Take(5), Is.EqualTo(new[] { "Paged item 05", "Paged item 04", "Paged item 03", "Paged item 02", "Paged item 01" }));
        Assert.That(second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"), Is.EqualTo("/evidence?page=1"));
    }

    [Test]
    public async Task APagePastTheEnd_SaysSoAndLinksToTheFirst()
    {
        using var ben = Factory.ClientFor(Ben);
        var last = (_existing + 30 + EvidenceListPage.PageSize - 1) / EvidenceListPage.PageSize;

        var lastPage = await Html.ReadAsync(await ben.GetAsync($"/evidence?page={last}"));
        var response = await ben.GetAsync("/evidence?page=999");
        var beyond = await Html.ReadAsync(response);

        Assert.That(Titles(lastPage), Is.Not.Empty);
        Assert.That(lastPage.QuerySelector("nav.pager a[rel=next]"), Is.Null, "no next link on the last page");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Titles(beyond), Is.Empty);
        Assert.That(beyond.QuerySelector("main")!.Text(), Does.Contain("There is no page 999"));
        Assert.That(beyond.QuerySelector("main a[href='/evidence?page=1']"), Is.Not.Null);
    }

    [TestCase("-3")]
    [TestCase("0")]
    public async Task PageNumberBelowOne_ShowsTheFirstPage(string page)
    {
        using var ben = Factory.ClientFor(Ben);

        var response = await ben.GetAsync($"/evidence?page={page}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Titles(await Html.ReadAsync(response))[0], Is.EqualTo("Paged item 30"));
    }

    [Test]
    public async Task MentorsPageLinks_KeepTheCandidate()
    {
        using var mentor = Factory.ClientFor(Mentor);
        var ben = await IdOf(Ben);

        var page = await Html.ReadAsync(await mentor.GetAsync($"/evidence?candidate={ben}"));

        Assert.That(page.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"), Is.EqualTo($"/evidence?candidate={ben}&page=2"));
    }

    [Test]
    public async Task TheCandidatesName_ComesFromTheSessionCache_AndARenameShowsAtOnce()
    {
        using var mentor = Factory.ClientFor(Mentor);
        var users = Service<Npq.Data.Accounts.UserRepository>();
        var ben = (await users.FindByIdAsync(await IdOf(Ben)))!;
        var name = ben.DisplayName;
        var before = await Html.ReadAsync(await mentor.GetAsync($"/evidence?candidate={ben.Id}"));
        try
        {
            ben.DisplayName = "Benedict Renamed";
            await users.UpdateAsync(ben);
            var after = await Html.ReadAsync(await mentor.GetAsync($"/evidence?candidate={ben.Id}"));

            Assert.That(before.QuerySelector("h1")!.Text(), Does.Contain(name));
            Assert.That(after.QuerySelector("h1")!.Text(), Does.Contain("Benedict Renamed"), "the rename forgets the cached name");
        }
        finally
        {
            var restored = (await users.FindByIdAsync(ben.Id))!;
            restored.DisplayName = name;
            await users.UpdateAsync(restored);
        }
    }

    [Test]
    public async Task APageNumberThatIsNotANumber_ShowsTheFirstPage()
    {
        using var ben = Factory.ClientFor(Ben);

        var response = await ben.GetAsync("/evidence?page=abc");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Titles(await Html.ReadAsync(response))[0], Is.EqualTo("Paged item 30"));
    }
}

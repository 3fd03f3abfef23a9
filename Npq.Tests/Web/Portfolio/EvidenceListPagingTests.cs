using System.Net;
using Npq.Core.Evidence;
using Npq.Data.Evidence;
using Npq.Web.Features.Evidence;

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
        var total = _existing + 30;

        Assert.That(Titles(first), Has.Count.EqualTo(EvidenceListPage.PageSize));
        Assert.That(Titles(first).Take(3), Is.EqualTo(new[] { "Paged item 30", "Paged item 29", "Paged item 28" }));
        Assert.That(first.QuerySelector(".evidence-list li .meta")!.Text(), Does.Contain("2 statements").And.Contain("Draft"));
        Assert.That(first.QuerySelector("nav.pager")!.Text(), Does.Contain($"Page 1 of {(total + 24) / 25}"));
        Assert.That(first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"), Is.EqualTo("/evidence?page=2"));
        Assert.That(first.QuerySelector("nav.pager a[rel=prev]"), Is.Null);
        Assert.That(first.QuerySelector("main")!.Text(), Does.Contain($"{total} items"));
        Assert.That(Titles(second).Take(5), Is.EqualTo(new[] { "Paged item 05", "Paged item 04", "Paged item 03", "Paged item 02", "Paged item 01" }));
        Assert.That(second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"), Is.EqualTo("/evidence?page=1"));
    }

    [TestCase("999")]
    [TestCase("-3")]
    [TestCase("0")]
    public async Task PageNumberOutOfRange_ShowsTheNearestPage(string page)
    {
        using var ben = Factory.ClientFor(Ben);

        var response = await ben.GetAsync($"/evidence?page={page}");
        var titles = Titles(await Html.ReadAsync(response));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(titles, Is.Not.Empty);
        Assert.That(titles[0], Is.EqualTo(page == "999" ? Titles(await Html.ReadAsync(await ben.GetAsync($"/evidence?page={(_existing + 30 + 24) / 25}")))[0] : "Paged item 30"));
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
    public async Task APageNumberThatIsNotANumber_ShowsTheFirstPage()
    {
        using var ben = Factory.ClientFor(Ben);

        var response = await ben.GetAsync("/evidence?page=abc");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Titles(await Html.ReadAsync(response))[0], Is.EqualTo("Paged item 30"));
    }
}

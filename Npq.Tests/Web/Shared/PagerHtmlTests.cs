using Npq.Web.Features.Shared;

namespace Npq.Tests.Web.Shared;

/// <summary>The pager every paged list shares, as <see cref="PagerHtml"/> writes it straight to the response.</summary>
public sealed class PagerHtmlTests
{
    private static AngleSharp.Dom.IDocument Render(PageLinks links) => Html.Written(new PagerHtml(links));

    [Test]
    public void AMiddlePage_LinksAroundIt_KeepingTheAddressesFilters_EveryAddressAndNameEncoded()
    {
        var links = new PageLinks("/admin/users", [new("q", "Tom & \"Jerry\" <b>"), new("role", null)], 5, 50, 1_234, "people <named> & \"found\"");

        var document = Render(links);

        Assert.That(document.QuerySelector(".pager-status")!.TextContent, Is.EqualTo("Showing 201 to 250 of 1,234."));
        var nav = document.QuerySelector("nav.pager.paged")!;
        Assert.That(nav.GetAttribute("aria-label"), Is.EqualTo("Pages of people <named> & \"found\""));
        Assert.That(document.QuerySelector("b"), Is.Null, "names and filters are text, not markup");
        var items = nav.QuerySelectorAll(".pager-pages li").Select(li => li.TextContent).ToList();
        Assert.That(items, Is.EqualTo(new[] { "Previous page", "Page 1", "…", "Page 3", "Page 4", "Page 5", "Page 6", "Page 7", "…", "Page 25", "Next page" }));
        const string filter = "q=Tom%20%26%20%22Jerry%22%20%3Cb%3E";
        Assert.That(nav.QuerySelector("a[rel=prev]")!.GetAttribute("href"), Is.EqualTo($"/admin/users?{filter}&size=50&page=4"));
        Assert.That(nav.QuerySelector("a[rel=next]")!.GetAttribute("href"), Is.EqualTo($"/admin/users?{filter}&size=50&page=6"));
        Assert.That(nav.QuerySelector("a[aria-current=page]")!.GetAttribute("href"), Is.EqualTo($"/admin/users?{filter}&size=50&page=5"));
        Assert.That(nav.QuerySelectorAll(".pager-pages a:not([rel])").First().GetAttribute("href"), Is.EqualTo($"/admin/users?{filter}&size=50"), "page 1 unnamed");
        Assert.That(nav.QuerySelectorAll(".pager-pages li[aria-hidden=true]"), Has.Length.EqualTo(2), "each gap hidden from screen readers");
        var sizes = nav.QuerySelectorAll(".pager-sizes a, .pager-sizes strong").Select(e => (e.LocalName, e.TextContent, e.GetAttribute("href"))).ToList();
        Assert.That(sizes, Is.EqualTo(new[]
        {
            ("a", "Show 25 per page", $"/admin/users?{filter}"), ("strong", "50", (string?)null), ("a", "Show 100 per page", $"/admin/users?{filter}&size=100"),
        }), "the size shown marked; the others as links to their first page, the default size unnamed");
    }

    [Test]
    public void TheFirstAndLastPages_HaveNoLinkBeyondThem_ACountThatStopped_SaysMoreThan()
    {
        var first = Render(new PageLinks("/webinars", [], 1, 25, 125, "upcoming sessions") { MoreThanTotal = true });
        Assert.That(first.QuerySelector(".pager-status")!.TextContent, Is.EqualTo("Showing 1 to 25 of more than 125."));
        Assert.That(first.QuerySelector("a[rel=prev]"), Is.Null);
        Assert.That(first.QuerySelector("a[rel=next]")!.GetAttribute("href"), Is.EqualTo("/webinars?page=2"));

        var last = Render(new PageLinks("/webinars", [], 5, 25, 120, "upcoming sessions"));
        Assert.That(last.QuerySelector(".pager-status")!.TextContent, Is.EqualTo("Showing 101 to 120 of 120."));
        Assert.That(last.QuerySelector("a[rel=next]"), Is.Null);
        Assert.That(last.QuerySelector("a[rel=prev]")!.GetAttribute("href"), Is.EqualTo("/webinars?page=4"));
    }

    [Test]
    public void OneShortPage_SaysHowMany_WithNoNav_NoneSaysNone()
    {
        var one = Render(new PageLinks("/webinars", [], 1, 25, 7, "upcoming sessions"));
        Assert.That(one.QuerySelector(".pager-status")!.TextContent, Is.EqualTo("Showing 1 to 7 of 7."));
        Assert.That(one.QuerySelector("nav"), Is.Null);

        var none = Render(new PageLinks("/webinars", [], 1, 25, 0, "upcoming sessions"));
        Assert.That(none.QuerySelector(".pager-status")!.TextContent, Is.EqualTo("None to show."));
        Assert.That(none.QuerySelector("nav"), Is.Null);

        var bigPage = Render(new PageLinks("/webinars", [], 1, 50, 30, "upcoming sessions"));
        Assert.That(bigPage.QuerySelector("nav .pager-sizes a")!.TextContent, Is.EqualTo("Show 25 per page"), "one page at 50, but more than the smallest size: the sizes are offered");
        Assert.That(bigPage.QuerySelectorAll(".pager-pages a[rel]"), Is.Empty);
    }
}

using Npq.Web.Features.Webinars.Sessions;

namespace Npq.Tests.Web.Webinars;

/// <summary>The heading the sessions pages share, as they write it straight to the response.</summary>
public sealed class SessionsHeadingHtmlTests
{
    private static List<(string? Href, string Text, string? Current)> Tabs(AngleSharp.Dom.IDocument document) =>
        document.QuerySelectorAll("nav.tabs[aria-label='Sessions'] li a")
            .Select(a => (a.GetAttribute("href"), a.TextContent, a.GetAttribute("aria-current"))).ToList();

    [Test]
    public void TheHeading_NamesTheViewersZone_AndMarksItsOwnTabOnly()
    {
        var document = Html.Written(new SessionsHeadingHtml("Asia/Dubai", SessionsTab.Past, mayRunCohorts: true));

        Assert.That(document.QuerySelector("h1")!.TextContent, Is.EqualTo("Webinars and events"));
        Assert.That(document.QuerySelector("p.lead")!.TextContent, Does.Contain("and in yours (Dubai time)"));
        Assert.That(document.QuerySelector("p.lead a")!.GetAttribute("href"), Is.EqualTo("/settings/time-zone"));
        Assert.That(document.QuerySelectorAll("p a").Select(a => a.GetAttribute("href")), Does.Contain("/calendar").And.Contain("/attendance"));
        Assert.That(Tabs(document), Is.EqualTo(new (string?, string, string?)[]
        {
            ("/webinars", "Upcoming", null),
            ("/webinars/past", "Past sessions and recordings", "page"),
            ("/webinars/cohorts", "Cohorts you run", null),
        }));
    }

    [Test]
    public void WithoutAZone_OrTheRunningOfCohorts_TheLeadAndThatTabAreLeftOut()
    {
        var document = Html.Written(new SessionsHeadingHtml(null, SessionsTab.Upcoming, mayRunCohorts: false));

        Assert.That(document.QuerySelector("p.lead"), Is.Null, "no zone of their own to name");
        Assert.That(Tabs(document), Is.EqualTo(new (string?, string, string?)[]
        {
            ("/webinars", "Upcoming", "page"),
            ("/webinars/past", "Past sessions and recordings", null),
        }));
    }

    [Test]
    public void TheCohortsTab_IsMarkedOnItsOwnPage()
    {
        var document = Html.Written(new SessionsHeadingHtml("Europe/London", SessionsTab.CohortsYouRun, mayRunCohorts: true));

        Assert.That(Tabs(document).Where(t => t.Current == "page").Select(t => t.Href), Is.EqualTo(new[] { "/webinars/cohorts" }));
        Assert.That(document.QuerySelector("p.lead")!.TextContent, Does.Contain("(London time)"));
    }
}

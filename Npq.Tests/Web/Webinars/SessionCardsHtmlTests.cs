using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Webinars;
using Npq.Web.Features.Webinars.Sessions;

namespace Npq.Tests.Web.Webinars;

/// <summary>The session cards as the sessions pages write them, straight to the response.</summary>
public sealed class SessionCardsHtmlTests
{
    private static readonly DateTime Now = new(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc);
    private static readonly SessionCohort Cohort = new() { Id = 3, Name = "Dubai <cohort> & \"friends\"", TimeZone = "Asia/Dubai", ProviderId = 1 };
    private static readonly HtmlString Token = new("<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"t\" />");

    private static SessionCard Card(int id, DateTime startUtc, string? join = "https://meet.example/x", string? venue = null, SessionStatus status = SessionStatus.Scheduled,
        string? recording = null, string? facilitator = "Ann <b>Lee</b>") =>
        new(new SessionSummary
        {
            Id = id, CohortId = Cohort.Id, Title = $"Session {id} <script>alert(1)</script>", StartUtc = startUtc, DurationMinutes = 60, JoinUrl = join, Venue = venue,
            Status = status, RecordingUrl = recording,
        }, Cohort, facilitator, CanManage: false);

    private static AngleSharp.Dom.IDocument Render(IReadOnlyList<SessionCard> cards, string? viewerZone = "Europe/London", bool showCohort = true) =>
        Html.Written(new SessionCardsHtml(cards, viewerZone, Now, 15, showCohort, SessionCardsHtml.NeedsJoinForm(cards, Now) ? Token : null));

    [Test]
    public void ACard_ShowsItsSession_EveryTextEncoded_AndTimesInTheCohortsZoneAndTheViewers()
    {
        var document = Render([Card(7, Now.AddDays(1))]);

        var card = document.QuerySelector("article.session-card")!;
        Assert.That(card.GetAttribute("aria-labelledby"), Is.EqualTo("session-7-title"));
        Assert.That(card.QuerySelector("h3#session-7-title a")!.GetAttribute("href"), Is.EqualTo("/webinars/sessions/7"));
        Assert.That(card.QuerySelector("h3 a")!.TextContent, Is.EqualTo("Session 7 <script>alert(1)</script>"), "the title is text, not markup");
        Assert.That(document.QuerySelector("script"), Is.Null);
        Assert.That(card.QuerySelector(".session-when")!.TextContent, Is.EqualTo("Tue 6 Oct 2026, 12:00 Dubai time (09:00 London time for you), 60 minutes"));
        Assert.That(card.QuerySelector(".session-when time")!.GetAttribute("datetime"), Is.EqualTo("2026-10-06T08:00:00Z"));
        var metas = card.QuerySelectorAll("p.meta").Select(p => p.TextContent).ToList();
        Assert.That(metas, Is.EqualTo(new[] { "Dubai <cohort> & \"friends\"", "Online · Facilitator: Ann <b>Lee</b>" }));
        Assert.That(card.QuerySelector("b"), Is.Null);
        Assert.That(Render([Card(7, Now.AddDays(1))], showCohort: false).QuerySelectorAll("p.meta").Select(p => p.TextContent), Is.EqualTo(new[] { "Online · Facilitator: Ann <b>Lee</b>" }));
    }

    [Test]
    public void JoinButtons_SubmitTheListsOneForm_ToTheirOwnSessions_AreDisabledUntilTheWindowOpens_AndTheHintIsSaidOnce()
    {
        var document = Render([Card(1, Now.AddMinutes(10)), Card(2, Now.AddDays(2))]);

        var form = document.QuerySelector("form#" + SessionCardsHtml.JoinFormId)!;
        Assert.That(document.QuerySelectorAll("form").Length, Is.EqualTo(1), "one form for the list");
        Assert.That((form.GetAttribute("method"), form.HasAttribute("hidden")), Is.EqualTo(("post", true)));
        Assert.That(form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value"), Is.EqualTo("t"));
        var buttons = document.QuerySelectorAll("button.join-button");
        Assert.That(buttons.Select(b => b.GetAttribute("form")), Is.All.EqualTo(SessionCardsHtml.JoinFormId));
        Assert.That(buttons.Select(b => b.GetAttribute("formaction")), Is.EqualTo(new[] { "/webinars/sessions/1/join", "/webinars/sessions/2/join" }));
        Assert.That(buttons.Select(b => b.GetAttribute("type")), Is.All.EqualTo("submit"));
        Assert.That(buttons.Select(b => b.HasAttribute("disabled")), Is.EqualTo(new[] { false, true }), "the first opens 15 minutes before its start");
        Assert.That(buttons.Select(b => b.GetAttribute("aria-describedby")), Is.All.EqualTo("session-1-join-hint"));
        Assert.That(buttons[0].TextContent, Is.EqualTo("Join Session 1 <script>alert(1)</script>"));
        Assert.That(document.QuerySelectorAll(".hint").Select(h => h.Id), Is.EqualTo(new[] { "session-1-join-hint" }));
        Assert.That(document.QuerySelector("#session-1-join-hint")!.TextContent, Does.Contain("from 15 minutes before the start"));
        var row = document.QuerySelector(".join-row")!;
        Assert.That(row.HasAttribute("data-countdown"));
        Assert.That((row.GetAttribute("data-start"), row.GetAttribute("data-opens"), row.GetAttribute("data-end")),
            Is.EqualTo(("2026-10-05T08:10:00Z", "2026-10-05T07:55:00Z", "2026-10-05T09:10:00Z")));
        Assert.That(document.QuerySelectorAll(".countdown").Select(c => c.TextContent), Is.EqualTo(new[] { "Starts in 10 minutes", "Starts in 2 days" }));
    }

    [Test]
    public void CancelledFaceToFaceAndEndedSessions_HaveNoJoinForm_AndNeedNoToken()
    {
        var cards = new[]
        {
            Card(1, Now.AddDays(1), status: SessionStatus.Cancelled),
            Card(2, Now.AddDays(1), join: null, venue: "Hall <A>", facilitator: null),
            Card(3, Now.AddDays(-1), recording: "https://video.example/r?a=1&b=\"2\""),
            Card(4, Now.AddDays(-1), status: SessionStatus.Cancelled, recording: "https://video.example/c"),
        };

        Assert.That(SessionCardsHtml.NeedsJoinForm(cards, Now), Is.False);
        var document = Render(cards);
        Assert.That(document.QuerySelectorAll("form"), Is.Empty);
        Assert.That(document.QuerySelectorAll("article").Select(a => a.ClassName), Is.EqualTo(new[] { "session-card cancelled", "session-card", "session-card", "session-card cancelled" }));
        Assert.That(document.QuerySelectorAll("article")[0].QuerySelector(".tag.danger")!.TextContent, Is.EqualTo("Cancelled"));
        Assert.That(document.QuerySelectorAll("article")[1].QuerySelectorAll("p.meta")[1].TextContent, Is.EqualTo("Face to face: Hall <A>"));
        var recordings = document.QuerySelectorAll("a[rel='noopener noreferrer']");
        Assert.That(recordings.Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "https://video.example/r?a=1&b=\"2\"" }), "a cancelled session shows no recording");
        Assert.That(recordings[0].TextContent, Is.EqualTo("Recording of Session 3 <script>alert(1)</script>"));
    }

    /// <summary>
    /// In a list, a session's countdown and join button come only in the day before it starts (or while it runs): the
    /// cards further off have their times alone, and a page of them has no join form.
    /// </summary>
    [Test]
    public void InAList_OnlyTheSessionsStartingWithinADay_HaveACountdownAndAJoinButton()
    {
        var cards = new[]
        {
            Card(1, Now.AddMinutes(-20)), Card(2, Now.AddMinutes(10)), Card(3, Now.AddHours(SessionCardsHtml.ListJoinHours).AddMinutes(-1)),
            Card(4, Now.AddHours(SessionCardsHtml.ListJoinHours)), Card(5, Now.AddDays(3)),
        };

        var list = Html.Written(new SessionCardsHtml(cards, "Europe/London", Now, 15, true, Token, joinSoonOnly: true));
        var alone = Html.Written(new SessionCardsHtml([cards[4]], "Europe/London", Now, 15, false, Token));

        Assert.That(list.QuerySelectorAll("button.join-button").Select(b => b.GetAttribute("formaction")),
            Is.EqualTo(new[] { "/webinars/sessions/1/join", "/webinars/sessions/2/join", "/webinars/sessions/3/join" }), "running, in ten minutes, just within a day");
        Assert.That(list.QuerySelectorAll(".countdown").Select(c => c.TextContent), Is.EqualTo(new[] { "In progress", "Starts in 10 minutes", "Starts in 23 hours, 59 minutes" }));
        Assert.That(list.QuerySelectorAll("article").Select(a => a.QuerySelector(".join-row") is null), Is.EqualTo(new[] { false, false, false, true, true }));
        Assert.That(list.QuerySelectorAll("article")[4].QuerySelector(".session-when")!.TextContent, Does.StartWith("Thu 8 Oct 2026"), "the time is still shown");
        Assert.That(list.QuerySelectorAll("form"), Has.Length.EqualTo(1));
        Assert.That(SessionCardsHtml.NeedsJoinForm(cards[3..], Now, joinSoonOnly: true), Is.False, "none within a day: no form, no token");
        Assert.That(SessionCardsHtml.NeedsJoinForm(cards[3..], Now), Is.True);
        Assert.That(alone.QuerySelector(".countdown")!.TextContent, Is.EqualTo("Starts in 3 days"), "a session's own page shows its join row whenever it is");
    }

    [Test]
    public void AJoinButton_WithoutThePagesToken_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() =>
            new SessionCardsHtml([Card(1, Now.AddDays(1))], null, Now, 15, true, joinToken: null).WriteTo(new StringWriter(), HtmlEncoder.Default));
}

using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>
/// A list of session cards (the sessions pages, past sessions, a session's own page), written straight to the response
/// when the page is. Each card shows the session's title and link, its time in the cohort's zone and the viewer's, its
/// cohort, how it is held and who facilitates, its recording once it has ended, and until then a countdown and a join
/// button (disabled until the join window opens; the script in <c>webinars.js</c> keeps both current). In a list
/// (<paramref name="joinSoonOnly"/>) the countdown and button come only in the <see cref="ListJoinHours"/> before the
/// start: a session further off has its date and time, and a page of disabled buttons, each with a countdown in a live
/// region, would only be noise to someone using a screen reader.
/// </summary>
/// <remarks>
/// Issue 23: as a Razor partial the cards were a quarter of the admin's sessions page: each of a card's thirty pieces
/// kept in the view's buffer and written out one by one, with the partial's indentation. Written here the page served
/// 8 % more requests (docs/notes/issue-23.md, "Thirty-fourth session"). Every text and attribute value is encoded with
/// the page's <see cref="HtmlEncoder"/>, as Razor does.
/// The join buttons all submit one form of the list's (<see cref="JoinFormId"/>), each to its own session's address, so
/// the page's antiforgery token (made by the view before the response starts) is written once, not once a card (a sixth
/// of the admin's sessions page was forms and tokens repeated); the hint under the first join button describes every
/// later one too.
/// </remarks>
public sealed class SessionCardsHtml(
    IReadOnlyList<SessionCard> views, string? viewerZone, DateTime nowUtc, int joinOpensMinutesBefore, bool showCohort, IHtmlContent? joinToken,
    bool joinSoonOnly = false) : IHtmlContent
{
    /// <summary>How many hours before its start a session in a list shows its countdown and join button.</summary>
    public const int ListJoinHours = 24;

    /// <summary>The list's join form, which every join button names (<c>form</c>) and posts to its own session (<c>formaction</c>).</summary>
    public const string JoinFormId = "session-join";

    /// <summary>
    /// True when a card of the list shows a join button: an online session not cancelled and not yet ended (in a list,
    /// <paramref name="joinSoonOnly"/>, starting within <see cref="ListJoinHours"/>).
    /// </summary>
    public static bool NeedsJoinForm(IReadOnlyList<SessionCard> views, DateTime nowUtc, bool joinSoonOnly = false) =>
        views.Any(v => ShowsJoinRow(v.Session, nowUtc, joinSoonOnly));

    private static bool ShowsJoinRow(SessionSummary s, DateTime nowUtc, bool joinSoonOnly) =>
        !s.IsCancelled && !s.HasEnded(nowUtc) && !s.IsFaceToFace && s.JoinUrl is not null
        && (!joinSoonOnly || s.StartUtc < nowUtc.AddHours(ListJoinHours));

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        string? hintId = null;
        if (NeedsJoinForm(views, nowUtc, joinSoonOnly))
        {
            // The one form every join button submits (each to its own session's address): its token, written once.
            writer.Write("<form method=\"post\" id=\"" + JoinFormId + "\" hidden>");
            (joinToken ?? throw new InvalidOperationException("A join form needs the page's antiforgery token.")).WriteTo(writer, encoder);
            writer.Write("</form>\n");
        }

        foreach (var view in views)
        {
            var s = view.Session;
            var id = s.Id.ToString(CultureInfo.InvariantCulture);
            writer.Write(s.IsCancelled ? "<article class=\"session-card cancelled\" aria-labelledby=\"session-" : "<article class=\"session-card\" aria-labelledby=\"session-");
            writer.Write(id);
            writer.Write("-title\">\n<h3 id=\"session-");
            writer.Write(id);
            writer.Write("-title\"><a href=\"/webinars/sessions/");
            writer.Write(id);
            writer.Write("\">");
            encoder.Encode(writer, s.Title);
            writer.Write("</a></h3>\n");
            if (s.IsCancelled)
            {
                writer.Write("<p><span class=\"tag danger\">Cancelled</span></p>\n");
            }

            writer.Write("<p class=\"session-when\">");
            TimeHtml.WriteTime(writer, encoder, s.StartUtc, view.Cohort.TimeZone, viewerZone);
            writer.Write(", ");
            writer.Write(s.DurationMinutes.ToString(CultureInfo.InvariantCulture));
            writer.Write(" minutes</p>\n");
            if (showCohort)
            {
                writer.Write("<p class=\"meta\">");
                encoder.Encode(writer, view.Cohort.Name);
                writer.Write("</p>\n");
            }

            writer.Write("<p class=\"meta\">");
            if (s.IsFaceToFace)
            {
                writer.Write("Face to face: ");
                encoder.Encode(writer, s.Venue!);
            }
            else
            {
                writer.Write("Online");
            }

            if (view.FacilitatorName is not null)
            {
                encoder.Encode(writer, " · Facilitator: ");
                encoder.Encode(writer, view.FacilitatorName);
            }

            writer.Write("</p>\n");
            if (!s.IsCancelled && s.HasEnded(nowUtc) && s.RecordingUrl is not null)
            {
                writer.Write("<p><a href=\"");
                encoder.Encode(writer, s.RecordingUrl);
                writer.Write("\" rel=\"noopener noreferrer\">Recording<span class=\"visually-hidden\"> of ");
                encoder.Encode(writer, s.Title);
                writer.Write("</span></a></p>\n");
            }

            if (ShowsJoinRow(s, nowUtc, joinSoonOnly))
            {
                WriteJoinRow(writer, encoder, s, id, ref hintId);
            }

            writer.Write("</article>\n");
        }
    }

    private void WriteJoinRow(TextWriter writer, HtmlEncoder encoder, SessionSummary s, string id, ref string? hintId)
    {
        var firstHint = hintId is null;
        hintId ??= $"session-{id}-join-hint";
        writer.Write("<div class=\"join-row\" data-countdown data-start=\"");
        TimeHtml.WriteUtcIso(writer, s.StartUtc);
        writer.Write("\" data-opens=\"");
        TimeHtml.WriteUtcIso(writer, s.StartUtc.AddMinutes(-joinOpensMinutesBefore));
        writer.Write("\" data-end=\"");
        TimeHtml.WriteUtcIso(writer, s.EndUtc);
        writer.Write("\">\n<p class=\"countdown\" aria-live=\"polite\">");
        encoder.Encode(writer, s.StartUtc > nowUtc ? "Starts in " + Countdown.Describe(s.StartUtc - nowUtc) : "In progress");
        writer.Write("</p>\n");
        writer.Write(s.CanJoin(nowUtc, joinOpensMinutesBefore)
            ? "<button type=\"submit\" form=\"" + JoinFormId + "\" formaction=\"/webinars/sessions/"
            : "<button type=\"submit\" form=\"" + JoinFormId + "\" disabled=\"disabled\" formaction=\"/webinars/sessions/");
        writer.Write(id);
        writer.Write("/join\" class=\"join-button\" aria-describedby=\"");
        writer.Write(hintId);
        writer.Write("\">Join ");
        encoder.Encode(writer, s.Title);
        writer.Write("</button>\n");
        if (firstHint)
        {
            writer.Write("<p class=\"hint\" id=\"");
            writer.Write(hintId);
            writer.Write("\">The join button works from ");
            writer.Write(joinOpensMinutesBefore.ToString(CultureInfo.InvariantCulture));
            writer.Write(" minutes before the start. Your join time is recorded for attendance.</p>\n");
        }

        writer.Write("</div>\n");
    }
}

/// <summary>The sessions pages' card lists: <c>@Html.SessionCards(…)</c>.</summary>
public static class SessionCardsHtmlHelper
{
    /// <summary>
    /// The cards, with the page's antiforgery token made now (before the response starts) when a card needs it; in a list
    /// (<paramref name="joinSoonOnly"/>) the join buttons of the sessions starting soon only.
    /// </summary>
    public static IHtmlContent SessionCards(
        this Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper html, IReadOnlyList<SessionCard> views, string? viewerZone, DateTime nowUtc, int joinOpensMinutesBefore, bool showCohort,
        bool joinSoonOnly = false) =>
        new SessionCardsHtml(
            views, viewerZone, nowUtc, joinOpensMinutesBefore, showCohort,
            SessionCardsHtml.NeedsJoinForm(views, nowUtc, joinSoonOnly) ? html.AntiForgeryToken() : null, joinSoonOnly);
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Npq.Core.Time;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>Which of the sessions pages' lists a page shows: its tab, marked as the current page.</summary>
public enum SessionsTab
{
    Upcoming,
    Past,
    CohortsYouRun,
}

/// <summary>
/// The heading the sessions pages share (the upcoming sessions, the past ones, the cohorts the person runs), written
/// straight to the response when the page is: the zones times are shown in, the calendar and attendance links, and the
/// lists as tabs (plain links, the one shown marked as the current page; "Cohorts you run" only for someone who may).
/// The viewer's zone's name is encoded with the page's <see cref="HtmlEncoder"/>, as Razor does.
/// </summary>
/// <remarks>
/// Issue 23: as a Razor partial the heading cost each sessions page a view found, activated and given its own view
/// data for a dozen lines of fixed markup (1.7 % of the admin's sessions page's CPU samples); written here the page's
/// HTML is the same (docs/notes/issue-23.md, "Forty-third session").
/// </remarks>
public sealed class SessionsHeadingHtml(string? viewerZone, SessionsTab tab, bool mayRunCohorts) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<h1>Webinars and events</h1>\n");
        if (viewerZone is not null)
        {
            writer.Write("<p class=\"lead\">Times are shown in each cohort's time zone and in yours (");
            encoder.Encode(writer, ZonedTime.Name(viewerZone));
            writer.Write("). <a href=\"/settings/time-zone\">Change your time zone</a>.</p>\n");
        }

        writer.Write("<p><a href=\"/calendar\">Add your sessions to your calendar</a> · <a href=\"/attendance\">Attendance</a></p>\n");
        writer.Write("<nav class=\"tabs\" aria-label=\"Sessions\">\n<ul>\n");
        WriteTab(writer, "/webinars", "Upcoming", tab == SessionsTab.Upcoming);
        WriteTab(writer, "/webinars/past", "Past sessions and recordings", tab == SessionsTab.Past);
        if (mayRunCohorts)
        {
            WriteTab(writer, "/webinars/cohorts", "Cohorts you run", tab == SessionsTab.CohortsYouRun);
        }

        writer.Write("</ul>\n</nav>\n");
    }

    private static void WriteTab(TextWriter writer, string href, string text, bool current)
    {
        writer.Write("<li><a href=\"");
        writer.Write(href);
        writer.Write(current ? "\" aria-current=\"page\">" : "\">");
        writer.Write(text);
        writer.Write("</a></li>\n");
    }
}

/// <summary>The sessions pages' shared heading: <c>@Html.SessionsHeading(…)</c>.</summary>
public static class SessionsHeadingHtmlHelper
{
    public static IHtmlContent SessionsHeading(this IHtmlHelper html, string? viewerZone, SessionsTab tab, bool mayRunCohorts) =>
        new SessionsHeadingHtml(viewerZone, tab, mayRunCohorts);
}

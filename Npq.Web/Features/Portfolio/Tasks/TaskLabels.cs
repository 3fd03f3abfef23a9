using Microsoft.AspNetCore.Html;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Tasks;

/// <summary>How states and lateness read on the page: words first, colour only as a second cue.</summary>
public static class TaskLabels
{
    public static IHtmlContent State(SubmissionState? state) => state switch
    {
        SubmissionState.Draft => new HtmlString("<span class=\"tag warn\">Draft</span>"),
        SubmissionState.Submitted => new HtmlString("<span class=\"tag ok\">Submitted</span>"),
        SubmissionState.Reopened => new HtmlString("<span class=\"tag\">Reopened</span>"),
        _ => new HtmlString("<span class=\"tag\">Not started</span>"),
    };

    public static IHtmlContent Lateness(Lateness lateness) => lateness switch
    {
        Npq.Core.Portfolio.Lateness.Late => new HtmlString("<span class=\"tag danger\">Late</span>"),
        Npq.Core.Portfolio.Lateness.Missing => new HtmlString("<span class=\"tag danger\">Missing</span>"),
        Npq.Core.Portfolio.Lateness.Extended => new HtmlString("<span class=\"tag\">Extended</span>"),
        _ => HtmlString.Empty,
    };
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.MyCourses;

/// <summary>
/// An enrolment's training status as a tag, with DfE's reason when it has one. Written directly rather than through a
/// partial view: lists show it on every row, and a partial costs a view look-up and a page instance each time.
/// </summary>
public static class TrainingStatusTag
{
    public static IHtmlContent For(CohortEnrolment enrolment)
    {
        var css = enrolment.TrainingStatus switch
        {
            TrainingStatus.Active => "tag ok",
            TrainingStatus.Completed => "tag ok",
            TrainingStatus.Deferred => "tag warn",
            _ => "tag danger",
        };
        var html = $"<span class=\"{css}\">{HtmlEncoder.Default.Encode(enrolment.TrainingStatus.ToString())}</span>";
        if (enrolment.StatusReason is { } reason)
        {
            html += $"<span class=\"reason\"> ({HtmlEncoder.Default.Encode(DfeReasons.Label(reason))})</span>";
        }

        return new HtmlString(html);
    }
}

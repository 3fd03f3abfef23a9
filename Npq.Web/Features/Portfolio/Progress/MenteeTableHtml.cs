using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Portfolio;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Portfolio.Progress;

/// <summary>
/// A mentor's mentees (their home and <c>/progress/mentees</c>), written straight to the response when the page is: each
/// candidate's cohort, when their next progress update is due (or why none is, and whether it is overdue or due soon),
/// their progress through the course's materials, and links to write an update and to see their evidence, tasks and
/// updates, each link named for the candidate for screen readers.
/// </summary>
/// <remarks>
/// Issue 23: as a Razor partial the table was most of the mentor's home, a third of it the partial's indentation. Every
/// text is encoded with the page's <see cref="HtmlEncoder"/>, as Razor does.
/// </remarks>
public sealed class MenteeTableHtml(IReadOnlyList<MenteeDue> mentees) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (mentees.Count == 0)
        {
            writer.Write("<p>You have no mentees yet.</p>\n");
            return;
        }

        writer.Write("""
            <div class="table-scroll">
            <table class="mentees">
            <caption>Progress updates due, most urgent first</caption>
            <thead><tr><th scope="col">Candidate</th><th scope="col">Cohort</th><th scope="col">Next update due</th><th scope="col">Materials</th><th scope="col">Actions</th></tr></thead>
            <tbody>

            """);
        foreach (var mentee in mentees)
        {
            WriteRow(writer, encoder, mentee);
        }

        writer.Write("</tbody>\n</table>\n</div>\n");
    }

    private static void WriteRow(TextWriter writer, HtmlEncoder encoder, MenteeDue mentee)
    {
        var p = mentee.Placement;
        writer.Write("<tr>\n<th scope=\"row\">");
        encoder.Encode(writer, p.CandidateName);
        writer.Write("</th>\n<td>");
        encoder.Encode(writer, p.CohortName);
        writer.Write("</td>\n<td>");
        if (mentee.Status == UpdateDue.NoneExpected)
        {
            writer.Write("<span>No more updates due</span> <span class=\"tag\">");
            encoder.Encode(writer, mentee.NoneExpectedBecause ?? string.Empty);
            writer.Write("</span>");
        }
        else
        {
            TimeHtml.WriteDate(writer, encoder, mentee.NextDue);
        }

        writer.Write(mentee.Status switch
        {
            UpdateDue.Overdue => " <span class=\"tag danger\">Overdue</span>",
            UpdateDue.DueSoon => " <span class=\"tag warn\">Due soon</span>",
            _ => string.Empty,
        });
        writer.Write("</td>\n<td class=\"materials\">");
        if (mentee.Materials is { Percent: { } percent } materials)
        {
            writer.Write(percent.ToString(CultureInfo.InvariantCulture));
            writer.Write("% (");
            writer.Write(materials.ModulesCompleted.ToString(CultureInfo.InvariantCulture));
            writer.Write(" of ");
            writer.Write(materials.ModulesTotal.ToString(CultureInfo.InvariantCulture));
            writer.Write(" modules)");
        }
        else
        {
            writer.Write("None published");
        }

        writer.Write("</td>\n<td>\n");
        var id = p.CandidateUserId.ToString(CultureInfo.InvariantCulture);
        WriteLink(writer, encoder, "/progress/new?candidate=", id, "Write update", " for ", p.CandidateName);
        writer.Write(" ·\n");
        WriteLink(writer, encoder, "/evidence?candidate=", id, "Evidence", " of ", p.CandidateName);
        writer.Write(" ·\n");
        WriteLink(writer, encoder, "/tasks?candidate=", id, "Tasks", " of ", p.CandidateName);
        writer.Write(" ·\n");
        WriteLink(writer, encoder, "/progress?candidate=", id, "Updates", " for ", p.CandidateName);
        writer.Write("\n</td>\n</tr>\n");
    }

    /// <summary><c>&lt;a href="…"&gt;Evidence&lt;span class="visually-hidden"&gt; of Ann Lee&lt;/span&gt;&lt;/a&gt;</c>.</summary>
    private static void WriteLink(TextWriter writer, HtmlEncoder encoder, string path, string candidateId, string label, string joiner, string candidateName)
    {
        writer.Write("<a href=\"");
        writer.Write(path);
        writer.Write(candidateId);
        writer.Write("\">");
        writer.Write(label);
        writer.Write("<span class=\"visually-hidden\">");
        writer.Write(joiner);
        encoder.Encode(writer, candidateName);
        writer.Write("</span></a>");
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// The completion report's table (the report's pages, a school's dashboard), written straight to the response when the
/// page is: one row per candidate and cohort with their school, DfE participant id, cohort, training status, mentor,
/// attendance, evidence coverage, materials, tasks, latest progress rating, final outcome and completion date. With a
/// <see cref="CompletionTableModel.Query"/> each sortable header is a link that sorts by its column (or reverses it),
/// and <c>aria-sort</c> says how the table is sorted.
/// </summary>
/// <remarks>
/// Issue 23: as a Razor partial each row's forty pieces were kept in the view's buffer and written out one by one, with
/// the partial's indentation; written here, the admin's report is 24.6 KB instead of 31.1 and served 7 % more requests
/// (docs/notes/issue-23.md, "Thirty-fourth session"). Every text and attribute value is encoded with the page's
/// <see cref="HtmlEncoder"/>, as Razor does. The report's pages read only the fields written here
/// (<see cref="CompletionColumns.Table"/>): a field written here must be among those read.
/// </remarks>
public sealed class CompletionTableHtml(CompletionTableModel model) : IHtmlContent
{
    private static readonly (string Label, CompletionSort? Sort, bool Number)[] Columns =
    [
        ("Candidate", CompletionSort.Candidate, false), ("School", CompletionSort.School, false), ("DfE participant id", null, false),
        ("Cohort", CompletionSort.Cohort, false), ("Training status", CompletionSort.Status, false), ("Mentor", CompletionSort.Mentor, false),
        ("Attendance", CompletionSort.Attendance, true), ("Evidence coverage", CompletionSort.Coverage, true),
        ("Materials completed", CompletionSort.Materials, true), ("Tasks submitted (on time) of set", CompletionSort.Submitted, true),
        ("Latest progress (weakest area)", CompletionSort.Rating, false), ("Final outcome", null, false), ("Completion date", null, false),
    ];

    /// <summary>The dash shown for a figure with nothing to count, encoded as the page's encoder writes it.</summary>
    private const string Dash = "&#x2013;";

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("""
            <div class="table-scroll" tabindex="0" role="region" aria-label="Completion report table">
            <table class="report-table">
            <caption class="visually-hidden">Completion report: one row per candidate and cohort</caption>
            <thead>
            <tr>

            """);
        foreach (var (label, sort, number) in Columns)
        {
            WriteHeader(writer, encoder, label, sort, number);
        }

        writer.Write("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in model.Rows)
        {
            WriteRow(writer, encoder, row);
        }

        writer.Write("</tbody>\n</table>\n</div>\n");
    }

    private void WriteHeader(TextWriter writer, HtmlEncoder encoder, string label, CompletionSort? sort, bool number)
    {
        writer.Write(number ? "<th scope=\"col\" class=\"num\"" : "<th scope=\"col\"");
        if (sort is not { } column || model.Query is not { } query)
        {
            writer.Write('>');
            writer.Write(label);
            writer.Write("</th>\n");
            return;
        }

        var current = query.Sort == column;
        if (current)
        {
            writer.Write(query.Descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
        }

        writer.Write("><a href=\"");
        encoder.Encode(writer, model.BasePath + query.ToQueryString(column, current && !query.Descending, 1));
        writer.Write("\">");
        writer.Write(label);
        if (current)
        {
            writer.Write(query.Descending ? "<span class=\"sort-mark\" aria-hidden=\"true\"> &#x25BC;</span>" : "<span class=\"sort-mark\" aria-hidden=\"true\"> &#x25B2;</span>");
        }

        writer.Write("</a></th>\n");
    }

    private static void WriteRow(TextWriter writer, HtmlEncoder encoder, CompletionRow row)
    {
        writer.Write("<tr>\n<th scope=\"row\">");
        encoder.Encode(writer, row.CandidateName);
        writer.Write("</th>\n<td>");
        encoder.Encode(writer, row.SchoolName ?? "–");
        writer.Write("</td>\n<td class=\"ids\">");
        encoder.Encode(writer, row.DfeParticipantId ?? "–");
        writer.Write("</td>\n<td>");
        encoder.Encode(writer, row.CohortName);
        writer.Write(" <span class=\"meta\">(");
        encoder.Encode(writer, row.DfeCohort);
        writer.Write(")</span></td>\n<td>");
        writer.Write(row.TrainingStatus.ToString());
        writer.Write("</td>\n<td>");
        encoder.Encode(writer, row.MentorName ?? "–");
        writer.Write("</td>\n<td class=\"num\">");
        WriteFigure(writer, row.AttendancePercent, row.SessionsAttended, row.SessionsCounted, ")</span></td>\n<td class=\"num\">");
        WriteFigure(writer, row.CoveragePercent, row.StatementsCovered, row.StatementsTotal, ")</span></td>\n<td class=\"num materials\">");
        WriteFigure(writer, row.MaterialsPercent, row.MaterialsCompleted, row.MaterialsTotal, " items)</span></td>\n<td class=\"num\">");
        WriteNumber(writer, row.TasksSubmitted);
        writer.Write(" (");
        WriteNumber(writer, row.TasksOnTime);
        writer.Write(") of ");
        WriteNumber(writer, row.TasksSet);
        if (row.TasksOverdue > 0)
        {
            writer.Write(" <span class=\"tag danger\">");
            WriteNumber(writer, row.TasksOverdue);
            writer.Write(" overdue</span>");
        }

        writer.Write("</td>\n<td>");
        encoder.Encode(writer, row.LatestRating is { } rating ? ProgressSchedule.Label(rating) : "No update yet");
        writer.Write("</td>\n<td>");
        writer.Write(row.Outcome switch { OutcomeState.Passed => "Passed", OutcomeState.Failed => "Failed", _ => "Not released" });
        writer.Write("</td>\n<td>");
        if (row.CompletionDate is { } date)
        {
            TimeHtml.WriteDate(writer, encoder, date);
        }
        else
        {
            writer.Write(Dash);
        }

        writer.Write("</td>\n</tr>\n");
    }

    /// <summary>A share and its counts ("50% (2 of 4", the counts muted) then <paramref name="after"/>; a dash for the share when there is nothing to count.</summary>
    private static void WriteFigure(TextWriter writer, int? percent, int done, int of, string after)
    {
        if (percent is { } p)
        {
            WriteNumber(writer, p);
            writer.Write('%');
        }
        else
        {
            writer.Write(Dash);
        }

        writer.Write(" <span class=\"meta\">(");
        WriteNumber(writer, done);
        writer.Write(" of ");
        WriteNumber(writer, of);
        writer.Write(after);
    }

    /// <summary>A count (the runtime keeps the text of those under 300, so most cost no allocation).</summary>
    private static void WriteNumber(TextWriter writer, int value) => writer.Write(value.ToString(CultureInfo.InvariantCulture));
}

using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// The completion report's query string, as typed or bookmarked: values that do not parse are dropped with a message
/// instead of failing, and the page number is clamped later to the pages there are.
/// </summary>
public sealed record CompletionQuery
{
    public int? Course { get; init; }
    public int? Cohort { get; init; }
    public int? Partner { get; init; }
    public TrainingStatus? Status { get; init; }
    public CompletionSort Sort { get; init; } = CompletionSort.Candidate;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public IReadOnlyList<string> Problems { get; init; } = [];

    public CompletionFilter ToFilter() => new()
    {
        CourseId = Course,
        CohortId = Cohort,
        DeliveryPartnerId = Partner,
        Status = Status,
        Sort = Sort,
        Descending = Descending,
    };

    public static CompletionQuery Parse(IQueryCollection query) => Parse(key => query[key].ToString());

    public static CompletionQuery Parse(IFormCollection form) => Parse(key => form[key].ToString());

    public static CompletionQuery Parse(Func<string, string> get)
    {
        var problems = new List<string>();
        int? Id(string key, string label)
        {
            var value = get(key);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return id;
            }

            problems.Add($"The {label} filter was not recognised, so it was left out.");
            return null;
        }

        TrainingStatus? status = null;
        var statusText = get("status");
        if (!string.IsNullOrWhiteSpace(statusText))
        {
            if (Enum.TryParse<TrainingStatus>(statusText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(statusText, out _))
            {
                status = parsed;
            }
            else
            {
                problems.Add("The training status filter was not recognised, so it was left out.");
            }
        }

        var sort = CompletionSort.Candidate;
        var sortText = get("sort");
        if (!string.IsNullOrWhiteSpace(sortText))
        {
            if (Enum.TryParse<CompletionSort>(sortText, ignoreCase: true, out var parsedSort) && Enum.IsDefined(parsedSort) && !int.TryParse(sortText, out _))
            {
                sort = parsedSort;
            }
            else
            {
                problems.Add("The report cannot be sorted that way, so it is sorted by candidate.");
            }
        }

        var page = 1;
        var pageText = get("page");
        if (!string.IsNullOrWhiteSpace(pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            problems.Add("That page number was not recognised, so the first page is shown.");
            page = 1;
        }

        return new CompletionQuery
        {
            Course = Id("course", "course"),
            Cohort = Id("cohort", "cohort"),
            Partner = Id("partner", "delivery partner"),
            Status = status,
            Sort = sort,
            Descending = string.Equals(get("dir"), "desc", StringComparison.OrdinalIgnoreCase),
            Page = page,
            Problems = problems,
        };
    }

    /// <summary>The query string for this query with some values changed (for sort links and the pager).</summary>
    public string ToQueryString(CompletionSort? sort = null, bool? descending = null, int? page = null)
    {
        var values = new Dictionary<string, string?>();
        if (Course is { } c)
        {
            values["course"] = c.ToString(CultureInfo.InvariantCulture);
        }

        if (Cohort is { } h)
        {
            values["cohort"] = h.ToString(CultureInfo.InvariantCulture);
        }

        if (Partner is { } p)
        {
            values["partner"] = p.ToString(CultureInfo.InvariantCulture);
        }

        if (Status is { } s)
        {
            values["status"] = s.ToString();
        }

        values["sort"] = (sort ?? Sort).ToString();
        if (descending ?? Descending)
        {
            values["dir"] = "desc";
        }

        var pageValue = page ?? Page;
        if (pageValue > 1)
        {
            values["page"] = pageValue.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(string.Empty, values);
    }
}

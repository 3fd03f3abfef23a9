using System.Globalization;
using System.Text;

namespace Npq.Web.Features.Shared;

/// <summary>
/// How every list that can grow is paged (issue 23): a page number and a page size in the address beside the list's
/// sorting and filters, the size one of <see cref="Sizes"/> (25 unless asked), and a page number that is not a page
/// (0, negative, past the end, not a number) showing page 1 rather than failing.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 25;

    public static readonly IReadOnlyList<int> Sizes = [25, 50, 100];

    /// <summary>
    /// The sizes offered by a list whose every row is a candidate's review with forms of its own (the declarations
    /// review, the DfE reconciliation): 25 or 50, not 100 (issue 23: at 100 a page the declarations review was 380 KB of
    /// HTML and the reconciliation 174 KB, 8 ms a request, its p99 at half load past 100 ms, at 10,000 candidates).
    /// </summary>
    public static readonly IReadOnlyList<int> HeavyRowSizes = [25, 50];

    /// <summary>The page size asked for when it is one of <see cref="Sizes"/>, otherwise the default.</summary>
    public static int Size(int? size) => Size(size, Sizes);

    /// <summary>The page size asked for when it is one of a list's own <paramref name="sizes"/> (a list of heavy rows offers fewer), otherwise the first.</summary>
    public static int Size(int? size, IReadOnlyList<int> sizes) => size is { } s && sizes.Contains(s) ? s : sizes[0];

    /// <summary>The page asked for when it is 1 or more, otherwise 1 (a page past the end is checked once the total is known).</summary>
    public static int Number(int? page) => page is { } p and >= 1 ? p : 1;

    public static int Skip(int page, int size) => (int)Math.Min(int.MaxValue, ((long)page - 1) * size);

    /// <summary>The page to show for a total: the page asked for, or page 1 when that is past the end.</summary>
    public static int Within(int page, int size, int total) => page <= PageCount(size, total) ? page : 1;

    public static int PageCount(int size, int total) => Math.Max(1, (total + size - 1) / size);

    /// <summary>
    /// A list's page for the address's page and size, read by <paramref name="read"/> (skip, take); a page past the end
    /// (a stale or hand-edited address: <paramref name="isEmpty"/> says the read found nothing beyond page 1) reads the
    /// first page instead. Returns the page read, its number and its size.
    /// </summary>
    public static async Task<(T List, int Page, int Size)> ReadAsync<T>(int? page, int? size, Func<int, int, Task<T>> read, Func<T, bool> isEmpty)
    {
        var pageSize = Size(size);
        var number = Number(page);
        var list = await read(Skip(number, pageSize), pageSize);
        if (number > 1 && isEmpty(list))
        {
            number = 1;
            list = await read(0, pageSize);
        }

        return (list, number, pageSize);
    }
}

/// <summary>
/// The pager under a list (<see cref="PagerHtml"/>): where the list lives, the filters and sorting to keep,
/// the page shown, the size and the total, and what the list is called (the nav's accessible name, "Pages of ...").
/// </summary>
/// <remarks>
/// Two lists paged on one page use different keys for the second (<paramref name="PageKey"/>, <paramref name="SizeKey"/>),
/// each keeping the other's page in <paramref name="Keep"/>.
/// </remarks>
public sealed record PageLinks(string Path, IReadOnlyList<KeyValuePair<string, string?>> Keep, int Page, int Size, int Total, string Of,
    string PageKey = "page", string SizeKey = "size")
{
    public int PageCount => Paging.PageCount(Size, Total);

    /// <summary>More match than were counted (a count that stops at a limit): <see cref="Total"/> is that limit.</summary>
    public bool MoreThanTotal { get; init; }

    /// <summary>
    /// Whether the links name page 1 (<c>page=1</c>): for a list whose address without a page opens elsewhere (a cohort's
    /// sessions open at the next one). The size links never name a page.
    /// </summary>
    public bool FirstPageNamed { get; init; }

    /// <summary>The size the list shows when the address names none (left out of the links): <see cref="Paging.DefaultSize"/> unless the list says.</summary>
    public int DefaultSize { get; init; } = Paging.DefaultSize;

    /// <summary>The page sizes offered: <see cref="Paging.Sizes"/> unless the list's rows are heavy enough to offer fewer.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = Paging.Sizes;

    public int First => Total == 0 ? 0 : ((Page - 1) * Size) + 1;

    public int Last => Math.Min(Total, Page * Size);

    /// <summary>The address of a page, with the list's filters and sorting (empty values left out) and a non-default size.</summary>
    public string Link(int page) => Address(page, Size);

    /// <summary>The address of the list at another size, at the page the list opens at (its first, unless it says otherwise).</summary>
    public string SizeLink(int size) => Address(null, size);

    private string Address(int? page, int pageSize)
    {
        var query = new StringBuilder();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        foreach (var (key, value) in Keep)
        {
            Add(key, value);
        }

        Add(SizeKey, pageSize == DefaultSize ? null : pageSize.ToString(CultureInfo.InvariantCulture));
        Add(PageKey, page is null || (page == 1 && !FirstPageNamed) ? null : page.Value.ToString(CultureInfo.InvariantCulture));
        return Path + query;
    }

    /// <summary>The page numbers offered: the first, the last, and two either side of this one (0 marks a gap).</summary>
    public IReadOnlyList<int> Numbers()
    {
        var shown = Enumerable.Range(1, PageCount).Where(n => n == 1 || n == PageCount || Math.Abs(n - Page) <= 2).ToList();
        var result = new List<int>();
        for (var i = 0; i < shown.Count; i++)
        {
            if (i > 0 && shown[i] > shown[i - 1] + 1)
            {
                result.Add(0);
            }

            result.Add(shown[i]);
        }

        return result;
    }
}

using Microsoft.Extensions.Primitives;
using Npq.Core.Materials;

namespace Npq.Web.Features.Materials.Learn;

/// <summary>The item page: the item as Core builds it, whether to show the knowledge check's form (first go or retry), and a message.</summary>
public sealed record ItemView(ItemPage Page, bool ShowCheckForm, string? Problem, string? Message)
{
    /// <summary>The reflection text sent back with a problem, so nothing typed is lost.</summary>
    public string? Answer { get; init; }

    public string ItemUrl(int itemId) => $"/learn/{Page.Cohort.CohortId}/items/{itemId}";

    public string Url => ItemUrl(Page.Item.Id);
}

/// <summary>A video's progress as the page's script posts it: where it is, its length, and the ranges played since the last report.</summary>
public sealed record VideoProgressForm(double Position, double Duration, double[][]? Ranges)
{
    public VideoReport ToReport() => new(
        Position, Duration,
        (Ranges ?? []).Where(r => r is { Length: 2 }).Take(Studying.MaxRangesPerReport).Select(r => (r[0], r[1])).ToList());
}

/// <summary>A knowledge check's answers as the form posts them: one field per question, <c>q-{questionId}</c>, holding the chosen option ids.</summary>
public static class CheckAnswers
{
    public const string Prefix = "q-";

    public static string FieldOf(string questionId) => Prefix + questionId;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(IEnumerable<KeyValuePair<string, StringValues>> form) =>
        form.Where(f => f.Key.StartsWith(Prefix, StringComparison.Ordinal) && f.Key.Length > Prefix.Length)
            .ToDictionary(f => f.Key[Prefix.Length..], f => (IReadOnlyList<string>)f.Value.OfType<string>().ToList());
}

namespace Npq.Core.Frameworks;

/// <summary>An in-memory catalogue of parsed frameworks with a simple word search over statements.</summary>
public sealed class FrameworkCatalog : IFrameworkCatalog
{
    private readonly Dictionary<string, Framework> _byCode;
    private readonly (StatementMatch Match, string Folded)[] _index;

    public FrameworkCatalog(IEnumerable<Framework> frameworks)
    {
        All = frameworks.OrderBy(f => f.Code, StringComparer.Ordinal).ToList();
        _byCode = All.ToDictionary(f => f.Code, StringComparer.OrdinalIgnoreCase);
        _index = All
            .SelectMany(f => f.Areas.SelectMany(a => a.AllStatements.Select(s => (new StatementMatch(f, a, s), Fold(s.Text)))))
            .ToArray();
    }

    public IReadOnlyList<Framework> All { get; }

    public Framework? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<StatementMatch> Search(string query, int limit = 50)
    {
        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length > 1)
            .Distinct()
            .Take(10)
            .ToArray();
        if (words.Length == 0)
        {
            return [];
        }

        return _index
            .Where(e => words.All(w => e.Folded.Contains(w, StringComparison.Ordinal)))
            .Select(e => (e.Match, Score: words.Sum(w => Count(e.Folded, w))))
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.Match.Area.Order)
            .Take(limit)
            .Select(e => e.Match)
            .ToList();
    }

    private static int Count(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Lower case, with curly quotes and punctuation folded so "school’s" finds "school's".</summary>
    private static string Fold(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c switch
        {
            '’' or '‘' => '\'',
            _ when char.IsLetterOrDigit(c) || c == '\'' => c,
            _ => ' ',
        }).ToArray();
        return " " + string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ";
    }
}

namespace Npq.Core.Frameworks;

/// <summary>The two kinds of framework content: key evidence and practice.</summary>
public enum StatementKind
{
    /// <summary>A numbered "Learn that…" key evidence statement.</summary>
    LearnThat,

    /// <summary>A "Learn how to…" practice heading ("…, including by:").</summary>
    LearnHow,

    /// <summary>A bullet point under a "Learn how to…" heading.</summary>
    LearnHowBullet,
}

/// <summary>
/// One statement of a framework. <see cref="Id"/> is written in the content by its editor and never derived
/// from position, so evidence and feedback that point at it survive re-ordering and rewording.
/// </summary>
public sealed record Statement(
    string Id,
    StatementKind Kind,
    string Number,
    string Text,
    string Html,
    string AreaSlug,
    string? ParentId,
    IReadOnlyList<Statement> Children);

/// <summary>An area of a framework ("School Culture") with its statements in content order.</summary>
public sealed record Area(
    string Slug,
    string Title,
    int Order,
    IReadOnlyList<Statement> LearnThat,
    IReadOnlyList<Statement> LearnHow)
{
    /// <summary>Every statement of the area, bullets included, in reading order (listed once: a framework is read
    /// once and kept, and every coverage report walks it).</summary>
    public IReadOnlyList<Statement> AllStatements { get; } = [.. LearnThat, .. LearnHow.SelectMany(h => h.Children.Prepend(h))];

    public int LearnHowBulletCount => LearnHow.Sum(h => h.Children.Count);
}

/// <summary>A course's framework: its areas in order, with a lookup by statement id.</summary>
public sealed class Framework
{
    private readonly Dictionary<string, Area> _bySlug;

    /// <summary>Each statement id (in any case) and where its statements stand, in reading order: the one index
    /// behind <see cref="FindStatement"/> (the first of them) and <see cref="PlacesOf"/>.</summary>
    private readonly Dictionary<string, (int Area, int Index)[]> _places;

    public Framework(string code, string title, IReadOnlyList<Area> areas)
    {
        Code = code;
        Title = title;
        Areas = areas;
        _bySlug = areas.ToDictionary(a => a.Slug, StringComparer.OrdinalIgnoreCase);
        var places = new Dictionary<string, List<(int, int)>>(StringComparer.OrdinalIgnoreCase);
        var ids = new List<string>();
        for (var a = 0; a < areas.Count; a++)
        {
            for (var i = 0; i < areas[a].AllStatements.Count; i++)
            {
                var id = areas[a].AllStatements[i].Id;
                if (!places.TryGetValue(id, out var found))
                {
                    places.Add(id, found = []);
                    ids.Add(id);
                }

                found.Add((a, i));
            }
        }

        StatementIds = ids.AsReadOnly();
        _places = places.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The course code in lower case, as used in URLs and folders ("npqsl").</summary>
    public string Code { get; }

    public string Title { get; }

    public IReadOnlyList<Area> Areas { get; }

    public IEnumerable<Statement> AllStatements => Areas.SelectMany(a => a.AllStatements);

    /// <summary>The id of every statement once (ids are compared in any case), in reading order.</summary>
    public IReadOnlyList<string> StatementIds { get; }

    public Area? FindArea(string slug) => _bySlug.GetValueOrDefault(slug);

    public Statement? FindStatement(string id) => PlacesOf(id) is [var (area, index), ..] ? Areas[area].AllStatements[index] : null;

    /// <summary>Where the statements with this id (in any case) stand: the area's index in <see cref="Areas"/> and the
    /// statement's in its <see cref="Area.AllStatements"/>; none for an id the framework does not have.</summary>
    internal ReadOnlySpan<(int Area, int Index)> PlacesOf(string id) => _places.TryGetValue(id, out var places) ? places : [];
}

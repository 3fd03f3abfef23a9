using Npq.Core.Frameworks;
using Npq.Core.Validation;

namespace Npq.Core.Materials;

/// <summary>What the item form sends (fields a kind does not use are ignored).</summary>
public sealed record ItemDraft
{
    public string? Title { get; init; }
    public string? Body { get; init; }
    public string? Url { get; init; }
    public string? Transcript { get; init; }
    public IReadOnlyList<KnowledgeQuestion> Questions { get; init; } = [];
    public IReadOnlyList<string> StatementIds { get; init; } = [];
    public int Version { get; init; }
}

/// <summary>The rules an item's fields follow, when saved and when published.</summary>
public sealed partial class ProgrammeAuthoring
{
    public const int MaxBodyLength = 100_000;
    public const int MaxUrlLength = 2000;

    /// <summary>What a kind of item is called on pages ("knowledge check").</summary>
    public static string KindName(ItemKind kind) => kind switch
    {
        ItemKind.KnowledgeCheck => "knowledge check",
        ItemKind.Reflection => "reflection prompt",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The problems of the fields whatever the state: a title, lengths, a link's address being http(s), and statements
    /// that are the course framework's (by stable id). Returns the statements in the framework's own spelling.
    /// </summary>
    public static (IReadOnlyList<FieldProblem> Problems, IReadOnlyList<string> StatementIds) CheckFields(ItemKind kind, ItemDraft draft, Framework? framework)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add(new FieldProblem("Title", $"Enter the {KindName(kind)}'s title."));
        }
        else if (draft.Title.Trim().Length > MaxTitleLength)
        {
            problems.Add(new FieldProblem("Title", $"The title must be {MaxTitleLength} characters or fewer."));
        }

        if ((draft.Body?.Length ?? 0) > MaxBodyLength || (draft.Transcript?.Length ?? 0) > MaxBodyLength)
        {
            problems.Add(new FieldProblem((draft.Body?.Length ?? 0) > MaxBodyLength ? "Body" : "Transcript", $"The text must be {MaxBodyLength:N0} characters or fewer."));
        }

        if (kind == ItemKind.Link && !string.IsNullOrWhiteSpace(draft.Url) && !IsWebAddress(draft.Url))
        {
            problems.Add(new FieldProblem("Url", "Enter a full web address starting http:// or https://."));
        }

        if (kind == ItemKind.KnowledgeCheck && draft.Questions.Count > KnowledgeCheck.MaxQuestions)
        {
            problems.Add(new FieldProblem("Questions", $"A knowledge check has at most {KnowledgeCheck.MaxQuestions} questions."));
        }

        var statements = new List<string>();
        foreach (var id in draft.StatementIds.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (framework?.FindStatement(id.Trim()) is { } statement)
            {
                statements.Add(statement.Id);
            }
            else
            {
                problems.Add(new FieldProblem("StatementIds", framework is null
                    ? "This course has no framework, so its materials cannot point at statements."
                    : $"“{id}” is not a statement of the {framework.Title} framework."));
            }
        }

        return (problems, statements);
    }

    /// <summary>
    /// What stops an item being published (or a published item being saved): a page or reflection needs its text, a
    /// link its http(s) address, a file its file, a video its file and WebVTT captions, a knowledge check questions
    /// that pass <see cref="KnowledgeCheck.Check"/>.
    /// </summary>
    public static IReadOnlyList<FieldProblem> PublishProblems(MaterialItem item)
    {
        var problems = new List<FieldProblem>();
        switch (item.Kind)
        {
            case ItemKind.Page when string.IsNullOrWhiteSpace(item.Body):
                problems.Add(new FieldProblem("Body", "A page needs its text before it can be published."));
                break;
            case ItemKind.Reflection when string.IsNullOrWhiteSpace(item.Body):
                problems.Add(new FieldProblem("Body", "A reflection prompt needs its question before it can be published."));
                break;
            case ItemKind.Link when !IsWebAddress(item.Url):
                problems.Add(new FieldProblem("Url", "A link needs a web address starting http:// or https:// before it can be published."));
                break;
            case ItemKind.File when item.FileStoredName is null:
                problems.Add(new FieldProblem("File", "Upload the file before publishing."));
                break;
            case ItemKind.Video:
                if (item.FileStoredName is null)
                {
                    problems.Add(new FieldProblem("File", "Upload the video before publishing."));
                }

                if (item.CaptionsStoredName is null)
                {
                    problems.Add(new FieldProblem("Captions", "A video needs a WebVTT captions file before it can be published."));
                }

                break;
            case ItemKind.KnowledgeCheck:
                problems.AddRange(KnowledgeCheck.Check(KnowledgeCheck.Read(item.Questions)));
                break;
        }

        return problems;
    }

    /// <summary>An absolute http or https address.</summary>
    public static bool IsWebAddress(string? url) =>
        !string.IsNullOrWhiteSpace(url) && url.Trim().Length <= MaxUrlLength
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    /// <summary>The item with the draft's fields applied (state, files, order and dates kept).</summary>
    private static MaterialItem Apply(MaterialItem item, ItemDraft draft, IReadOnlyList<string> statements, DateTime now) => item with
    {
        Title = draft.Title!.Trim(),
        Body = draft.Body?.Trim() ?? "",
        Url = item.Kind == ItemKind.Link && !string.IsNullOrWhiteSpace(draft.Url) ? draft.Url.Trim() : null,
        Transcript = item.Kind == ItemKind.Video ? draft.Transcript?.Trim() ?? "" : "",
        Questions = item.Kind == ItemKind.KnowledgeCheck ? KnowledgeCheck.Write(draft.Questions) : "",
        StatementIds = statements,
        UpdatedUtc = now,
    };
}

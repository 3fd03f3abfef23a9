using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Materials.Authoring;

/// <summary>The module form.</summary>
public sealed class ModuleForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public ReleaseRule ReleaseRule { get; set; }
    public int Version { get; set; }

    public ModuleDraft ToDraft() => new() { Title = Title, Summary = Summary, ReleaseRule = ReleaseRule, Version = Version };

    public static ModuleForm From(MaterialModule m) => new() { Title = m.Title, Summary = m.Summary, ReleaseRule = m.ReleaseRule, Version = m.Version };
}

/// <summary>The item form; fields a kind does not use stay empty.</summary>
public sealed class ItemForm
{
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Url { get; set; }
    public string? Transcript { get; set; }
    public List<string> StatementIds { get; set; } = [];
    public List<QuestionForm> Questions { get; set; } = [];
    public int Version { get; set; }

    /// <summary>The questions as written, blank questions and answers left out, new ones given ids.</summary>
    public IReadOnlyList<KnowledgeQuestion> ToQuestions() => Questions
        .Where(q => !string.IsNullOrWhiteSpace(q.Prompt) || q.Options.Any(o => !o.IsBlank))
        .Select(q => new KnowledgeQuestion(
            string.IsNullOrWhiteSpace(q.Id) ? KnowledgeCheck.NewId() : q.Id, q.Kind, q.Prompt?.Trim() ?? "",
            q.Options.Where(o => !o.IsBlank).Select(o => new KnowledgeOption(
                string.IsNullOrWhiteSpace(o.Id) ? KnowledgeCheck.NewId() : o.Id, o.Text?.Trim() ?? "", o.IsCorrect, o.Explanation?.Trim() ?? "")).ToList()))
        .ToList();

    public ItemDraft ToDraft() => new()
    {
        Title = Title, Body = Body, Url = Url, Transcript = Transcript, StatementIds = StatementIds, Questions = ToQuestions(), Version = Version,
    };

    public static ItemForm From(MaterialItem item) => new()
    {
        Title = item.Title, Body = item.Body, Url = item.Url, Transcript = item.Transcript, StatementIds = [.. item.StatementIds], Version = item.Version,
        Questions = KnowledgeCheck.Read(item.Questions).Select(QuestionForm.From).ToList(),
    };
}

public sealed class QuestionForm
{
    public string? Id { get; set; }
    public QuestionKind Kind { get; set; }
    public string? Prompt { get; set; }
    public List<OptionForm> Options { get; set; } = [];

    public static QuestionForm From(KnowledgeQuestion q) => new()
    {
        Id = q.Id, Kind = q.Kind, Prompt = q.Prompt,
        Options = q.Options.Select(o => new OptionForm { Id = o.Id, Text = o.Text, IsCorrect = o.IsCorrect, Explanation = o.Explanation }).ToList(),
    };
}

public sealed class OptionForm
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public bool IsCorrect { get; set; }
    public string? Explanation { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Explanation) && !IsCorrect;
}

/// <summary>The programme overview: modules with their items; the row just moved gets the focus back.</summary>
public sealed record ProgrammePage(MaterialsCourse Course, Programme Programme, bool IsAdmin, string? MovedRow, string? MovedDirection, ModuleForm NewModule);

public sealed record ModulePage(MaterialsCourse Course, MaterialModule Module, ModuleForm Form, string? Conflict);

/// <summary>The item form page: a new item of a kind (Item null) or an existing one, with the preview when asked for.</summary>
public sealed record ItemEditPage(MaterialsCourse Course, MaterialModule Module, ItemKind Kind, MaterialItem? Item, ItemForm Form, Framework? Framework)
{
    public string? PreviewHtml { get; init; }
    public IReadOnlyList<KnowledgeQuestion>? PreviewQuestions { get; init; }
    public string? Conflict { get; init; }
    public long MaxDocumentBytes { get; init; }
    public long MaxVideoBytes { get; init; }

    public bool IsNew => Item is null;

    public string FormAction => Item is null
        ? $"/courses/{Course.CourseId}/programme/modules/{Module.Id}/items/new?kind={Kind}"
        : $"/courses/{Course.CourseId}/programme/items/{Item.Id}";

    public string ItemUrl(string action) => $"/courses/{Course.CourseId}/programme/items/{Item!.Id}/{action}";
}

/// <summary>The editors page: one page of the people with editing rights, and the field to give them to another facilitator by email address.</summary>
public sealed record EditorsPage(MaterialsCourse Course, IReadOnlyList<(int UserId, string DisplayName)> Editors, PageLinks Pager)
{
    /// <summary>"Give editing rights to (email address)".</summary>
    public const string EmailField = "editorEmail";
}

public sealed record ImportPage(MaterialsCourse Course, ImportPreview? Preview);

/// <summary>How pages name things.</summary>
public static class AuthoringText
{
    public static string Rule(ReleaseRule rule) => rule switch
    {
        ReleaseRule.OnDate => "On the date set for each cohort",
        ReleaseRule.AfterPrevious => "When the previous module is complete",
        _ => "On the date, once the previous module is complete",
    };

    public static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.KnowledgeCheck => "Knowledge check",
        ItemKind.Reflection => "Reflection prompt",
        _ => kind.ToString(),
    };

    public static string State(ItemState state) => state == ItemState.Published ? "Published" : "Draft";
}

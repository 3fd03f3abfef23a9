using Npq.Core.Files;
using Npq.Core.Materials;

namespace Npq.Tests.Builders;

/// <summary>
/// Builds programmes for tests through <see cref="IProgrammeRepository"/>'s own writes (no authoring pages needed):
/// modules, items of every kind (published unless asked), and the sample video with its captions in the file store.
/// </summary>
public sealed class MaterialsBuilder(IProgrammeRepository programmes, IFileStore? files = null)
{
    public static readonly DateTime Now = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    public static string SampleVideoPath => Path.Combine(RepoRoot.Path, "Npq.Web", "Demo", "Media", "materials-sample.webm");

    public static string SampleCaptionsPath => Path.Combine(RepoRoot.Path, "Npq.Web", "Demo", "Media", "materials-sample.vtt");

    public Task<int> ModuleAsync(int courseId, string title, ReleaseRule rule = ReleaseRule.OnDate) =>
        programmes.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = title, Summary = $"About {title}.", ReleaseRule = rule, CreatedUtc = Now, UpdatedUtc = Now });

    public Task<int> ItemAsync(int moduleId, ItemKind kind, string title, bool published = true, Func<MaterialItem, MaterialItem>? shape = null, params string[] statementIds)
    {
        var item = new MaterialItem
        {
            ModuleId = moduleId, Kind = kind, Title = title, State = published ? ItemState.Published : ItemState.Draft, Body = $"About {title}.",
            StatementIds = statementIds, CreatedUtc = Now, UpdatedUtc = Now, PublishedUtc = published ? Now : null,
        };
        return programmes.CreateItemAsync(shape is null ? item : shape(item));
    }

    public Task<int> PageAsync(int moduleId, string title, string markdown = "Read this.", bool published = true) =>
        ItemAsync(moduleId, ItemKind.Page, title, published, i => i with { Body = markdown });

    public Task<int> LinkAsync(int moduleId, string title, string url = "https://example.org/reading") =>
        ItemAsync(moduleId, ItemKind.Link, title, shape: i => i with { Url = url });

    public Task<int> ReflectionAsync(int moduleId, string title, string prompt, params string[] statementIds) =>
        ItemAsync(moduleId, ItemKind.Reflection, title, shape: i => i with { Body = prompt }, statementIds: statementIds);

    public Task<int> CheckAsync(int moduleId, string title, IReadOnlyList<KnowledgeQuestion>? questions = null) =>
        ItemAsync(moduleId, ItemKind.KnowledgeCheck, title, shape: i => i with { Questions = KnowledgeCheck.Write(questions ?? Questions()) });

    /// <summary>A file item holding <paramref name="content"/> in the file store.</summary>
    public async Task<int> FileAsync(int moduleId, string title, byte[] content, string fileName = "handout.pdf", string contentType = "application/pdf")
    {
        var stored = await StoreAsync(content);
        return await ItemAsync(moduleId, ItemKind.File, title, shape: i => i with
        {
            FileStoredName = stored, FileName = fileName, FileContentType = contentType, FileBytes = content.Length,
        });
    }

    /// <summary>A video item of the sample clip (6 s WebM) with its WebVTT captions and a transcript.</summary>
    public async Task<int> VideoAsync(int moduleId, string title)
    {
        var video = await StoreAsync(await File.ReadAllBytesAsync(SampleVideoPath));
        var captions = await StoreAsync(await File.ReadAllBytesAsync(SampleCaptionsPath));
        return await ItemAsync(moduleId, ItemKind.Video, title, shape: i => i with
        {
            FileStoredName = video, FileName = "materials-sample.webm", FileContentType = "video/webm", FileBytes = new FileInfo(SampleVideoPath).Length,
            CaptionsStoredName = captions, Transcript = "Welcome to this module's short video. Watch it to the end to complete it.",
        });
    }

    /// <summary>Two questions: q1 true/false (true is right), q2 multiple choice (b is right).</summary>
    public static IReadOnlyList<KnowledgeQuestion> Questions(string firstPrompt = "Retrieval practice strengthens memory.", string firstAnswer = "True") =>
    [
        new("q1", QuestionKind.TrueFalse, firstPrompt,
        [
            new("t", firstAnswer, true, "Recalling strengthens what is recalled."),
            new("f", "False", false, "Recall is itself a learning event."),
        ]),
        new("q2", QuestionKind.MultipleChoice, "Which best supports long-term retention?",
        [
            new("a", "Re-reading notes", false, "Re-reading feels fluent but builds little."),
            new("b", "Spaced retrieval", true, "Spacing and retrieval together build durable memory."),
            new("c", "Highlighting", false, "Highlighting is passive."),
        ]),
    ];

    private async Task<string> StoreAsync(byte[] content)
    {
        if (files is null)
        {
            throw new InvalidOperationException("This builder was made without a file store.");
        }

        await using var stream = new MemoryStream(content);
        return await files.SaveAsync(stream);
    }
}

using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Web.Demo.Materials;

namespace Npq.Web.Demo;

/// <summary>
/// The demo NPQSL programme, authored, released and studied through the materials' own use cases: ten modules (one
/// per area), each with a page, a handout, a captioned video, a link, a reflection prompt and a knowledge check; a
/// module opens every four weeks from each demo cohort's start; Amira has finished the first module and is part-way
/// through the second, Ben has started the first.
/// </summary>
public sealed class MaterialsDemoSeed(
    ProgrammeAuthoring authoring,
    ModuleReleases releases,
    Studying studying,
    ICohortRepository cohorts,
    IFrameworkCatalog frameworks) : IDemoSeedStep
{
    public int Order => 60;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var course = await authoring.CourseAsync(context.CourseId);
        if (course is null || (await authoring.ProgrammeAsync(course.CourseId)).Modules.Count > 0)
        {
            return;
        }

        var admin = new Author(context.User("admin@npq.example"), null);
        var framework = frameworks.Find("npqsl");
        var video = Media("materials-sample.webm");
        var captions = Media("materials-sample.vtt");
        var transcript = string.Join("\n\n", System.Text.Encoding.UTF8.GetString(captions).Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith("WEBVTT", StringComparison.Ordinal) && !line.Contains("-->", StringComparison.Ordinal)));
        foreach (var module in MaterialsDemoContent.Modules)
        {
            var moduleId = Id(await authoring.CreateModuleAsync(course, new ModuleDraft { Title = module.Title, Summary = module.Summary, ReleaseRule = ReleaseRule.OnDate }, admin));
            var created = (await authoring.ModuleAsync(course.CourseId, moduleId))!;
            var statementTexts = module.Statements.Select(id => framework?.FindStatement(id)?.Text ?? id).ToList();
            var handout = new HandoutDocument(module, Npq.Web.Demo.DemoSeeder.ProviderName, statementTexts, context.NowUtc);
            using var pdf = new MemoryStream();
            handout.WriteTo(pdf);

            await AddAsync(course, created, ItemKind.Page, new ItemDraft { Title = "Read: " + module.Title[(module.Title.IndexOf(':') + 2)..], Body = module.Page, StatementIds = module.Statements }, admin);
            await AddAsync(course, created, ItemKind.File, new ItemDraft { Title = "Handout", Body = "A one-page handout to print or keep.", StatementIds = module.Statements }, admin,
                (UploadPurpose.Document, handout.FileName, pdf.ToArray()));
            await AddAsync(course, created, ItemKind.Video, new ItemDraft { Title = "Watch: an introduction", Body = "A short introduction to the module.", Transcript = transcript, StatementIds = module.Statements }, admin,
                (UploadPurpose.Video, "introduction.webm", video), (UploadPurpose.Captions, "introduction.vtt", captions));
            await AddAsync(course, created, ItemKind.Link, new ItemDraft { Title = module.LinkTitle, Body = "Further reading from outside Npq.", Url = module.LinkUrl, StatementIds = module.Statements }, admin);
            await AddAsync(course, created, ItemKind.Reflection, new ItemDraft { Title = "Reflect", Body = module.Reflection, StatementIds = module.Statements }, admin);
            await AddAsync(course, created, ItemKind.KnowledgeCheck, new ItemDraft
            {
                Title = "Check your understanding", Body = "Two quick questions. Try as often as you like; 80 % completes it.", StatementIds = module.Statements,
                Questions = module.Questions.Select(Question).ToList(),
            }, admin);
        }

        var programme = await authoring.ProgrammeAsync(course.CourseId);
        foreach (var cohortId in new[] { context.UkCohortId, context.InternationalCohortId })
        {
            var cohort = await cohorts.GetSummaryAsync(cohortId);
            var start = cohort?.Cohort.StartDate ?? DateOnly.FromDateTime(context.NowUtc);
            foreach (var (module, index) in programme.Modules.Select((m, i) => (m, i)))
            {
                await releases.SetDateAsync(cohortId, module.Module.Id, start.AddDays(28 * index).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), admin.UserId, null);
            }
        }

        await StudyAsync(context.User("candidate1@npq.example"), context.InternationalCohortId, programme, modulesDone: 1, itemsOfNext: 3);
        await StudyAsync(context.User("candidate2@npq.example"), context.UkCohortId, programme, modulesDone: 0, itemsOfNext: 2);
    }

    /// <summary>A candidate works through whole modules, then part of the next, as they would on the pages.</summary>
    private async Task StudyAsync(int candidateId, int cohortId, Programme programme, int modulesDone, int itemsOfNext)
    {
        var items = programme.Modules.Take(modulesDone).SelectMany(m => m.Items)
            .Concat(programme.Modules.Skip(modulesDone).Take(1).SelectMany(m => m.Items.Take(itemsOfNext)));
        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case ItemKind.Video:
                    await studying.ReportVideoAsync(candidateId, cohortId, item.Id, new VideoReport(6, 6, [(0, 6)]));
                    break;
                case ItemKind.Reflection:
                    await studying.AnswerReflectionAsync(candidateId, cohortId, item.Id,
                        "We protect a calm start to the day; our assemblies say one thing and our corridors another. I would start with the corridors.");
                    break;
                case ItemKind.KnowledgeCheck:
                    var questions = KnowledgeCheck.Read(item.Questions);
                    await studying.SubmitCheckAsync(candidateId, cohortId, item.Id, questions.ToDictionary(q => q.Id, q => (IReadOnlyList<string>)[q.Options[^1].Id]));
                    await studying.SubmitCheckAsync(candidateId, cohortId, item.Id, questions.ToDictionary(q => q.Id, q => (IReadOnlyList<string>)q.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToList()));
                    break;
                default:
                    await studying.MarkDoneAsync(candidateId, cohortId, item.Id);
                    break;
            }
        }
    }

    private async Task AddAsync(MaterialsCourse course, MaterialModule module, ItemKind kind, ItemDraft draft, Author admin, params (UploadPurpose Purpose, string Name, byte[] Content)[] files)
    {
        var id = Id(await authoring.CreateItemAsync(course, module, kind, draft, admin));
        foreach (var (purpose, name, content) in files)
        {
            var item = (await authoring.ItemAsync(course.CourseId, id))!;
            using var stream = new MemoryStream(content);
            Id(await authoring.AttachAsync(course, item, purpose, new MaterialUpload(name, content.Length, stream), item.Version, admin));
        }

        var saved = (await authoring.ItemAsync(course.CourseId, id))!;
        Id(await authoring.PublishAsync(course, saved, saved.Version, admin));
    }

    private static KnowledgeQuestion Question(DemoQuestion question) => new(
        KnowledgeCheck.NewId(), question.TrueFalse ? QuestionKind.TrueFalse : QuestionKind.MultipleChoice, question.Prompt,
        question.Answers.Select((answer, i) => new KnowledgeOption(KnowledgeCheck.NewId(), answer, i == question.Correct, i == question.Correct ? question.WhyRight : question.WhyWrong)).ToList());

    /// <summary>The id a use case gave, or a clear failure: demo data that breaks the rules is a bug in the demo.</summary>
    private static int Id(AuthoringResult result) => result.Done
        ? result.Id ?? 0
        : throw new InvalidOperationException("The demo programme broke a rule: " + string.Join("; ", result.Problems.Select(p => p.Message).Append(result.Conflict ?? "")));

    private static byte[] Media(string name)
    {
        using var stream = typeof(MaterialsDemoSeed).Assembly.GetManifestResourceStream("Npq.Web.Demo.Media." + name)
            ?? throw new InvalidOperationException("The demo media " + name + " is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

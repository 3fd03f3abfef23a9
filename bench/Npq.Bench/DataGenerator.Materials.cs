using Npq.Core.Frameworks;
using System.Text.Json;

namespace Npq.Bench;

/// <summary>
/// The course's programme (a module per framework area, six items each, published), every cohort's opening dates
/// (one module a month from the cohort's start), and each candidate's progress: the modules open so far done in part
/// or in full, with knowledge-check attempts.
/// </summary>
public sealed partial class DataGenerator
{
    private static readonly string[] Kinds = ["Page", "File", "Video", "Link", "Reflection", "KnowledgeCheck"];

    internal sealed record MaterialIds(int[][] ItemsByModule, int[] Modules);

    private MaterialIds Materials(PeopleIds people, CohortIds cohorts, Framework framework) => Batch(tx =>
    {
        using var modules = new BulkInsert(connection, tx, "MaterialModules", "CourseId", "Position", "Title", "Summary", "ReleaseRule", "Version", "CreatedUtc", "UpdatedUtc");
        using var items = new BulkInsert(connection, tx, "MaterialItems", "ModuleId", "Position", "Kind", "Title", "State", "Body", "Url", "FileStoredName", "FileName",
            "FileContentType", "FileBytes", "CaptionsStoredName", "Transcript", "Questions", "Version", "CreatedUtc", "UpdatedUtc", "PublishedUtc");
        using var itemStatements = new BulkInsert(connection, tx, "MaterialItemStatements", "ItemId", "StatementId");
        var questions = JsonSerializer.Serialize(new[]
        {
            new { id = "q1", kind = "MultipleChoice", prompt = "Which is right?", options = new[] { new { id = "a", text = "This", isCorrect = true, explanation = "Yes." }, new { id = "b", text = "That", isCorrect = false, explanation = "No." } } },
            new { id = "q2", kind = "TrueFalse", prompt = "True?", options = new[] { new { id = "t", text = "True", isCorrect = true, explanation = "Yes." }, new { id = "f", text = "False", isCorrect = false, explanation = "No." } } },
        });
        var moduleIds = new List<int>();
        var itemIds = new List<int[]>();
        var published = Now.AddDays(-200);
        foreach (var (area, index) in framework.Areas.Select((a, i) => (a, i)))
        {
            var moduleId = modules.Add(people.CourseId, index + 1, $"Module {index + 1}: {area.Title}", $"What {area.Title.ToLowerInvariant()} asks of a senior leader.", "OnDate", 1, published, published);
            moduleIds.Add(moduleId);
            var statementIds = area.AllStatements.Select(s => s.Id).Take(3).ToArray();
            var ids = Kinds.Select((kind, position) =>
            {
                var isFile = kind is "File" or "Video";
                var id = items.Add(moduleId, position + 1, kind, $"{area.Title}: {kind.ToLowerInvariant()}", "Published",
                    $"## {area.Title}\n\nA reading for this module, with **emphasis** and a [link](https://example.org).", kind == "Link" ? "https://example.org/reading" : null,
                    isFile ? $"bench-{moduleId}-{position}" : null, isFile ? (kind == "Video" ? "intro.webm" : "handout.pdf") : null,
                    isFile ? (kind == "Video" ? "video/webm" : "application/pdf") : null, isFile ? 100_000 : null,
                    kind == "Video" ? $"bench-{moduleId}-{position}-vtt" : null, kind == "Video" ? "A transcript." : "",
                    kind == "KnowledgeCheck" ? questions : "", 1, published, published, published);
                foreach (var statement in statementIds)
                {
                    itemStatements.Add(id, statement);
                }

                return id;
            }).ToArray();
            itemIds.Add(ids);
        }

        using var releases = new BulkInsert(connection, tx, "MaterialModuleReleases", "CohortId", "ModuleId", "OpensOn", "OpenedEarlyUtc", "OpenedEarlyByUserId");
        var cohortStart = DateOnly.FromDateTime(Now.AddDays(-180));
        foreach (var cohort in cohorts.Ids)
        {
            for (var m = 0; m < moduleIds.Count; m++)
            {
                releases.Add(cohort, moduleIds[m], cohortStart.AddMonths(m), null, null);
            }
        }

        // Six modules are open (one a month for six months); each candidate has done some of them.
        using var progress = new BulkInsert(connection, tx, "MaterialProgress", "CandidateUserId", "ItemId", "IsComplete", "PositionSeconds", "DurationSeconds",
            "WatchedMap", "BestScorePercent", "Attempts", "EvidenceId", "CompletedUtc", "UpdatedUtc");
        using var attempts = new BulkInsert(connection, tx, "KnowledgeCheckAttempts", "ItemId", "CandidateUserId", "ScorePercent", "Answers", "SubmittedUtc");
        foreach (var candidate in people.Candidates)
        {
            var done = _random.Next(0, 6 * Kinds.Length + 1);
            var flat = itemIds.Take(6).SelectMany(i => i).Take(done);
            foreach (var item in flat)
            {
                var kind = Kinds[Array.IndexOf(itemIds.First(m => m.Contains(item)), item)];
                var when = Now.AddDays(-_random.Next(1, 150));
                if (kind == "KnowledgeCheck")
                {
                    attempts.Add(item, candidate, 50, "{\"q1\":[\"b\"],\"q2\":[\"t\"]}", when.AddHours(-1));
                    attempts.Add(item, candidate, 100, "{\"q1\":[\"a\"],\"q2\":[\"t\"]}", when);
                }

                progress.Add(candidate, item, true, kind == "Video" ? 20.0 : null, kind == "Video" ? 20.0 : null, kind == "Video" ? "//8P" : null,
                    kind == "KnowledgeCheck" ? 100 : null, kind == "KnowledgeCheck" ? 2 : 0, null, when, when);
            }
        }

        _rows += modules.Rows + items.Rows + itemStatements.Rows + releases.Rows + progress.Rows + attempts.Rows;
        return new MaterialIds(itemIds.ToArray(), moduleIds.ToArray());
    });
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Npq.Core.Validation;

namespace Npq.Core.Materials;

public enum QuestionKind
{
    MultipleChoice,
    TrueFalse,
}

/// <summary>An answer a question offers, whether it is correct, and the explanation shown once it is chosen.</summary>
public sealed record KnowledgeOption(string Id, string Text, bool IsCorrect, string Explanation);

/// <summary>A question of a knowledge check. Option ids are stable, so attempts keep their meaning after edits.</summary>
public sealed record KnowledgeQuestion(string Id, QuestionKind Kind, string Prompt, IReadOnlyList<KnowledgeOption> Options);

/// <summary>How one question of an attempt went.</summary>
public sealed record QuestionResult(KnowledgeQuestion Question, IReadOnlyList<string> Chosen, bool Correct);

/// <summary>An attempt marked: each question's result and the score in whole percent.</summary>
public sealed record CheckResult(IReadOnlyList<QuestionResult> Questions, int ScorePercent)
{
    public bool Passed => ScorePercent >= KnowledgeCheck.PassPercent;
}

/// <summary>
/// A knowledge check's questions: read from and written to the item's JSON, checked before saving, and marking an
/// attempt. A question is right when exactly its correct options are chosen. Not part of the qualification's
/// assessment: unlimited attempts, the best score kept, complete at <see cref="PassPercent"/>.
/// </summary>
public static class KnowledgeCheck
{
    public const int PassPercent = 80;
    public const int MaxQuestions = 20;
    public const int MaxOptions = 6;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<KnowledgeQuestion> Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<KnowledgeQuestion>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Write(IReadOnlyList<KnowledgeQuestion> questions) => JsonSerializer.Serialize(questions, Json);

    /// <summary>What is wrong with a set of questions, tied to the form's fields (<c>Questions[i].Prompt</c>, …).</summary>
    public static IReadOnlyList<FieldProblem> Check(IReadOnlyList<KnowledgeQuestion> questions)
    {
        var problems = new List<FieldProblem>();
        if (questions.Count == 0)
        {
            problems.Add(new FieldProblem("Questions", "Add at least one question."));
        }
        else if (questions.Count > MaxQuestions)
        {
            problems.Add(new FieldProblem("Questions", $"A knowledge check has at most {MaxQuestions} questions."));
        }

        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            var field = $"Questions[{q}]";
            if (string.IsNullOrWhiteSpace(question.Prompt))
            {
                problems.Add(new FieldProblem($"{field}.Prompt", $"Enter question {q + 1}."));
            }

            if (question.Kind == QuestionKind.TrueFalse && question.Options.Count != 2)
            {
                problems.Add(new FieldProblem($"{field}.Options", $"Question {q + 1} is true or false, so it has exactly two answers."));
            }
            else if (question.Options.Count < 2 || question.Options.Count > MaxOptions)
            {
                problems.Add(new FieldProblem($"{field}.Options", $"Question {q + 1} needs between 2 and {MaxOptions} answers."));
            }

            if (question.Options.Any(o => string.IsNullOrWhiteSpace(o.Text)))
            {
                problems.Add(new FieldProblem($"{field}.Options", $"Every answer of question {q + 1} needs its text."));
            }

            if (!question.Options.Any(o => o.IsCorrect))
            {
                problems.Add(new FieldProblem($"{field}.Options", $"Mark at least one answer of question {q + 1} as correct."));
            }

            if (question.Kind == QuestionKind.TrueFalse && question.Options.Count(o => o.IsCorrect) != 1)
            {
                problems.Add(new FieldProblem($"{field}.Options", $"Question {q + 1} is true or false, so exactly one answer is correct."));
            }
        }

        return problems;
    }

    /// <summary>Marks an attempt: chosen option ids per question id (unknown ids are ignored).</summary>
    public static CheckResult Mark(IReadOnlyList<KnowledgeQuestion> questions, IReadOnlyDictionary<string, IReadOnlyList<string>> chosen)
    {
        var results = questions.Select(q =>
        {
            var picked = chosen.TryGetValue(q.Id, out var ids)
                ? ids.Where(id => q.Options.Any(o => o.Id == id)).Distinct().ToList()
                : [];
            var correct = q.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToHashSet();
            return new QuestionResult(q, picked, picked.Count > 0 && correct.SetEquals(picked));
        }).ToList();
        var score = questions.Count == 0 ? 0 : (int)Math.Floor(100.0 * results.Count(r => r.Correct) / questions.Count);
        return new CheckResult(results, score);
    }

    /// <summary>A new short id for a question or an option.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..10];

    public static string WriteAnswers(IReadOnlyDictionary<string, IReadOnlyList<string>> chosen) => JsonSerializer.Serialize(chosen, Json);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadAnswers(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json, Json)?
                .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }
    }
}

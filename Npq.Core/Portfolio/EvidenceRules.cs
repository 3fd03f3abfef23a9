using Npq.Core.Frameworks;
using Npq.Core.Validation;

namespace Npq.Core.Portfolio;

/// <summary>What a person typed into the evidence form (or what autosave sent). <see cref="Record"/> asks to record it rather than keep a draft.</summary>
public sealed record EvidenceInput
{
    public string? Title { get; init; }
    public DateOnly? EvidenceDate { get; init; }
    public string? Reflection { get; init; }
    public IReadOnlyList<string> StatementIds { get; init; } = [];
    public bool Record { get; init; }
}

/// <summary>The statements the input keeps (blank, repeated and unknown ones dropped) and what is wrong with it.</summary>
public sealed record EvidenceCheck(IReadOnlyList<string> StatementIds, IReadOnlyList<FieldProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The rules of an evidence item: its statements must be in the candidate's framework; recording it needs at least
/// one statement and a reflection; autosave keeps whatever was typed, so a draft without a title or date still saves.
/// </summary>
public static class EvidenceRules
{
    public const int MaxTitle = 200;
    public const int MaxReflection = 100_000;
    public const string UntitledDraft = "Untitled draft";

    /// <summary>Checks the input against the framework (the form's own checks of lengths and required fields come first, in the page).</summary>
    public static EvidenceCheck Check(EvidenceInput input, Framework? framework)
    {
        var problems = new List<FieldProblem>();
        var statements = input.StatementIds.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = statements.Where(s => framework?.FindStatement(s) is null).ToList();
        if (unknown.Count > 0)
        {
            statements = statements.Except(unknown).ToList();
            problems.Add(new(nameof(EvidenceInput.StatementIds), "Some statements you chose are not in your framework; choose again from the list."));
        }

        if (input.Record)
        {
            if (statements.Count == 0)
            {
                problems.Add(new(nameof(EvidenceInput.StatementIds), "Choose at least one statement this evidence shows before you record it."));
            }

            if (string.IsNullOrWhiteSpace(input.Reflection))
            {
                problems.Add(new(nameof(EvidenceInput.Reflection), "Write a reflection before you record this evidence."));
            }
        }

        return new EvidenceCheck(statements, problems);
    }

    /// <summary>
    /// What autosave keeps of the input: the title typed (trimmed and cut to length), else the item's own, else
    /// "Untitled draft"; the date typed, else <paramref name="dateIfNone"/>; the reflection cut to length; the
    /// statements the framework knows.
    /// </summary>
    public static EvidenceInput AutosaveDefaults(EvidenceInput input, Framework? framework, DateOnly dateIfNone, EvidenceItem? existing = null) => input with
    {
        Title = string.IsNullOrWhiteSpace(input.Title) ? existing?.Title ?? UntitledDraft : input.Title.Trim()[..Math.Min(input.Title.Trim().Length, MaxTitle)],
        EvidenceDate = input.EvidenceDate ?? dateIfNone,
        Reflection = input.Reflection is { Length: > MaxReflection } ? input.Reflection[..MaxReflection] : input.Reflection,
        StatementIds = input.StatementIds.Where(s => framework?.FindStatement(s) is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
    };

    /// <summary>The item the input describes; the title and date must be there (the form requires them, autosave fills them in).</summary>
    public static EvidenceItem ToItem(EvidenceInput input, IReadOnlyList<string> statementIds, int candidateUserId, int id, bool draft, DateTime nowUtc) => new()
    {
        Id = id,
        CandidateUserId = candidateUserId,
        Title = (input.Title ?? throw new ArgumentException("The evidence has no title.", nameof(input))).Trim(),
        EvidenceDate = input.EvidenceDate ?? throw new ArgumentException("The evidence has no date.", nameof(input)),
        Reflection = input.Reflection ?? string.Empty,
        IsDraft = draft,
        CreatedUtc = nowUtc,
        UpdatedUtc = nowUtc,
        StatementIds = statementIds,
    };

    /// <summary>A file name safe to store and offer back: no folders, quotes or control characters, at most 200 characters.</summary>
    public static string SafeFileName(string name)
    {
        var justName = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray()).Trim();
        return cleaned.Length == 0 ? "file" : cleaned[..Math.Min(cleaned.Length, 200)];
    }
}

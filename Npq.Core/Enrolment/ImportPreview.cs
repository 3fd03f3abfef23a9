namespace Npq.Core.Enrolment;

public enum ImportKind
{
    Applications,
    Enrolments,
}

/// <summary>One problem with an import: the CSV row (the header is row 1), the column, and what to fix.</summary>
public sealed record ImportProblem(int Row, string Column, string Message);

/// <summary>A row as read, with its problems.</summary>
public sealed record ImportRow(int Row, IReadOnlyList<string> Values, IReadOnlyList<ImportProblem> Problems);

/// <summary>What the provider's data says about the rows: its cohorts, mentors and who is already enrolled.</summary>
public sealed record ImportContext(
    int ProviderId,
    IReadOnlyDictionary<int, CohortSummary> Cohorts,
    IReadOnlyDictionary<string, int> MentorsByNormalizedEmail,
    IReadOnlySet<(int CohortId, string NormalizedEmail)> Enrolled,
    decimal VatRate,
    DateTime NowUtc);

/// <summary>The preview: every row and its problems. Only a preview without problems can be imported.</summary>
public sealed class ImportPreview
{
    public required ImportKind Kind { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public List<ImportRow> Rows { get; } = [];
    public List<ImportProblem> FileProblems { get; } = [];
    public List<(ImportedPerson Person, Application Application)> Applications { get; } = [];
    public List<(ImportedPerson Person, int CohortId, int? MentorUserId)> Enrolments { get; } = [];

    public bool IsValid => FileProblems.Count == 0 && Rows.Count > 0 && Rows.All(r => r.Problems.Count == 0);

    public int ProblemCount => FileProblems.Count + Rows.Sum(r => r.Problems.Count);
}

/// <summary>The columns of each kind of import, as the template has them.</summary>
public static class ImportFormat
{
    public const int MaxRows = 5000;

    public static readonly IReadOnlyDictionary<ImportKind, IReadOnlyList<string>> Columns = new Dictionary<ImportKind, IReadOnlyList<string>>
    {
        [ImportKind.Applications] =
        [
            "cohort_id", "full_name", "email", "school", "role", "qualification", "qualification_gained_on", "years_teaching_since",
            "funding_route", "participant_id", "application_id", "trn",
        ],
        [ImportKind.Enrolments] = ["cohort_id", "full_name", "email", "mentor_email"],
    };

    public static readonly IReadOnlySet<string> Optional = new HashSet<string> { "participant_id", "application_id", "trn", "mentor_email", "qualification_gained_on" };

    public static readonly IReadOnlyDictionary<string, TeachingQualification> Qualifications = new Dictionary<string, TeachingQualification>(StringComparer.OrdinalIgnoreCase)
    {
        ["qts"] = TeachingQualification.Qts,
        ["qtls"] = TeachingQualification.Qtls,
        ["level5"] = TeachingQualification.Level5OrHigher,
        ["international"] = TeachingQualification.InternationalEquivalent,
        ["none"] = TeachingQualification.None,
    };

    /// <summary>An example row per kind, for the template.</summary>
    public static readonly IReadOnlyDictionary<ImportKind, IReadOnlyList<string>> Example = new Dictionary<ImportKind, IReadOnlyList<string>>
    {
        [ImportKind.Applications] = ["1", "Jo Bloggs", "jo.bloggs@school.example", "Riverside Academy", "Assistant headteacher", "qts", "2018-07-20", "6", "school", "", "", "1234567"],
        [ImportKind.Enrolments] = ["1", "Jo Bloggs", "jo.bloggs@school.example", "mentor@npq.example"],
    };

    /// <summary>The kind named in an address or form ("applications", "Enrolments"); numbers are not names.</summary>
    public static bool TryKind(string? kind, out ImportKind value) =>
        Enum.TryParse(kind, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(kind, out _);
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Web.Features.Enrolment.Imports;

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

/// <summary>Reads an uploaded CSV of applications or enrolments (CsvHelper) and checks every row against the provider's data.</summary>
public sealed class ImportParser
{
    public const int MaxBytes = 1024 * 1024;
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

    private static readonly IReadOnlySet<string> Optional = new HashSet<string> { "participant_id", "application_id", "trn", "mentor_email", "qualification_gained_on" };

    private static readonly IReadOnlyDictionary<string, TeachingQualification> Qualifications = new Dictionary<string, TeachingQualification>(StringComparer.OrdinalIgnoreCase)
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

    public ImportPreview Parse(string text, ImportKind kind, ImportContext context)
    {
        var preview = new ImportPreview { Kind = kind, Columns = Columns[kind] };
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = args => preview.FileProblems.Add(new ImportProblem(args.Context.Parser?.Row ?? 0, "(whole row)", "A quoted value is not closed properly.")),
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            preview.FileProblems.Add(new ImportProblem(1, "(header)", "The file is empty: start with the header row from the template."));
            return preview;
        }

        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!Columns[kind].Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                preview.FileProblems.Add(new ImportProblem(1, name.Length == 0 ? $"column {i + 1}" : name, "This column is not in the template: remove it or check its spelling."));
            }
            else if (!positions.TryAdd(name, i))
            {
                preview.FileProblems.Add(new ImportProblem(1, name, "This column appears twice."));
            }
        }

        foreach (var missing in Columns[kind].Where(c => !positions.ContainsKey(c) && !Optional.Contains(c)))
        {
            preview.FileProblems.Add(new ImportProblem(1, missing, "This column is missing."));
        }

        if (preview.FileProblems.Count > 0)
        {
            return preview;
        }

        var seen = new Dictionary<(int, string), int>();
        var placesUsed = new Dictionary<int, int>();
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            if (preview.Rows.Count >= MaxRows)
            {
                preview.FileProblems.Add(new ImportProblem(row, "(file)", $"A file may hold at most {MaxRows} rows: split it and import the parts one after the other."));
                break;
            }

            var values = Columns[kind].Select(c => positions.TryGetValue(c, out var p) ? csv.GetField(p) ?? string.Empty : string.Empty).ToList();
            if (values.All(v => v.Length == 0))
            {
                continue;
            }

            var problems = new List<ImportProblem>();
            string Get(string column) => values[Columns[kind].ToList().IndexOf(column)];
            void Problem(string column, string message) => problems.Add(new ImportProblem(row, column, message));

            CohortSummary? cohort = null;
            if (!int.TryParse(Get("cohort_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var cohortId) || !context.Cohorts.TryGetValue(cohortId, out cohort))
            {
                Problem("cohort_id", "Not one of your cohorts: use the number shown on the cohorts page.");
            }

            var name = Get("full_name");
            if (name.Length == 0)
            {
                Problem("full_name", "Enter the person's full name.");
            }
            else if (name.Length > 200)
            {
                Problem("full_name", "The name must be 200 characters or fewer.");
            }

            var email = Get("email");
            if (email.Length == 0 || email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
            {
                Problem("email", "Enter an email address like name@school.org.");
            }
            else if (cohort is not null && !seen.TryAdd((cohortId, email.ToUpperInvariant()), row))
            {
                Problem("email", $"The same person and cohort are on row {seen[(cohortId, email.ToUpperInvariant())]} too.");
            }

            var person = new ImportedPerson(email, name, context.ProviderId);
            if (kind == ImportKind.Applications)
            {
                var application = ReadApplication(Get, Problem, cohort, cohortId, context);
                if (problems.Count == 0 && application is not null)
                {
                    preview.Applications.Add((person, application));
                }
            }
            else
            {
                int? mentorId = null;
                var mentorEmail = Get("mentor_email");
                if (mentorEmail.Length > 0)
                {
                    if (context.MentorsByNormalizedEmail.TryGetValue(mentorEmail.ToUpperInvariant(), out var m))
                    {
                        mentorId = m;
                    }
                    else
                    {
                        Problem("mentor_email", "Not one of your mentors: leave it empty to assign a mentor later.");
                    }
                }

                if (cohort is not null && email.Length > 0 && context.Enrolled.Contains((cohortId, email.ToUpperInvariant())))
                {
                    Problem("email", "Already enrolled on this cohort.");
                }

                if (cohort is not null)
                {
                    var used = placesUsed.GetValueOrDefault(cohortId) + 1;
                    placesUsed[cohortId] = used;
                    if (used > cohort.PlacesLeft)
                    {
                        Problem("cohort_id", $"The cohort has {cohort.PlacesLeft} places left and this is row {used} for it.");
                    }
                }

                if (problems.Count == 0)
                {
                    preview.Enrolments.Add((person, cohortId, mentorId));
                }
            }

            preview.Rows.Add(new ImportRow(row, values, problems));
        }

        if (preview.Rows.Count == 0 && preview.FileProblems.Count == 0)
        {
            preview.FileProblems.Add(new ImportProblem(2, "(file)", "The file has a header but no rows."));
        }

        return preview;
    }

    private static Application? ReadApplication(Func<string, string> get, Action<string, string> problem, CohortSummary? cohort, int cohortId, ImportContext context)
    {
        var school = get("school");
        if (school.Length is 0 or > 200)
        {
            problem("school", "Enter the school's name (up to 200 characters).");
        }

        var role = get("role");
        if (role.Length is 0 or > 200)
        {
            problem("role", "Enter the person's role (up to 200 characters).");
        }

        if (!Qualifications.TryGetValue(get("qualification"), out var qualification))
        {
            problem("qualification", "Use one of: qts, qtls, level5, international, none.");
        }

        DateOnly? gained = null;
        var gainedText = get("qualification_gained_on");
        if (gainedText.Length > 0)
        {
            if (DateOnly.TryParseExact(gainedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1950)
            {
                gained = d;
            }
            else
            {
                problem("qualification_gained_on", "Write the date as 2018-07-20.");
            }
        }

        if (!int.TryParse(get("years_teaching_since"), NumberStyles.None, CultureInfo.InvariantCulture, out var years) || years > 60)
        {
            problem("years_teaching_since", "Enter a whole number of years from 0 to 60.");
        }

        if (!Enum.TryParse<FundingRoute>(get("funding_route"), ignoreCase: true, out var route) || !Enum.IsDefined(route) || int.TryParse(get("funding_route"), out _))
        {
            problem("funding_route", "Use one of: school, trust, self, another, employer.");
        }

        foreach (var (column, max) in new[] { ("participant_id", 64), ("application_id", 64), ("trn", 16) })
        {
            if (get(column).Length > max)
            {
                problem(column, $"Must be {max} characters or fewer.");
            }
        }

        if (cohort is null)
        {
            return null;
        }

        var draft = new Application
        {
            CohortId = cohortId, SchoolName = school, Role = role, Qualification = qualification, QualificationGainedOn = gained,
            YearsTeachingSince = years, FundingRoute = route, DfeParticipantId = get("participant_id"), DfeApplicationId = get("application_id"), Trn = get("trn"),
        };
        var today = Npq.Core.Time.ZonedTime.Today(context.NowUtc, cohort.Cohort.TimeZone);
        return ApplicationSubmission.Complete(draft, cohort.Course.PricePence, context.VatRate, today, context.NowUtc);
    }

    /// <summary>Reads an upload as text: UTF-8 (with or without BOM); refuses what is plainly not a CSV.</summary>
    public static string? ReadText(byte[] bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}

using System.Globalization;
using Npq.Core.Time;

namespace Npq.Core.Enrolment;

/// <summary>
/// Checks an import as it is read, row by row, against the provider's data: the header against the template, then
/// each row (its cohort, person, and the application's answers or the enrolment's mentor and place). The reader of the
/// file format (CSV, in Npq.Web) calls <see cref="Header"/>, <see cref="Row"/> for each row, and <see cref="Finish"/>.
/// </summary>
public sealed class ImportCheck(ImportKind kind, ImportContext context)
{
    private readonly IReadOnlyList<string> _columns = ImportFormat.Columns[kind];
    private readonly Dictionary<string, int> _positions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(int, string), int> _seen = [];
    private readonly Dictionary<int, int> _placesUsed = [];

    public ImportPreview Preview { get; } = new() { Kind = kind, Columns = ImportFormat.Columns[kind] };

    /// <summary>A problem with the file itself rather than a value (a broken quote, too many rows).</summary>
    public void FileProblem(int row, string column, string message) => Preview.FileProblems.Add(new ImportProblem(row, column, message));

    /// <summary>The file has no header row.</summary>
    public ImportPreview Empty()
    {
        FileProblem(1, "(header)", "The file is empty: start with the header row from the template.");
        return Preview;
    }

    /// <summary>Reads the header; false when the rows cannot be checked against it (the file's problems say why).</summary>
    public bool Header(IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!_columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                FileProblem(1, name.Length == 0 ? $"column {i + 1}" : name, "This column is not in the template: remove it or check its spelling.");
            }
            else if (!_positions.TryAdd(name, i))
            {
                FileProblem(1, name, "This column appears twice.");
            }
        }

        foreach (var missing in _columns.Where(c => !_positions.ContainsKey(c) && !ImportFormat.Optional.Contains(c)))
        {
            FileProblem(1, missing, "This column is missing.");
        }

        return Preview.FileProblems.Count == 0;
    }

    /// <summary>Checks one row, reading its fields by their position in the file; false when the file holds too many rows to go on.</summary>
    public bool Row(int row, Func<int, string?> field)
    {
        if (Preview.Rows.Count >= ImportFormat.MaxRows)
        {
            FileProblem(row, "(file)", $"A file may hold at most {ImportFormat.MaxRows} rows: split it and import the parts one after the other.");
            return false;
        }

        var values = _columns.Select(c => _positions.TryGetValue(c, out var p) ? field(p) ?? string.Empty : string.Empty).ToList();
        if (values.All(v => v.Length == 0))
        {
            return true;
        }

        var problems = new List<ImportProblem>();
        string Get(string column) => values[_columns.ToList().IndexOf(column)];
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
        if (!EmailRule.IsPlausible(email))
        {
            Problem("email", "Enter an email address like name@school.org.");
        }
        else if (cohort is not null && !_seen.TryAdd((cohortId, email.ToUpperInvariant()), row))
        {
            Problem("email", $"The same person and cohort are on row {_seen[(cohortId, email.ToUpperInvariant())]} too.");
        }

        var person = new ImportedPerson(email, name, context.ProviderId);
        if (kind == ImportKind.Applications)
        {
            var application = ReadApplication(Get, Problem, cohort, cohortId);
            if (problems.Count == 0 && application is not null)
            {
                Preview.Applications.Add((person, application));
            }
        }
        else
        {
            var mentorId = ReadEnrolment(Get, Problem, cohort, cohortId, email);
            if (problems.Count == 0)
            {
                Preview.Enrolments.Add((person, cohortId, mentorId));
            }
        }

        Preview.Rows.Add(new ImportRow(row, values, problems));
        return true;
    }

    public ImportPreview Finish()
    {
        if (Preview.Rows.Count == 0 && Preview.FileProblems.Count == 0)
        {
            FileProblem(2, "(file)", "The file has a header but no rows.");
        }

        return Preview;
    }

    /// <summary>The enrolment's mentor (when named), checking the person is not yet on the cohort and it has a place for this row.</summary>
    private int? ReadEnrolment(Func<string, string> get, Action<string, string> problem, CohortSummary? cohort, int cohortId, string email)
    {
        int? mentorId = null;
        var mentorEmail = get("mentor_email");
        if (mentorEmail.Length > 0)
        {
            if (context.MentorsByNormalizedEmail.TryGetValue(mentorEmail.ToUpperInvariant(), out var m))
            {
                mentorId = m;
            }
            else
            {
                problem("mentor_email", "Not one of your mentors: leave it empty to assign a mentor later.");
            }
        }

        if (cohort is not null && email.Length > 0 && context.Enrolled.Contains((cohortId, email.ToUpperInvariant())))
        {
            problem("email", "Already enrolled on this cohort.");
        }

        if (cohort is not null)
        {
            var used = _placesUsed.GetValueOrDefault(cohortId) + 1;
            _placesUsed[cohortId] = used;
            if (used > cohort.PlacesLeft)
            {
                problem("cohort_id", $"The cohort has {cohort.PlacesLeft} places left and this is row {used} for it.");
            }
        }

        return mentorId;
    }

    /// <summary>The application as submitted (entry check and price as for one made on the site), or null without a cohort.</summary>
    private Application? ReadApplication(Func<string, string> get, Action<string, string> problem, CohortSummary? cohort, int cohortId)
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

        if (!ImportFormat.Qualifications.TryGetValue(get("qualification"), out var qualification))
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

        // DfE's ids are checked as typed (a UUID, a 7-digit TRN) and then kept exactly as given.
        foreach (var (column, what) in new[] { ("participant_id", "participant id"), ("application_id", "application id") })
        {
            if (Dfe.DfeIds.UuidProblem(get(column), what) is { } message)
            {
                problem(column, message);
            }
        }

        if (Dfe.DfeIds.TrnProblem(get("trn")) is { } trnProblem)
        {
            problem("trn", trnProblem);
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
        var today = ZonedTime.Today(context.NowUtc, cohort.Cohort.TimeZone);
        return ApplicationSubmission.Complete(draft, cohort.Course.PricePence, context.VatRate, today, context.NowUtc);
    }
}

using Npq.Core.Enrolment;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class ImportCheckTests
{
    private static readonly string[] EnrolmentHeader = ["cohort_id", "full_name", "email", "mentor_email"];

    private static ImportContext Context(int placesLeft = 5) => new(
        ProviderId,
        new Dictionary<int, CohortSummary> { [CohortId] = Cohort(capacity: placesLeft + 3, enrolled: 3) },
        new Dictionary<string, int> { ["MENTOR@NPQ.EXAMPLE"] = MentorId },
        new HashSet<(int, string)> { (CohortId, "ALREADY@SCHOOL.EXAMPLE") },
        0.2m,
        Now);

    private static ImportPreview Read(ImportKind kind, IReadOnlyList<string> header, params string[][] rows)
    {
        var check = new ImportCheck(kind, Context());
        if (!check.Header(header))
        {
            return check.Preview;
        }

        for (var i = 0; i < rows.Length && check.Row(i + 2, p => p < rows[i].Length ? rows[i][p] : null); i++)
        {
        }

        return check.Finish();
    }

    [Test]
    public void Header_UnknownRepeatedAndMissingColumns_AreFileProblemsAndNoRowIsRead()
    {
        var preview = Read(ImportKind.Enrolments, ["cohort_id", "Full_Name", "full_name", "shoe_size", ""], ["30", "Jo", "jo@school.example"]);

        Assert.That(preview.FileProblems.Select(p => (p.Column, p.Message)), Is.EqualTo(new[]
        {
            ("full_name", "This column appears twice."),
            ("shoe_size", "This column is not in the template: remove it or check its spelling."),
            ("column 5", "This column is not in the template: remove it or check its spelling."),
            ("email", "This column is missing."),
        }));
        Assert.That(preview.Rows, Is.Empty);
        Assert.That(preview.IsValid, Is.False);
    }

    [Test]
    public void Rows_HeaderOnlyOrBlankRows_SaysThereAreNoRows()
    {
        var preview = Read(ImportKind.Enrolments, EnrolmentHeader, ["", " ".Trim(), "", ""]);

        Assert.That(preview.FileProblems.Single(), Is.EqualTo(new ImportProblem(2, "(file)", "The file has a header but no rows.")));
    }

    [Test]
    public void Empty_NoHeader_AsksForTheTemplatesHeader()
    {
        var preview = new ImportCheck(ImportKind.Applications, Context()).Empty();

        Assert.That(preview.FileProblems.Single().Message, Is.EqualTo("The file is empty: start with the header row from the template."));
        Assert.That(preview.Kind, Is.EqualTo(ImportKind.Applications));
    }

    [Test]
    public void Enrolments_ValidRowsWithAndWithoutMentor_AreReadyToImport()
    {
        var preview = Read(ImportKind.Enrolments, EnrolmentHeader, ["30", "Jo Bloggs", "jo@school.example", "mentor@npq.example"], ["30", "Sam", "sam@school.example", ""]);

        Assert.That(preview.IsValid, Is.True);
        Assert.That(preview.Enrolments, Is.EqualTo(new[]
        {
            (new ImportedPerson("jo@school.example", "Jo Bloggs", ProviderId), CohortId, (int?)MentorId),
            (new ImportedPerson("sam@school.example", "Sam", ProviderId), CohortId, (int?)null),
        }));
    }

    [Test]
    public void Enrolments_StrangerMentorAlreadyEnrolledAndTwiceOnOneCohort_AreProblemsOnTheirRows()
    {
        var preview = Read(ImportKind.Enrolments, EnrolmentHeader,
            ["30", "Jo", "jo@school.example", "stranger@npq.example"],
            ["30", "Already", "already@school.example", ""],
            ["30", "Jo again", "JO@school.example", ""],
            ["99", "", "not-an-email", ""]);

        Assert.That(preview.Rows.SelectMany(r => r.Problems).Select(p => (p.Row, p.Column)), Is.EqualTo(new[]
        {
            (2, "mentor_email"), (3, "email"), (4, "email"), (5, "cohort_id"), (5, "full_name"), (5, "email"),
        }));
        Assert.That(preview.Rows[2].Problems.Single().Message, Is.EqualTo("The same person and cohort are on row 2 too."));
        Assert.That(preview.Enrolments, Is.Empty);
        Assert.That(preview.ProblemCount, Is.EqualTo(6));
    }

    [Test]
    public void Enrolments_MoreRowsThanPlacesLeft_TheRowsBeyondAreProblems()
    {
        var check = new ImportCheck(ImportKind.Enrolments, Context(placesLeft: 1));
        check.Header(EnrolmentHeader);
        check.Row(2, p => new[] { "30", "One", "one@school.example" }.ElementAtOrDefault(p));
        check.Row(3, p => new[] { "30", "Two", "two@school.example" }.ElementAtOrDefault(p));

        var problem = check.Finish().Rows[1].Problems.Single();

        Assert.That(problem, Is.EqualTo(new ImportProblem(3, "cohort_id", "The cohort has 1 places left and this is row 2 for it.")));
    }

    [Test]
    public void Applications_ValidRow_IsTheApplicationAsSubmittedOnTheSite()
    {
        var preview = Read(ImportKind.Applications, ImportFormat.Columns[ImportKind.Applications],
            ["30", "Jo Bloggs", "jo@school.example", "Riverside Academy", "Deputy head", "QTS", "2018-07-20", "6", "Self", "", " db3a7848-7308-4879-942a-c4a70ced400a ", "1234567"]);

        var (person, application) = preview.Applications.Single();
        Assert.That(person, Is.EqualTo(new ImportedPerson("jo@school.example", "Jo Bloggs", ProviderId)));
        Assert.That((application.CohortId, application.Qualification, application.FundingRoute, application.IsEligible), Is.EqualTo((CohortId, TeachingQualification.Qts, FundingRoute.Self, true)));
        Assert.That((application.VatPence, application.DfeParticipantId, application.DfeApplicationId, application.SubmittedUtc), Is.EqualTo((31_000, (string?)null, "db3a7848-7308-4879-942a-c4a70ced400a", Now)));
        Assert.That(application.Status, Is.EqualTo(ApplicationStatus.Pending));
    }

    [Test]
    public void Applications_BadAnswers_AreProblemsOnTheirColumns()
    {
        var preview = Read(ImportKind.Applications, ImportFormat.Columns[ImportKind.Applications],
            ["30", "Jo", "jo@school.example", "", "Head", "phd", "20/07/2018", "61", "7", new string('p', 65), "", new string('t', 17)]);

        Assert.That(preview.Rows.Single().Problems.Select(p => p.Column), Is.EqualTo(new[]
        {
            "school", "qualification", "qualification_gained_on", "years_teaching_since", "funding_route", "participant_id", "trn",
        }));
        Assert.That(preview.Applications, Is.Empty);
    }

    [Test]
    public void Rows_MoreThanTheLimit_StopWithAFileProblem()
    {
        var check = new ImportCheck(ImportKind.Enrolments, Context());
        check.Header(EnrolmentHeader);
        var row = 1;
        while (check.Row(++row, p => p == 0 ? "99" : "x"))
        {
        }

        var preview = check.Finish();
        Assert.That(preview.Rows, Has.Count.EqualTo(ImportFormat.MaxRows));
        Assert.That(preview.FileProblems.Single(), Is.EqualTo(new ImportProblem(ImportFormat.MaxRows + 2, "(file)",
            "A file may hold at most 5000 rows: split it and import the parts one after the other.")));
    }

    [TestCase("applications", true, ImportKind.Applications)]
    [TestCase("Enrolments", true, ImportKind.Enrolments)]
    [TestCase("1", false, ImportKind.Applications)]
    [TestCase("people", false, ImportKind.Applications)]
    [TestCase(null, false, ImportKind.Applications)]
    public void TryKind_NamesButNotNumbers(string? kind, bool known, ImportKind expected)
    {
        Assert.That(ImportFormat.TryKind(kind, out var value), Is.EqualTo(known));
        if (known)
        {
            Assert.That(value, Is.EqualTo(expected));
        }
    }
}

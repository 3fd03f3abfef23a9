using Npq.Web.Documents;
using UglyToad.PdfPig;

namespace Npq.Tests.Web.Documents;

public sealed class AssessmentDocumentsTests
{
    internal static FinalAssessmentRecordModel Record(string submission, string name = "Zoë O’Brien") => new()
    {
        CandidateName = name,
        CourseName = "NPQ for Senior Leadership",
        CourseCode = "NPQSL",
        CohortName = "NPQSL International Autumn 2026 – Gulf (online)",
        ProviderName = "Outstanding Leaders Partnership",
        TaskTitle = "Final assessment: case study",
        WindowOpens = new DateOnly(2027, 6, 1),
        WindowCloses = new DateOnly(2027, 6, 8),
        CohortTimeZone = "Asia/Dubai",
        SubmittedUtc = new DateTime(2027, 6, 7, 10, 0, 0, DateTimeKind.Utc),
        WordCount = 1480,
        WordLimit = 1500,
        Outcome = "Passed",
        CompletionDate = new DateOnly(2027, 7, 15),
        SubmissionMarkdown = submission,
        Evidence = [new EvidenceIndexEntry("Coaching log – £250 budget", new DateOnly(2027, 1, 10), ["sc-lt-1", "te-lh-2a"])],
        Criteria = [new CriterionJudgement("Analyses the school’s context", ["sc-lh-1"], true, "A ‘clear’ analysis.", false, "Moderator: needs depth.")],
        Marking = new MarkingSummary("Tom Okafor", "Pass", new DateTime(2027, 6, 20, 9, 0, 0, DateTimeKind.Utc), "Secure throughout."),
        Moderation = new MarkingSummary("Grace Lin", "Pass", new DateTime(2027, 6, 25, 9, 0, 0, DateTimeKind.Utc), null),
        ReleasedUtc = new DateTime(2027, 7, 15, 8, 0, 0, DateTimeKind.Utc),
        GeneratedUtc = new DateTime(2027, 7, 16, 8, 0, 0, DateTimeKind.Utc),
    };

    private static byte[] Pdf(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    [Test]
    public void Record_ReadBack_HasCoverSubmissionEvidenceCriteriaAndNumberedPages()
    {
        var pdf = Pdf(new FinalAssessmentRecordDocument(Record("## My plan\n\nWe spent £1,200 on the *café* project – a ‘quick win’.\n\n- One\n- Two")).WriteTo);

        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Multiple(() =>
        {
            Assert.That(document.Information.Title, Is.EqualTo("Final assessment record – Zoë O’Brien – NPQSL"));
            Assert.That(document.Information.Author, Is.EqualTo("Outstanding Leaders Partnership"));
            Assert.That(text, Does.Contain("Zoë O’Brien"));
            Assert.That(text, Does.Contain("Outcome: Passed"));
            Assert.That(text, Does.Contain("£1,200"));
            Assert.That(text, Does.Contain("café"));
            Assert.That(text, Does.Contain("‘quick win’"));
            Assert.That(text, Does.Contain("Coaching log – £250 budget"));
            Assert.That(text, Does.Contain("sc-lt-1, te-lh-2a"));
            Assert.That(text, Does.Contain("Analyses the school’s context"));
            Assert.That(text, Does.Contain("Moderated by Grace Lin"));
            foreach (var page in document.GetPages())
            {
                Assert.That(page.Text, Does.Contain($"Page {page.Number} of {document.NumberOfPages}"));
            }
        });
    }

    [Test]
    public void Record_NameWithMarkup_IsLiteralTextAndNothingIsFetched()
    {
        var name = "<img src=http://127.0.0.1:1/x>";

        var pdf = Pdf(new FinalAssessmentRecordDocument(Record("Text <script>alert(1)</script> and ![x](http://127.0.0.1:1/y.png)", name)).WriteTo);

        using var document = PdfDocument.Open(pdf);
        Assert.That(document.GetPage(1).Text, Does.Contain(name));
        Assert.That(string.Join(" ", document.GetPages().Select(p => p.Text)), Does.Contain("<script>alert(1)</script>"));
        Assert.That(document.GetPages().SelectMany(p => p.GetImages()), Is.Empty, "no image was fetched or embedded");
    }

    [Test]
    public void Certificate_ReadBack_NamesCourseDateProviderAndCredits()
    {
        var pdf = Pdf(new CertificateDocument(new CertificateModel
        {
            CandidateName = "Zoë O’Brien",
            CourseName = "NPQ for Senior Leadership",
            CourseCode = "NPQSL",
            ProviderName = "Outstanding Leaders Partnership",
            CompletionDate = new DateOnly(2027, 7, 15),
            CertificateNumber = "NPQSL-2027-000123",
            CreditNote = "Carries 30 Master’s credits through our university partners",
            GeneratedUtc = new DateTime(2027, 7, 16, 0, 0, 0, DateTimeKind.Utc),
        }).WriteTo);

        using var document = PdfDocument.Open(pdf);
        var text = document.GetPage(1).Text;
        Assert.That(document.NumberOfPages, Is.EqualTo(1));
        Assert.That(text, Does.Contain("Zoë O’Brien"));
        Assert.That(text, Does.Contain("NPQ for Senior Leadership (NPQSL)"));
        Assert.That(text, Does.Contain("Thu 15 Jul 2027"));
        Assert.That(text, Does.Contain("30 Master’s credits"));
        Assert.That(document.Information.Title, Does.Contain("Certificate of completion"));
    }
}

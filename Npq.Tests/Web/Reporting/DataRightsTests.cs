using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Files;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>Download of one's data and erasure, on an application of their own (erasure changes the data).</summary>
public sealed class DataRightsTests : WebFixture
{
    private const string EveEmail = "eve.erase@reports.example";
    private const string EveName = "Evelyn Erasmus";
    private const string EveAnswers = "{\"q1\":[\"eve-option-b\"]}";
    private int _eve;
    private int _enrolment;
    private string _storedName = string.Empty;
    private int _otherEvidenceFiles;
    private int _olly;

    private const string EveFileName = "Lesson plan (Eve).pdf";
    private static readonly byte[] EveFile = Encoding.ASCII.GetBytes("%PDF-1.4\nEve's lesson plan\n%%EOF\n");

    [OneTimeSetUp]
    public async Task Start()
    {
        var build = new Build(Factory.Services);
        var school = await build.People.SchoolAsync("Erase School");
        var mentor = await build.People.MentorAsync("mentor.erase@reports.example", "Max Mentor");
        var course = await build.Cohorts.CourseAsync("npq-headship");
        var cohort = await build.Cohorts.CohortAsync(course, "Erasure Cohort");
        var eve = await build.Cohorts.CandidateAsync(cohort, EveEmail, EveName, school, mentor,
            new DfeIds("11111111-2222-4333-8444-555555555555", "66666666-7777-4888-9999-000000000000", "1234567"));
        (_eve, _enrolment) = (eve.UserId, eve.EnrolmentId);
        var olly = await build.Cohorts.CandidateAsync(cohort, "olly@reports.example", "Olly Other", school, mentor);
        var session = await build.Webinars.SessionAsync(cohort, new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc));
        await build.Webinars.SegmentAsync(session, _eve, new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), null);
        var evidence = await build.Portfolio.EvidenceAsync(_eve, new DateTime(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc), false, build.StatementIds[0]);
        _storedName = (await build.Portfolio.FileAsync(evidence, EveFileName, EveFile, _eve)).StoredName;
        var task = await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2026, 4, 1));
        var submission = await build.Portfolio.SubmitAsync(task, _eve, new DateTime(2026, 3, 30, 9, 0, 0, DateTimeKind.Utc));
        await build.Portfolio.ProgressAsync(_eve, mentor, new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc), ProgressRating.Developing);
        await build.Portfolio.FeedbackOnEvidenceAsync(evidence, mentor, "Evelyn, lovely reflection");
        await build.Portfolio.FeedbackOnSubmissionAsync(submission, mentor, "Well argued");
        await build.People.NotificationAsync(mentor, "Submission", $"{EveName} submitted a task");

        // Her first recorded evidence came after she enrolled, so "started" is due: the admin records it with DfE's id.
        var admin = await build.AdminAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            var declared = await scope.ServiceProvider.GetRequiredService<CohortDeclarations>().DeclareAsync(
                ReportScope.ForProvider(admin.ProviderId!.Value), cohort, _enrolment, "started", "d0b4a32e-a272-489e-b30a-cb17131457fc", new ReportActor(admin.Id, null));
            Assert.That(declared.Status, Is.EqualTo(DeclarationChangeStatus.Done), declared.Problem);
        }

        // Materials: a page done, a reflection that became her evidence, and a knowledge check tried once.
        var materials = new MaterialsFollowBuilder(Factory.Services);
        var module = await materials.ModuleAsync(course, "Erasure module");
        var page = await materials.ItemAsync(module, "Erasure page");
        var reflection = await materials.ItemAsync(module, "Erasure reflection", kind: Npq.Core.Materials.ItemKind.Reflection);
        var check = await materials.ItemAsync(module, "Erasure check", kind: Npq.Core.Materials.ItemKind.KnowledgeCheck);
        var at = new DateTime(2026, 2, 3, 9, 0, 0, DateTimeKind.Utc);
        await materials.ProgressAsync(_eve, true, at, page);
        await materials.PutAsync(new Npq.Core.Materials.ItemProgress { CandidateUserId = _eve, ItemId = reflection, IsComplete = true, EvidenceId = evidence, CompletedUtc = at, UpdatedUtc = at });
        await materials.PutAsync(new Npq.Core.Materials.ItemProgress { CandidateUserId = _eve, ItemId = check, BestScorePercent = 60, Attempts = 1, UpdatedUtc = at });
        await materials.AttemptAsync(_eve, check, 60, EveAnswers, at);
        _olly = olly.UserId;
        await materials.ProgressAsync(_olly, true, at, page);

        _otherEvidenceFiles = await ScalarAsync("SELECT COUNT(*) FROM EvidenceFiles WHERE EvidenceId NOT IN (SELECT Id FROM EvidenceItems WHERE CandidateUserId = @eve)", new { eve = _eve });
    }

    [Test, Order(1)]
    public async Task Download_Candidate_ZipHoldsTheirJsonAndTheirFile()
    {
        var response = await Factory.ClientFor(EveEmail).GetAsync("/my-data/download");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var json = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open()).RootElement;
        var sections = json.GetProperty("sections");
        Assert.That(sections.GetProperty("account")[0].GetProperty("Email").GetString(), Is.EqualTo(EveEmail));
        Assert.That(sections.GetProperty("account")[0].TryGetProperty("PasswordHash", out _), Is.False, "secrets stay out");
        Assert.That(sections.GetProperty("evidence").GetArrayLength(), Is.EqualTo(1));
        Assert.That(sections.GetProperty("feedback_about_you").GetArrayLength(), Is.EqualTo(2));
        Assert.That(sections.GetProperty("applications")[0].GetProperty("Trn").GetString(), Is.EqualTo("1234567"));
        var progress = sections.GetProperty("materials_progress");
        Assert.That(progress.GetArrayLength(), Is.EqualTo(3));
        Assert.That(progress.EnumerateArray().Select(p => p.GetProperty("ItemTitle").GetString()), Is.EquivalentTo(new[] { "Erasure page", "Erasure reflection", "Erasure check" }));
        Assert.That(progress.EnumerateArray().Single(p => p.GetProperty("ItemTitle").GetString() == "Erasure check").GetProperty("BestScorePercent").GetInt32(), Is.EqualTo(60));
        Assert.That(sections.GetProperty("knowledge_check_answers")[0].GetProperty("Answers").GetString(), Is.EqualTo(EveAnswers));
        var file = zip.Entries.Single(e => e.FullName.StartsWith("files/", StringComparison.Ordinal));
        Assert.That(file.FullName, Does.EndWith("Lesson_plan__Eve_.pdf"));
        using var reader = new StreamReader(file.Open());
        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo(Encoding.ASCII.GetString(EveFile)));
    }

    [Test, Order(2)]
    public async Task Erase_AdminOnRequest_LeavesNoPersonalDataNoFilesButKeepsCounts()
    {
        var admin = Factory.ClientFor("admin@npq.example");
        var confirm = await Html.ReadAsync(await FindAsync(admin, EveEmail));
        Assert.That(confirm.QuerySelector("h2").Text(), Is.EqualTo(EveName));
        var token = confirm.QuerySelector($"#erase-form input[name={Forms.TokenField}]")!.GetAttribute("value")!;
        async Task<HttpResponseMessage> Erase(bool confirmed)
        {
            var fields = new Dictionary<string, string> { [Forms.TokenField] = token, ["email"] = EveEmail };
            if (confirmed)
            {
                fields["confirm"] = "yes";
            }

            return await admin.PostAsync("/admin/erasure", new FormUrlEncodedContent(fields));
        }

        var unconfirmed = await Erase(confirmed: false);
        Assert.That((await Html.ReadAsync(unconfirmed)).QuerySelector(".error-summary").Text(), Does.Contain("Tick the box"));

        var done = await Erase(confirmed: true);
        Assert.That((await Html.ReadAsync(done)).QuerySelector(".notice.success").Text(), Does.Contain("has been erased"));

        // No text anywhere in the database names Eve, her email, her DfE ids or what she wrote about herself.
        var needles = new[] { EveName, "Evelyn", EveEmail, "11111111-2222-4333-8444-555555555555", "Lesson plan (Eve)", "lovely reflection", "1234567", "eve-option-b" };
        var found = await FindTextAsync(needles);
        Assert.That(found, Is.Empty, "personal data left behind: " + string.Join("; ", found));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM EvidenceItems WHERE CandidateUserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Submissions WHERE CandidateUserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM AttendanceSegments WHERE UserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM UserRoles WHERE UserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM MaterialProgress WHERE CandidateUserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM KnowledgeCheckAttempts WHERE CandidateUserId = @eve", new { eve = _eve }), Is.Zero);
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM MaterialProgress WHERE CandidateUserId = @olly", new { olly = _olly }), Is.EqualTo(1), "Olly's progress stays");
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Users WHERE Id = @eve AND IsActive = 0 AND PasswordHash IS NULL", new { eve = _eve }), Is.EqualTo(1));
            // The anonymised counts stay: she applied, enrolled and was declared started.
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Enrolments WHERE Id = @e", new { e = _enrolment }), Is.EqualTo(1));
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Applications WHERE ApplicantUserId = @eve", new { eve = _eve }), Is.EqualTo(1));
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Declarations WHERE EnrolmentId = @e", new { e = _enrolment }), Is.EqualTo(1));
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM EvidenceFiles"), Is.EqualTo(_otherEvidenceFiles), "other people's files stay");
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM Erasures WHERE FilesRemoved = 1"), Is.EqualTo(1));
            Assert.That(await ScalarAsync("SELECT COUNT(*) FROM AuditLog WHERE Action = 'person.erased' AND Subject LIKE 'erasure:%'"), Is.EqualTo(1));
        });

        var store = Service<IFileStore>();
        Assert.That(await store.OpenReadAsync(_storedName), Is.Null, "the uploaded file is deleted");
        var signIn = await Factory.ClientFor(EveEmail).GetAsync("/my-data");
        Assert.That(signIn.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "the erased account cannot be used");
    }

    [Test, Order(3)]
    public async Task Erase_Yourself_Refused()
    {
        var page = await Html.ReadAsync(await FindAsync(Factory.ClientFor("admin@npq.example"), "admin@npq.example"));

        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("cannot erase your own account"));
        Assert.That(page.QuerySelector("#erase-form"), Is.Null);
    }

    [Test, Order(3)]
    public async Task Erase_NotAnAdmin_Forbidden()
    {
        var response = await Factory.ClientFor("mentor@npq.example").GetAsync("/admin/erasure");

        Assert.That((int)response.StatusCode, Is.AnyOf(403, 302));
    }

    /// <summary>A count read straight from the database (the test checks what is stored, not what a page shows).</summary>
    private async Task<int> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql, parameters);
    }

    private static Task<HttpResponseMessage> FindAsync(HttpClient admin, string email) =>
        Forms.SubmitAsync(admin, "/admin/erasure", "#find-form", new Dictionary<string, string> { ["email"] = email });

    /// <summary>Every text value in every table that contains one of the needles, as "table.column".</summary>
    private async Task<List<string>> FindTextAsync(IReadOnlyList<string> needles)
    {
        var db = Service<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        var found = new List<string>();
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM \"{table}\""))
            {
                foreach (var (column, value) in row)
                {
                    if (value is string text && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{table}.{column}");
                    }
                }
            }
        }

        return found;
    }
}

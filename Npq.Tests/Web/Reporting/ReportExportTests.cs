using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Web.Reporting;

public sealed class ReportExportTests : ReportingFixture
{
    private async Task<HttpResponseMessage> ExportAsync(string email, string format, IDictionary<string, string>? filters = null, bool background = false)
    {
        var values = new Dictionary<string, string>(filters ?? new Dictionary<string, string>()) { ["format"] = format };
        if (background)
        {
            values["background"] = "true";
        }

        return await Forms.SubmitAsync(As(email), "/reports/completion", "form.export-form", values);
    }

    private static async Task<List<IDictionary<string, object>>> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 BOM");
        using var reader = new CsvReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    private async Task<int> AuditCountAsync(string action)
    {
        var db = Service<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = @action", new { action });
    }

    [Test]
    public async Task CsvExport_AdminCohort_ReadsBackWithInertFormulaAndIsoDates()
    {
        var before = await AuditCountAsync("report.exported");

        var response = await ExportAsync(ReportWorld.AdminEmail, "csv", new Dictionary<string, string> { ["cohort"] = World.CohortId.ToString(CultureInfo.InvariantCulture) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var rows = await ReadCsvAsync(response);
        Assert.That(rows, Has.Count.EqualTo(3));
        var ben = rows.Single(r => (string)r["enrolment_id"] == World.BenEnrolment.ToString(CultureInfo.InvariantCulture));
        Assert.That(ben["candidate"], Is.EqualTo("'" + ReportWorld.BenName), "the formula arrives as inert text");
        var ada = rows.Single(r => (string)r["candidate"] == "Ada Lovelace");
        Assert.Multiple(() =>
        {
            Assert.That(ada["participant_id"], Is.EqualTo(ReportWorld.AdaParticipantId));
            Assert.That(ada["attendance_percent"], Is.EqualTo("33"));
            Assert.That(ada["tasks_on_time"], Is.EqualTo("1"));
            Assert.That(ada["outcome"], Is.EqualTo("passed"));
            Assert.That(ada["completion_date"], Is.EqualTo("2026-07-15"));
            Assert.That(ada["training_status"], Is.EqualTo("active"));
        });
        Assert.That(await AuditCountAsync("report.exported"), Is.EqualTo(before + 1), "every export is audited");
    }

    [Test]
    public async Task XlsxExport_OpenedByTheOpenXmlSdk_HasHeadersNumbersAndInertText()
    {
        var response = await ExportAsync(ReportWorld.AdminEmail, "xlsx", new Dictionary<string, string> { ["cohort"] = World.CohortId.ToString(CultureInfo.InvariantCulture), ["sort"] = "Candidate" });

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty;
        var header = rows[0].Elements<Cell>().Select(Text).ToList();
        Assert.That(header, Does.Contain("attendance_percent").And.Contain("participant_id").And.Contain("completion_date"));
        var byName = rows.Skip(1).ToDictionary(r => Text(r.Elements<Cell>().ElementAt(header.IndexOf("candidate"))));
        Assert.That(byName.Keys, Does.Contain(ReportWorld.BenName));
        Assert.That(byName[ReportWorld.BenName].Elements<Cell>().ElementAt(header.IndexOf("candidate")).StyleIndex?.Value, Is.EqualTo(1u), "quote-prefix style, no visible apostrophe");
        var attendance = byName["Ada Lovelace"].Elements<Cell>().ElementAt(header.IndexOf("attendance_percent"));
        Assert.That(attendance.DataType?.Value, Is.EqualTo(CellValues.Number));
        Assert.That(attendance.CellValue?.Text, Is.EqualTo("33"));
    }

    [Test]
    public async Task CsvExport_Headteacher_HoldsOnlyTheirSchool()
    {
        var rows = await ReadCsvAsync(await ExportAsync(ReportWorld.HillHeadEmail, "csv"));

        Assert.That(rows.Select(r => r["school"]).Distinct(), Is.EqualTo(new[] { "Hill School" }));
        Assert.That(rows.Select(r => r["candidate"]), Is.EquivalentTo(new[] { "Ada Lovelace", "Cat Withdrawn" }));
    }

    [Test]
    public async Task CsvExport_Mentor_HoldsOnlyTheirMentees()
    {
        var rows = await ReadCsvAsync(await ExportAsync(ReportWorld.MoEmail, "csv"));

        Assert.That(rows.Select(r => r["candidate"]), Is.EqualTo(new[] { "Ada Lovelace" }));
    }

    [Test]
    public async Task CsvExport_MentorFilteringAnotherCohort_StillOnlyTheirMentees()
    {
        // Filters narrow the scope; they never widen it.
        var rows = await ReadCsvAsync(await ExportAsync(ReportWorld.MoEmail, "csv", new Dictionary<string, string> { ["status"] = "Withdrawn" }));

        Assert.That(rows, Is.Empty);
    }

    [TestCase("candidate1@npq.example")]
    [TestCase("assessor@npq.example")]
    public async Task Report_RoleWithoutReports_IsForbidden(string email)
    {
        var response = await As(email).GetAsync("/reports/completion");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.Redirect));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.That(response.Headers.Location?.ToString(), Does.Contain("403"));
        }
    }

    [Test]
    public async Task Report_Anonymous_IsSentToSignIn()
    {
        var response = await Factory.NewClient().GetAsync("/reports/completion");

        Assert.That((int)response.StatusCode, Is.AnyOf(302, 401));
    }

    [TestCase("?page=abc", "page number was not recognised")]
    [TestCase("?page=-3", "page number was not recognised")]
    [TestCase("?sort=Salary", "cannot be sorted that way")]
    [TestCase("?status=Sleeping", "training status filter was not recognised")]
    [TestCase("?cohort=x1", "cohort filter was not recognised")]
    [TestCase("?page=999999", "page(s), so the last one is shown")]
    public async Task Report_BadQuery_ShowsAMessageNotAnError(string query, string message)
    {
        var response = await As(ReportWorld.AdminEmail).GetAsync("/reports/completion" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ReadAsync(response);
        Assert.That(page.QuerySelector(".notice.warning").Text(), Does.Contain(message));
        Assert.That(page.QuerySelector("table.report-table"), Is.Not.Null);
    }

    [Test]
    public async Task Report_SortedByAttendance_HeaderSaysSoAndRowsFollow()
    {
        var page = await Html.ReadAsync(await As(ReportWorld.AdminEmail).GetAsync($"/reports/completion?cohort={World.CohortId}&sort=Attendance&dir=desc&status=Active"));

        var sorted = page.QuerySelector("th[aria-sort]");
        Assert.That(sorted?.GetAttribute("aria-sort"), Is.EqualTo("descending"));
        Assert.That(sorted.Text(), Does.StartWith("Attendance"));
        var names = page.QuerySelectorAll("table.report-table tbody th").Select(th => th.Text()).ToList();
        Assert.That(names, Is.EqualTo(new[] { "Ada Lovelace", ReportWorld.BenName }));
        var chosen = page.QuerySelector("select#cohort option[selected]");
        Assert.That((chosen?.GetAttribute("value"), chosen?.Text().Trim()), Is.EqualTo((World.CohortId.ToString(CultureInfo.InvariantCulture), "Report Test Cohort")),
            "the cohort filter lists the chosen cohort by id and name");
    }

    [Test]
    public async Task BackgroundExport_QueuedPolledAndDownloaded_OnlyByItsOwner()
    {
        var queued = await ExportAsync(ReportWorld.AdminEmail, "csv", new Dictionary<string, string> { ["cohort"] = World.CohortId.ToString(CultureInfo.InvariantCulture) }, background: true);

        Assert.That(queued.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var statusPage = queued.Headers.Location!.ToString();
        Assert.That(statusPage, Does.Match("^/reports/exports/[0-9a-f]{32}$"));

        var admin = As(ReportWorld.AdminEmail);
        var page = await Html.ReadAsync(await admin.GetAsync(statusPage));
        Assert.That(page.QuerySelector("progress#export-progress"), Is.Not.Null);

        JsonElement status = default;
        for (var i = 0; i < 100; i++)
        {
            status = JsonDocument.Parse(await admin.GetStringAsync(statusPage + "/status")).RootElement;
            if (status.GetProperty("status").GetString() is "Ready" or "Failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("Ready"));
        Assert.That(status.GetProperty("percent").GetInt32(), Is.EqualTo(100));
        Assert.That(status.GetProperty("rowsWritten").GetInt32(), Is.EqualTo(3));
        var downloadUrl = status.GetProperty("downloadUrl").GetString()!;

        var rows = await ReadCsvAsync(await admin.GetAsync(downloadUrl));
        Assert.That(rows, Has.Count.EqualTo(3));

        var stranger = As(ReportWorld.HillHeadEmail);
        Assert.That((await stranger.GetAsync(statusPage)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await stranger.GetAsync(downloadUrl)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await AuditCountAsync("report.export-downloaded"), Is.GreaterThan(0));
    }

    [Test]
    public async Task ExportStatus_UnknownToken_IsNotFound()
    {
        var response = await As(ReportWorld.AdminEmail).GetAsync("/reports/exports/not-a-token/status");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

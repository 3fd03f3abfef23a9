using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Npq.Tests.Support;
using Npq.Web.Demo;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// Two instances of the site as separate processes, in Production, on one SQLite database in WAL (standing in for SQL
/// Server) and one Redis, as a provider runs several behind a load balancer. A person moves between them as a load
/// balancer would move them; one instance can be killed.
/// </summary>
[NonParallelizable]
public sealed partial class TwoInstancesTests
{
    private string _folder = null!;
    private SiteProcess _a = null!;
    private SiteProcess _b = null!;

    [OneTimeSetUp]
    public async Task StartTwoProcesses()
    {
        _folder = Path.Combine(Path.GetTempPath(), "npq-tests", "two-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        DemoTemplate.CopyTo(_folder);
        var container = AzuriteServer.NewContainerName("two");
        await UploadAsync(Path.Combine(_folder, "files"), container);
        var settings = new Dictionary<string, string?>(RedisServer.SettingsFor("two-" + Guid.NewGuid().ToString("N")[..8]))
        {
            ["Database:SqlitePath"] = Path.Combine(_folder, "npq.db"),
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = AzuriteServer.ConnectionString,
            ["Storage:AzureBlob:Container"] = container,
            ["Seed:Demo"] = "false",
            ["Security:RequireHttps"] = "false",
            ["Email:PickupFolder"] = Path.Combine(_folder, "mail"),
            ["Email:PublicBaseUrl"] = "https://npq.example.org",
            ["Logging:FilePath"] = Path.Combine(_folder, "logs", "npq-.log"),
            ["RateLimiting:Account:PermitLimit"] = "30",
            ["Reports:BackgroundThresholdRows"] = "1",
            ["Webinars:ReminderPollSeconds"] = "5",
            ["Jobs:CheckinSeconds"] = "2",
            ["Jobs:CheckinMisfireSeconds"] = "2",
            ["Jobs:IdleWaitSeconds"] = "1",
            ["Jobs:MailEverySeconds"] = "5",
        };
        _a = await SiteProcess.StartAsync("a", _folder, settings);
        _b = await SiteProcess.StartAsync("b", _folder, settings);
    }

    [OneTimeTearDown]
    public void StopThem()
    {
        _a?.Dispose();
        _b?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Test]
    [Order(1)]
    public async Task AnExportStartedOnOne_DownloadsFromTheOther()
    {
        var browser = new CookieContainer();
        await SignInAsync(_a.Client(browser), "admin@npq.example");

        var started = await PostFormAsync(_a.Client(browser), "/reports/completion", "/reports/completion/export",
            new Dictionary<string, string> { ["format"] = "csv", ["background"] = "true" });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var token = started.Headers.Location!.OriginalString.Split('/').Last();
        var b = _b.Client(browser);
        await EventuallyAsync(async () => (await b.GetStringAsync($"/reports/exports/{token}/status")).Contains("\"Ready\"", StringComparison.Ordinal));
        var download = await b.GetAsync($"/reports/exports/{token}/download");

        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await download.Content.ReadAsStringAsync(), Does.Contain("Amira Haddad"), "the file, written by whichever instance ran the job, is in the shared container");
    }

    [Test]
    [Order(2)]
    public async Task AReminder_IsSentOnce_ThoughBothInstancesLookForDueReminders()
    {
        int sessionId;
        int candidates;
        await using (var connection = await OpenAsync())
        {
            var cohortId = await connection.ExecuteScalarAsync<int>(
                "SELECT CohortId FROM Enrolments WHERE TrainingStatus = 'Active' GROUP BY CohortId ORDER BY COUNT(*) DESC LIMIT 1");
            candidates = await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId WHERE e.CohortId = @cohortId AND e.TrainingStatus = 'Active' AND u.IsActive = 1", new { cohortId });
            var now = DateTime.UtcNow;
            sessionId = await connection.ExecuteScalarAsync<int>(
                """
                INSERT INTO WebinarSessions (CohortId, Title, StartUtc, DurationMinutes, Capacity, CreatedUtc, UpdatedUtc)
                VALUES (@cohortId, 'Two-instance reminder check', @start, 60, 100, @now, @now);
                SELECT last_insert_rowid();
                """, new { cohortId, start = now.AddMinutes(30), now });
        }

        var link = $"/webinars/sessions/{sessionId}";
        await EventuallyAsync(async () => await CountAsync("SELECT COUNT(*) FROM WebinarReminders WHERE SessionId = @sessionId", new { sessionId }) >= candidates);
        await Task.Delay(TimeSpan.FromSeconds(6)); // another round of both instances' reminder jobs

        Assert.That(candidates, Is.GreaterThan(0));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM WebinarReminders WHERE SessionId = @sessionId", new { sessionId }), Is.EqualTo(candidates));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM Notifications WHERE Link = @link", new { link }), Is.EqualTo(candidates), "one notification each");
        Assert.That(await CountAsync("SELECT COUNT(*) FROM MailOutbox WHERE TextBody LIKE '%' || @link || '%'", new { link }), Is.EqualTo(candidates), "one mail each");
    }

    [Test]
    [Order(3)]
    public async Task ACookieFromOne_WorksOnTheOther()
    {
        var browser = new CookieContainer();
        await SignInAsync(_a.Client(browser), "candidate1@npq.example");

        var onB = await _b.Client(browser).GetAsync("/account");

        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B reads the cookie A issued (the keys are in the database)");
        Assert.That(await onB.Content.ReadAsStringAsync(), Does.Contain("Amira Haddad"));
    }

    [Test]
    [Order(5)]
    public async Task SigningOutEverywhereOnOne_IsRefusedOnTheOther()
    {
        var browser = new CookieContainer();
        await SignInAsync(_a.Client(browser), "mentor@npq.example");
        var copy = new CookieContainer();
        copy.Add(browser.GetCookies(_a.Address));
        Assert.That((await _b.Client(copy).GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var signOut = await PostFormAsync(_a.Client(browser), "/account", "/account/sign-out");
        var onB = await _b.Client(copy).GetAsync("/account");

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the copied cookie is refused on B");
        Assert.That(onB.Headers.Location!.AbsolutePath, Is.EqualTo("/account/sign-in"));
    }

    [Test]
    [Order(4)]
    public async Task AMaterialFile_IsTheSameFromEitherInstance_FromBlobStorage()
    {
        var browser = new CookieContainer();
        await SignInAsync(_a.Client(browser), "candidate1@npq.example");
        var fileUrl = await FirstFileItemAsync(_a.Client(browser));

        var fromA = await _a.Client(browser).GetAsync(fileUrl);
        var fromB = await _b.Client(browser).GetAsync(fileUrl);

        Assert.That(fromA.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fromB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await fromB.Content.ReadAsByteArrayAsync(), Is.EqualTo(await fromA.Content.ReadAsByteArrayAsync()).And.Not.Empty);
    }

    /// <summary>Last, since it kills A.</summary>
    [Test]
    [Order(6)]
    public async Task ARecordZipStartedOnOne_FinishesAfterThatInstanceIsKilled()
    {
        var browser = new CookieContainer();
        await SignInAsync(_a.Client(browser), "admin@npq.example");
        int cohortId;
        await using (var connection = await OpenAsync())
        {
            cohortId = await connection.ExecuteScalarAsync<int>("SELECT Id FROM Cohorts WHERE Name = @name", new { name = FinalAssessmentDemoSeed.CohortName });
        }

        var started = await PostFormAsync(_a.Client(browser), $"/outcomes/{cohortId}", $"/outcomes/{cohortId}/archive");
        _a.Kill();
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var archive = started.Headers.Location!.OriginalString.Split('?')[0];
        var b = _b.Client(browser);
        await EventuallyAsync(async () => (await b.GetStringAsync(archive + "/progress")).Contains("\"finished\":true", StringComparison.Ordinal), seconds: 60);
        var download = await b.GetAsync(archive + "/download");
        using var zip = new System.IO.Compression.ZipArchive(await download.Content.ReadAsStreamAsync());

        Assert.That(_a.HasExited, Is.True);
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(zip.Entries.Select(e => e.Name), Has.Some.EndsWith(".pdf"));
    }

    private async Task<Microsoft.Data.Sqlite.SqliteConnection> OpenAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "npq.db")};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<int> CountAsync(string sql, object parameters)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql, parameters);
    }

    /// <summary>Work done by a job on either instance shows up within <paramref name="seconds"/>.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> done, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new AssertionException($"not done within {seconds} s");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The first file item's download address the candidate can reach, found as they would: from /learn.</summary>
    private static async Task<string> FirstFileItemAsync(HttpClient client)
    {
        var learn = await client.GetAsync("/learn");
        var cohorts = learn.StatusCode == HttpStatusCode.Redirect
            ? [learn.Headers.Location!.IsAbsoluteUri ? learn.Headers.Location.AbsolutePath : learn.Headers.Location.OriginalString]
            : Links(await learn.Content.ReadAsStringAsync(), @"/learn/\d+").Distinct().ToList();
        foreach (var cohort in cohorts)
        {
            foreach (var item in Links(await client.GetStringAsync(cohort), @"/learn/\d+/items/\d+").Distinct())
            {
                if (Links(await client.GetStringAsync(item), @"/learn/\d+/items/\d+/file").FirstOrDefault() is { } file)
                {
                    return file;
                }
            }
        }

        throw new AssertionException("no file item reachable from /learn");
    }

    private static IEnumerable<string> Links(string html, string pattern) =>
        Regex.Matches(html, "href=\"(" + pattern + ")\"").Select(m => m.Groups[1].Value);

    /// <summary>Puts the demo template's files where the instances look for them: the blob container.</summary>
    private static async Task UploadAsync(string folder, string container)
    {
        var client = new Azure.Storage.Blobs.BlobContainerClient(AzuriteServer.ConnectionString, container);
        await client.CreateIfNotExistsAsync();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            await client.UploadBlobAsync(Path.GetFileName(file), File.OpenRead(file));
        }
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = DemoSeeder.DemoPassword });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"sign-in of {email}");
    }

    /// <summary>Gets <paramref name="page"/>, then posts the form whose action is <paramref name="action"/> with its
    /// antiforgery token and the given values.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, IDictionary<string, string>? values = null)
    {
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html).Groups[1].Value;
        var form = new Dictionary<string, string>(values ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

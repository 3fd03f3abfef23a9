using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Materials;

/// <summary>
/// Following candidates through materials, on a world of its own: a cohort (London) of an NPQSL course whose Module 1
/// (two pages, open for two months) teaches the first statement of the first area, and Module 2 (two pages, opening
/// next month) teaches it too. Ann (mentored by Mo, at Head's school) finished Module 1; Ben started it. Fran
/// facilitates the cohort (her zone is Dubai). Olga is an admin of another provider.
/// </summary>
public sealed class FollowingTests : WebFixture
{
    private const string Ann = "ann@following.example";
    private const string Ben = "ben@following.example";
    private const string Mo = "mo@following.example";
    private const string Head = "head@following.example";
    private const string Fran = "fran@following.example";
    private const string Olga = "olga@other-provider.example";
    private const string Admin = "admin@npq.example";
    private const string Unique = "Zebracurriculum";

    private int _cohort;
    private int _m1Item;
    private int _m2Item;
    private Statement _statement = null!;
    private Area _area = null!;

    [OneTimeSetUp]
    public async Task World()
    {
        var build = new Build(Factory.Services);
        var materials = new MaterialsFollowBuilder(Factory.Services);
        var school = await build.People.SchoolAsync("Following School");
        var mo = await build.People.MentorAsync(Mo, "Mo Mentor");
        await build.People.HeadteacherAsync(Head, "Hana Head", school);
        var fran = await build.People.MentorAsync(Fran, "Fran Facilitator");
        await Service<IUserTimeZones>().SetAsync(fran, "Asia/Dubai");

        var course = await build.Cohorts.CourseAsync("npq-senco");
        _cohort = await build.Cohorts.CohortAsync(course, "Following Cohort");
        var ann = (await build.Cohorts.CandidateAsync(_cohort, Ann, "Ann Able", school, mo)).UserId;
        var ben = (await build.Cohorts.CandidateAsync(_cohort, Ben, "Ben Behind", school, mo)).UserId;

        // Nothing in the application makes a facilitator or a second provider yet: rows, as the enrolment fixtures do.
        await ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@cohort, @fran)", new { cohort = _cohort, fran });
        await ExecuteAsync("INSERT INTO Providers (Name, CreatedUtc) VALUES ('Other Provider', @now)", new { now = DateTime.UtcNow });
        await ExecuteAsync("""
            INSERT INTO Users (Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, EmailConfirmed, ProviderId, CreatedUtc)
            SELECT @email, @normalized, 'Olga Other', 'stamp', 'stamp', 1, Id, @now FROM Providers WHERE Name = 'Other Provider'
            """, new { email = Olga, normalized = Olga.ToUpperInvariant(), now = DateTime.UtcNow });
        await ExecuteAsync("INSERT INTO UserRoles (UserId, RoleId) SELECT u.Id, r.Id FROM Users u, Roles r WHERE u.Email = @email AND r.Name = 'ProviderAdmin'", new { email = Olga });

        _area = build.Framework.Areas[0];
        _statement = _area.LearnThat[0];
        var m1 = await materials.ModuleAsync(course, "Module 1: Culture");
        _m1Item = await materials.ItemAsync(m1, $"{Unique} reading", statementIds: _statement.Id);
        var m1Second = await materials.ItemAsync(m1, "Culture video");
        var m2 = await materials.ModuleAsync(course, "Module 2: Later");
        _m2Item = await materials.ItemAsync(m2, $"{Unique} later", statementIds: _statement.Id);
        await materials.ItemAsync(m2, "Later page");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await materials.OpenAsync(_cohort, m1, today.AddDays(-60));
        await materials.OpenAsync(_cohort, m2, today.AddDays(30));
        var when = DateTime.UtcNow.AddDays(-3);
        await materials.ProgressAsync(ann, true, when, _m1Item, m1Second);
        await materials.ProgressAsync(ben, false, new DateTime(when.Year, when.Month, when.Day, 8, 0, 0, DateTimeKind.Utc), _m1Item);
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private string ProgressUrl => $"/cohorts/{_cohort}/materials/progress";

    [Test]
    public async Task ProgressPage_Admin_DrawsTheChartWithItsTableAndListsWhoIsBehind()
    {
        var response = await Factory.ClientFor(Admin).GetAsync(ProgressUrl);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ReadAsync(response);
        var svg = page.QuerySelector("svg[role=img]")!;
        Assert.Multiple(() =>
        {
            Assert.That(svg.GetAttribute("aria-labelledby"), Is.EqualTo("completion-title completion-desc"));
            Assert.That(svg.QuerySelector("title").Text(), Is.EqualTo("Module completion"));
            Assert.That(svg.QuerySelector("desc").Text(), Does.Contain("Module 1: Culture: 50% (1 of 2)"));
            var rows = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Select(r => r.Text()).ToList();
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows[0], Does.Contain("1 of 2").And.Contain("50%").And.Contain("Due"));
            var behind = page.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr");
            Assert.That(behind.Select(r => r.QuerySelector("th").Text()), Is.EqualTo(new[] { "Ben Behind" }), "Ann finished the due module");
            Assert.That(behind[0].Text(), Does.Contain("Module 1: Culture").And.Contain("0%").And.Contain("London time"));
        });
    }

    [Test]
    public async Task ProgressPage_Facilitator_SeesTimesInTheCohortsZoneAndTheirOwn()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync(ProgressUrl));

        var lastActivity = page.QuerySelectorAll("table")[1].QuerySelector("tbody tr td:last-child").Text();
        Assert.That(lastActivity, Does.Contain("London time").And.Contain("Dubai time"));
    }

    [TestCase(Ann)]
    [TestCase(Olga)]
    [TestCase(Head)]
    public async Task ProgressPage_NeitherFacilitatorNorAdminOfTheProvider_IsRefused(string email)
    {
        var response = await Factory.ClientFor(email).GetAsync(ProgressUrl);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task ProgressPage_UnknownCohortOrAnonymous_NotShown()
    {
        Assert.That((await Factory.ClientFor(Admin).GetAsync("/cohorts/987654/materials/progress")).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound));
        var anonymous = await Factory.NewClient().GetAsync(ProgressUrl);
        Assert.That(anonymous.StatusCode, Is.AnyOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task CompletionReport_Screen_HasTheMaterialsColumn()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync($"/reports/completion?cohort={_cohort}&sort=Materials&dir=desc"));

        Assert.That(page.QuerySelectorAll("thead th").Select(h => h.Text()), Has.Some.StartsWith("Materials completed"));
        var cells = page.QuerySelectorAll("tbody td.materials").Select(c => c.Text()).ToList();
        Assert.That(cells, Is.EqualTo(new[] { "50% (2 of 4 items)", "0% (0 of 4 items)" }), "sorted by materials, most first");
    }

    [Test]
    public async Task CompletionReport_Csv_HasTheMaterialsColumns()
    {
        var response = await Forms.SubmitAsync(Factory.ClientFor(Admin), "/reports/completion", "form.export-form",
            new Dictionary<string, string> { ["format"] = "csv", ["cohort"] = _cohort.ToString(CultureInfo.InvariantCulture) });

        using var reader = new CsvReader(new StreamReader(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), Encoding.UTF8), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var ann = rows.Single(r => (string)r["candidate"] == "Ann Able");
        Assert.That((ann["materials_completed"], ann["materials_published"], ann["materials_completed_percent"]), Is.EqualTo(("2", "4", "50")));
    }

    [Test]
    public async Task MentorPages_ShowEachMenteesMaterials()
    {
        var client = Factory.ClientFor(Mo);

        var mentees = await Html.ReadAsync(await client.GetAsync("/progress/mentees"));
        var home = await Html.ReadAsync(await client.GetAsync("/"));

        foreach (var page in new[] { mentees, home })
        {
            var rows = page.QuerySelectorAll("table.mentees tbody tr").ToDictionary(r => r.QuerySelector("th").Text(), r => r.QuerySelector("td.materials").Text());
            Assert.That(rows["Ann Able"], Is.EqualTo("50% (1 of 2 modules)"));
            Assert.That(rows["Ben Behind"], Is.EqualTo("0% (0 of 2 modules)"));
        }
    }

    [Test]
    public async Task HeadteacherPages_ShowEachStaffMembersMaterials()
    {
        var client = Factory.ClientFor(Head);

        var school = await Html.ReadAsync(await client.GetAsync("/dashboards/school"));
        var home = await Html.ReadAsync(await client.GetAsync("/"));

        Assert.That(school.QuerySelector(".school-materials").Text(), Does.Contain("Ann Able").And.Contain("Materials: 50% (1 of 2 modules)"));
        Assert.That(school.QuerySelectorAll("td.materials").Select(c => c.Text()), Has.Member("50% (2 of 4 items)"));
        Assert.That(home.QuerySelectorAll(".school-candidate .materials").Select(p => p.Text()), Is.EquivalentTo(new[] { "Materials: 50% (1 of 2 modules)", "Materials: 0% (0 of 2 modules)" }));
    }

    [Test]
    public async Task AreaPage_CandidateGetsLinksToOpenItems_AdminTitles_AnonymousNothing()
    {
        var url = $"/frameworks/npqsl/{_area.Slug}";

        var ann = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync(url));
        var admin = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync(url));
        var anonymous = await Html.ReadAsync(await Factory.NewClient().GetAsync(url));

        var annMaterials = ann.GetElementById(_statement.Id)!.QuerySelector(".statement-materials")!;
        Assert.That(annMaterials.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { $"/learn/{_cohort}/items/{_m1Item}" }), "Module 2 is not open for her yet");
        var adminMaterials = admin.GetElementById(_statement.Id)!.QuerySelector(".statement-materials")!;
        Assert.That(adminMaterials.QuerySelectorAll("a"), Is.Empty);
        Assert.That(adminMaterials.Text(), Does.Contain($"{Unique} reading").And.Contain($"{Unique} later"));
        Assert.That(anonymous.QuerySelector(".statement-materials"), Is.Null);
    }

    [Test]
    public async Task CoveragePage_GapLinksToItsMaterials_ForTheCandidateOnly()
    {
        var ann = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync("/evidence/coverage"));
        var annId = await UserIdAsync(Ann);
        var mentor = await Html.ReadAsync(await Factory.ClientFor(Mo).GetAsync($"/evidence/coverage?candidate={annId}"));

        var gap = ann.QuerySelectorAll(".gaps li").First(li => li.QuerySelector("a")!.GetAttribute("href")!.EndsWith("#" + _statement.Id, StringComparison.Ordinal));
        Assert.That(gap.QuerySelectorAll(".statement-materials a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { $"/learn/{_cohort}/items/{_m1Item}" }));
        var mentorGap = mentor.QuerySelectorAll(".gaps li").First(li => li.QuerySelector("a")!.GetAttribute("href")!.EndsWith("#" + _statement.Id, StringComparison.Ordinal));
        Assert.That(mentorGap.QuerySelector(".statement-materials").Text(), Does.Contain($"{Unique} reading"));
        Assert.That(mentorGap.QuerySelectorAll(".statement-materials a"), Is.Empty);
    }

    [Test]
    public async Task Search_FindsStatementsAndTheMaterialsTheViewerMaySee()
    {
        var query = "/frameworks/search?q=" + Uri.EscapeDataString(Unique.ToLowerInvariant());

        var ann = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync(query));
        var anonymous = await Html.ReadAsync(await Factory.NewClient().GetAsync(query));
        var statements = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync("/frameworks/search?q=" + Uri.EscapeDataString(_statement.Text.Split(' ')[0..3].Aggregate((a, b) => a + " " + b))));

        Assert.That(ann.QuerySelectorAll(".materials-results a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { $"/learn/{_cohort}/items/{_m1Item}" }));
        Assert.That(anonymous.QuerySelector(".materials-results"), Is.Null);
        Assert.That(statements.QuerySelectorAll("ol.results:not(.materials-results) li"), Is.Not.Empty, "statements are still found");
    }
}

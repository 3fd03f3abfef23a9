using System.Net;

namespace Npq.Tests.Web.Frameworks;

/// <summary>The framework pages through the real HTTP pipeline, as an anonymous visitor.</summary>
public sealed class FrameworkPagesTests : WebFixture
{
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start() => _client = Factory.NewClient();

    [OneTimeTearDown]
    public void Stop() => _client.Dispose();

    [Test]
    public async Task Frameworks_Anonymous_ListsNpqsl()
    {
        var response = await _client.GetAsync("/frameworks");
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("NPQ frameworks"));
        Assert.That(page.QuerySelectorAll("a[href='/frameworks/npqsl']"), Is.Not.Empty);
    }

    [Test]
    public async Task Framework_Npqsl_ShowsTenAreasWithCountsOfEachKind()
    {
        var page = await Html.ReadAsync(await _client.GetAsync("/frameworks/npqsl"));
        var rows = page.QuerySelectorAll("table.areas tbody tr");

        Assert.That(rows, Has.Length.EqualTo(10));
        var teaching = rows.Single(r => r.QuerySelector("th").Text().EndsWith("Teaching"));
        Assert.That(teaching.QuerySelectorAll("td").Select(td => td.Text()).First(), Is.EqualTo("20"));
    }

    [Test]
    public async Task Area_SchoolCulture_ShowsBothKindsWithLinkableIds()
    {
        var page = await Html.ReadAsync(await _client.GetAsync("/frameworks/npqsl/school-culture"));

        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("School Culture"));
            Assert.That(page.QuerySelector("#learn-that").Text(), Is.EqualTo("Learn that…"));
            Assert.That(page.QuerySelector("#learn-how").Text(), Is.EqualTo("Learn how to…"));
            Assert.That(page.QuerySelector("li#sc-lt-1").Text(), Does.StartWith("High-quality teaching has a long-term positive effect"));
            Assert.That(page.QuerySelector("li#sc-lt-1 a.permalink")!.GetAttribute("href"), Is.EqualTo("#sc-lt-1"));
            Assert.That(page.QuerySelector("#sc-lh-1 h3").Text(), Does.StartWith("Contribute to establishing and sustaining the school’s strategic direction"));
            Assert.That(page.QuerySelectorAll("#sc-lh-1 li"), Has.Length.EqualTo(4));
            Assert.That(page.QuerySelector("a[rel=next]")!.GetAttribute("href"), Is.EqualTo("/frameworks/npqsl/teaching"));
        });
    }

    [Test]
    public async Task Search_Memory_FindsTeachingStatementsAndLinksToThem()
    {
        var page = await Html.ReadAsync(await _client.GetAsync("/frameworks/search?q=working+memory"));
        var links = page.QuerySelectorAll("ol.results a").Select(a => a.GetAttribute("href")).ToList();

        Assert.That(links, Does.Contain("/frameworks/npqsl/teaching#te-lt-8"));
        Assert.That(page.QuerySelector("[role=status]").Text(), Does.Match(@"^\d+ statements? match"));
    }

    [Test]
    public async Task Search_ScriptInQuery_IsShownAsText()
    {
        var body = await (await _client.GetAsync("/frameworks/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).Content.ReadAsStringAsync();

        Assert.That(body, Does.Not.Contain("<script>alert(1)</script>"));
        Assert.That(body, Does.Contain("&lt;script&gt;"));
    }

    [TestCase("/frameworks/npqxx")]
    [TestCase("/frameworks/npqsl/no-such-area")]
    [TestCase("/no/such/page")]
    public async Task MissingPage_GetsAFriendly404Page(string path)
    {
        var response = await _client.GetAsync(path);
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("Page not found"));
        Assert.That(page.QuerySelector("header .brand"), Is.Not.Null, "the 404 page uses the site layout");
    }

    [Test]
    public async Task Health_DatabaseReachable_Returns200WithItsState()
    {
        var response = await _client.GetAsync("/health");
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("database").GetProperty("state").GetString(), Is.EqualTo("reachable"));
        Assert.That(json.GetProperty("database").GetProperty("migrations").GetInt32(), Is.GreaterThan(0));
    }

    [Test]
    public async Task StaticFiles_AreServedFromTheAppItself()
    {
        var page = await Html.ReadAsync(await _client.GetAsync("/frameworks"));
        var sources = page.QuerySelectorAll("link[href], script[src], img[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src"))
            .ToList();

        Assert.That(sources, Is.Not.Empty);
        Assert.That(sources, Has.All.StartWith("/"), "nothing comes from a CDN");
        var css = await _client.GetAsync(sources.First(s => s!.Contains(".css")));
        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

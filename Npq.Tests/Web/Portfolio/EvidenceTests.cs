using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npq.Core.Frameworks;
using Npq.Data.Portfolio;

namespace Npq.Tests.Web.Portfolio;

public sealed partial class EvidenceTests : PortfolioFixture
{
    private Statement FirstGap(string areaSlug, int index) => Service<IFrameworkCatalog>().Find("npqsl")!.FindArea(areaSlug)!.AllStatements.ElementAt(index);

    private async Task<int> AmirasFirstItem() => (await Service<EvidenceRepository>().GetForCandidateAsync(await IdOf(Amira))).Last().Id;

    private async Task<int> CreateItemAsync(HttpClient client, string title, string statementId, string intent = "record")
    {
        var response = await PostAsync(client, "/evidence/new", "/evidence/new",
            ("Title", title), ("EvidenceDate", "2026-11-03"), ("Reflection", "What I did and learned."), ("StatementIds", statementId), ("Intent", intent));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Record_WithStatements_ShowsTheItemAndCountsItInCoverage()
    {
        using var client = Factory.ClientFor(Amira);
        var statement = FirstGap("behaviour", 1);
        var before = await Html.ReadAsync(await client.GetAsync("/evidence/coverage"));
        Assert.That(before.QuerySelectorAll(".gaps a").Select(a => a.GetAttribute("href")), Has.Some.EndsWith("#" + statement.Id));

        var id = await CreateItemAsync(client, "Behaviour walk with heads of year", statement.Id);
        var page = await Html.ReadAsync(await client.GetAsync($"/evidence/{id}"));
        var after = await Html.ReadAsync(await client.GetAsync("/evidence/coverage"));

        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("Behaviour walk with heads of year"));
        Assert.That(page.QuerySelector(".statement-refs").Text(), Does.Contain(statement.Text[..20]));
        Assert.That(page.QuerySelector(".tag.ok").Text(), Is.EqualTo("Recorded"));
        Assert.That(page.QuerySelector(".history").Text(), Does.Contain("created"));
        Assert.That(after.QuerySelectorAll(".gaps a").Select(a => a.GetAttribute("href")), Has.None.EndsWith("#" + statement.Id));
        Assert.That(after.QuerySelector(".coverage-table caption").Text(), Is.EqualTo("Coverage by area"), "the heat map has a text alternative");
    }

    [Test]
    public async Task Record_WithoutTitleOrStatements_ShowsMessagesBesideTheFieldsAndKeepsTheText()
    {
        using var client = Factory.ClientFor(Amira);

        var response = await PostAsync(client, "/evidence/new", "/evidence/new",
            ("Title", ""), ("EvidenceDate", "not a date"), ("Reflection", "A long reflection I must not lose."), ("Intent", "record"));
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("#Title-error").Text(), Does.Contain("Enter a title"));
        Assert.That(page.QuerySelector("#EvidenceDate-error"), Is.Not.Null);
        Assert.That(page.QuerySelector("#StatementIds-error").Text(), Does.Contain("Choose at least one statement"));
        Assert.That(page.QuerySelector("#Title")!.GetAttribute("aria-describedby"), Does.Contain("Title-error"));
        Assert.That(page.QuerySelector("textarea#Reflection").Text(), Is.EqualTo("A long reflection I must not lose."));
        Assert.That(page.QuerySelector(".error-summary"), Is.Not.Null);
    }

    [Test]
    public async Task Edit_Draft_LogsWhatChangedWithoutTheText()
    {
        using var client = Factory.ClientFor(Amira);
        var id = await CreateItemAsync(client, "Draft to edit", FirstGap("school-culture", 0).Id, "draft");

        var response = await Forms.SubmitAsync(client, $"/evidence/{id}/edit", "#evidence-form", new Dictionary<string, string> { ["Reflection"] = "Secret new reflection", ["Intent"] = "draft" });
        var page = await Html.ReadAsync(await client.GetAsync($"/evidence/{id}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.QuerySelector(".user-text").Text(), Is.EqualTo("Secret new reflection"));
        Assert.That(page.QuerySelector(".history").Text(), Does.Contain("edited (reflection)"));
        Assert.That(page.QuerySelector(".history").Text(), Does.Not.Contain("Secret"));
    }

    [Test]
    public async Task Autosave_NewThenEdit_CreatesTheDraftAndRefusesAStaleVersion()
    {
        using var client = Factory.ClientFor(Amira);
        var token = await Forms.TokenFromAsync(client, "/evidence/new");

        async Task<HttpResponseMessage> Autosave(string url, int version, string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("Reflection", text), new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await client.SendAsync(request);
        }

        var created = await Autosave("/evidence/draft", 0, "Typed before any title");
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = json.GetProperty("id").GetInt32();
        var saved = await Autosave($"/evidence/{id}/autosave", 1, "Typed more");
        var stale = await Autosave($"/evidence/{id}/autosave", 1, "From another tab");
        var item = await Service<EvidenceRepository>().GetAsync(id);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("saveUrl").GetString(), Is.EqualTo($"/evidence/{id}/autosave"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(item!.Title, Is.EqualTo("Untitled draft"));
        Assert.That(item.Reflection, Is.EqualTo("Typed more"));
        Assert.That(item.IsDraft, Is.True);
    }

    [Test]
    public async Task Autosave_WithoutTheAntiforgeryHeader_IsRefused()
    {
        using var client = Factory.ClientFor(Amira);

        var response = await client.PostAsync("/evidence/draft", new FormUrlEncodedContent([new("Reflection", "x")]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task AnotherCandidate_CannotReadEditAutosaveOrListSomeoneElsesEvidence()
    {
        var id = await AmirasFirstItem();
        using var ben = Factory.ClientFor(Ben);

        Assert.That((await ben.GetAsync($"/evidence/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ben.GetAsync($"/evidence/{id}/edit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ben.GetAsync($"/evidence?candidate={await IdOf(Amira)}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ben.GetAsync($"/evidence/coverage?candidate={await IdOf(Amira)}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await PostAsync(ben, "/evidence/new", $"/evidence/{id}/edit", ("Title", "Hijack"), ("EvidenceDate", "2026-11-01"), ("Version", "1"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await PostAsync(ben, "/evidence/new", $"/evidence/new?candidate={await IdOf(Amira)}", ("Title", "Planted"), ("EvidenceDate", "2026-11-01"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Service<EvidenceRepository>().GetAsync(id))!.Title, Is.Not.EqualTo("Hijack"));
    }

    [Test]
    public async Task MentorAndHeadteacher_ReadOnlyThoseTheyMayReach()
    {
        var amiraItem = await AmirasFirstItem();
        var benItem = (await Service<EvidenceRepository>().GetForCandidateAsync(await IdOf(Ben))).Last().Id;
        using var mentor = Factory.ClientFor(Mentor);
        using var head = Factory.ClientFor(Head);
        using var assessor = Factory.ClientFor(Assessor);

        var mentorPage = await Html.ReadAsync(await mentor.GetAsync($"/evidence/{amiraItem}"));
        Assert.That(mentorPage.QuerySelector("form[action='/evidence/" + amiraItem + "/files']"), Is.Null, "a mentor cannot attach files");
        Assert.That(mentorPage.QuerySelector(".comment-form"), Is.Not.Null, "a mentor can comment");
        Assert.That((await mentor.GetAsync($"/evidence/{amiraItem}/edit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var headPage = await Html.ReadAsync(await head.GetAsync($"/evidence/{benItem}"));
        Assert.That(headPage.QuerySelector("h1").Text(), Is.EqualTo("Reading intervention for Year 8"));
        Assert.That(headPage.QuerySelector(".comment-form"), Is.Null, "a headteacher reads only");
        Assert.That((await head.GetAsync($"/evidence/{amiraItem}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "not their school");
        Assert.That((await PostAsync(head, await FormPageFor(Head), $"/feedback/evidence/{benItem}", ("body", "Head comment"))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await assessor.GetAsync($"/evidence/{amiraItem}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string fileName, byte[] bytes, string claimedType = "application/pdf")
    {
        var token = await Forms.TokenFromAsync(client, $"/evidence/{id}");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), Forms.TokenField);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        content.Add(file, "file", fileName);
        return await client.PostAsync($"/evidence/{id}/files", content);
    }

    [Test]
    public async Task Upload_RealPdf_IsStoredUnderAGeneratedNameAndDownloadedOnlyByThoseAllowed()
    {
        using var amira = Factory.ClientFor(Amira);
        var id = await CreateItemAsync(amira, "With a file", FirstGap("teaching", 0).Id, "draft");

        var upload = await UploadAsync(amira, id, "Lesson plan.pdf", SampleFiles.Pdf);
        var page = await Html.ReadAsync(await amira.GetAsync($"/evidence/{id}"));
        var link = page.QuerySelector(".files a")!.GetAttribute("href")!;
        var download = await amira.GetAsync(link);
        using var ben = Factory.ClientFor(Ben);
        using var mentor = Factory.ClientFor(Mentor);
        using var head = Factory.ClientFor(Head);
        var stored = Directory.GetFiles(Path.Combine(Factory.WorkFolder, "files"));

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(SampleFiles.Pdf));
        Assert.That(stored.Select(Path.GetFileName), Has.All.Matches<string>(n => n.Length == 32 && n.All(Uri.IsHexDigit)));
        Assert.That((await ben.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await head.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await mentor.GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostAsync(ben, await FormPageFor(Ben), link + "/remove")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("report.pdf", "exe")]
    [TestCase("photo.png", "html")]
    [TestCase("virus.exe", "exe")]
    public async Task Upload_ThatLiesAboutItsType_IsRefusedWithAMessageAndNotStored(string name, string kind)
    {
        using var amira = Factory.ClientFor(Amira);
        var id = await CreateItemAsync(amira, "Liar " + name, FirstGap("teaching", 1).Id, "draft");

        var upload = await UploadAsync(amira, id, name, kind == "exe" ? SampleFiles.Exe : SampleFiles.Html, kind == "exe" ? "application/pdf" : "image/png");
        var page = await Html.ReadAsync(await amira.GetAsync($"/evidence/{id}"));

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.QuerySelector("#file-error").Text(), Does.Contain(name));
        Assert.That(page.QuerySelectorAll(".files a"), Is.Empty);
        Assert.That(await Service<EvidenceRepository>().GetFilesAsync(id), Is.Empty);
    }
}

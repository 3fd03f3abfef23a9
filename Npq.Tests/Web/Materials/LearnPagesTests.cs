using System.Net;
using System.Net.Http.Json;

namespace Npq.Tests.Web.Materials;

/// <summary>The Learn pages through the real HTTP pipeline: who reaches what, by link and by URL, and how items answer.</summary>
public sealed class LearnPagesTests : StudyWebTest
{
    [Test]
    public async Task Learn_OneCohort_RedirectsToIt_AndShowsModulesWithProgress()
    {
        using var client = Factory.ClientFor(Learner);

        var index = await client.GetAsync("/learn");
        var page = await Html.ReadAsync(await client.GetAsync($"/learn/{W.CohortId}"));

        Assert.That(index.Headers.Location?.OriginalString, Is.EqualTo($"/learn/{W.CohortId}"));
        Assert.That(page.QuerySelector("progress#progress-" + W.Module1), Is.Not.Null);
        Assert.That(page.QuerySelector("label[for=progress-" + W.Module1 + "]").Text(), Does.Contain("Module 1"));
        Assert.That(page.QuerySelector(".learn-summary a.button")!.GetAttribute("href"), Is.EqualTo(ItemUrl(W.Page)));
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(links, Does.Contain(ItemUrl(W.Video)));
        Assert.That(links, Has.None.EqualTo(ItemUrl(W.Draft)).And.None.EqualTo(ItemUrl(W.Unopened)), "drafts and unopened items are not listed");
        var text = page.QuerySelector("main").Text();
        Assert.That(text, Does.Contain("Module 2: Later").And.Contain("Opens on Thu 1 Jan 2099").And.Contain("London time"));
        Assert.That(text, Does.Not.Contain("Not yet"), "an unopened module shows its title and date only");
    }

    [Test]
    public async Task Item_OfAModuleNotOpen_AnswersNotFound_ForEveryRoute()
    {
        using var client = Factory.ClientFor(Learner);
        var token = await Forms.TokenFromAsync(client, ItemUrl(W.Page));

        foreach (var suffix in new[] { "", "/file", "/captions.vtt" })
        {
            Assert.That((await client.GetAsync(ItemUrl(W.Unopened) + suffix)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), suffix);
        }

        var done = await client.PostAsync(ItemUrl(W.Unopened) + "/done", new FormUrlEncodedContent([new(Forms.TokenField, token)]));
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Item_Draft_AndAnotherCoursesItem_AnswerNotFound()
    {
        using var client = Factory.ClientFor(Learner);

        Assert.That((await client.GetAsync(ItemUrl(W.Draft))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync(ItemUrl(W.OtherCoursePage))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another course's item under my cohort");
        Assert.That((await client.GetAsync(ItemUrl(W.OtherCoursePage, W.OtherCohortId))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "under its own cohort, which I do not study");
        Assert.That((await client.GetAsync($"/learn/{W.OtherCohortId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Withdrawn_GetsNothing()
    {
        using var client = Factory.ClientFor(Withdrawn);

        var index = await Html.ReadAsync(await client.GetAsync("/learn"));

        Assert.That(index.QuerySelector("main").Text(), Does.Contain("not studying"));
        Assert.That((await client.GetAsync($"/learn/{W.CohortId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await client.GetAsync(ItemUrl(W.Page))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync(ItemUrl(W.Video) + "/file")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AnotherCandidate_NeverSeesMyAnswers()
    {
        using var learner = Factory.ClientFor(Learner);
        using var other = Factory.ClientFor(Other);
        const string secret = "My private reflection 7f3a";
        var saved = await Forms.SubmitAsync(learner, ItemUrl(W.Reflection), "form.reflection-form", new Dictionary<string, string> { ["answer"] = secret });
        await Forms.SubmitAsync(learner, ItemUrl(W.Check), "form.check-form", new Dictionary<string, string> { ["q-q1"] = "f", ["q-q2"] = "a" });
        var mine = await Html.ReadAsync(await learner.GetAsync(ItemUrl(W.Reflection)));
        var evidenceLink = mine.QuerySelector("main a[href^='/evidence/']")!.GetAttribute("href")!;

        var theirReflection = await (await other.GetAsync(ItemUrl(W.Reflection))).Content.ReadAsStringAsync();
        var theirCheck = await Html.ReadAsync(await other.GetAsync(ItemUrl(W.Check)));

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(mine.QuerySelector("textarea#answer").Text(), Is.EqualTo(secret));
        Assert.That(theirReflection, Does.Not.Contain(secret).And.Not.Contain(evidenceLink));
        Assert.That(theirCheck.QuerySelector("#result"), Is.Null, "their page shows the questions, not my result");
        Assert.That(theirCheck.QuerySelector("form.check-form"), Is.Not.Null);
        Assert.That((await other.GetAsync(evidenceLink)).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound));
    }

    [Test]
    public async Task UserText_InMarkdownQuestionsAndAnswers_IsInert()
    {
        using var client = Factory.ClientFor(Other);

        var reading = await (await client.GetAsync(ItemUrl(W.Page))).Content.ReadAsStringAsync();
        var check = await (await client.GetAsync(ItemUrl(W.Check))).Content.ReadAsStringAsync();
        await Forms.SubmitAsync(client, ItemUrl(W.Check), "form.check-form", new Dictionary<string, string> { ["q-q1"] = "t", ["q-q2"] = "b" });
        var result = await (await client.GetAsync(ItemUrl(W.Check))).Content.ReadAsStringAsync();

        foreach (var html in new[] { reading, check, result })
        {
            var main = Html.Parse(html).QuerySelector("main")!;
            Assert.That(main.QuerySelectorAll("script"), Is.Empty);
            Assert.That(main.QuerySelectorAll("[onerror], img[src=x]"), Is.Empty);
            Assert.That(main.QuerySelectorAll("a[href^='javascript']"), Is.Empty);
            Assert.That(main.TextContent, Does.Contain("<script>alert('x')</script>"), "shown as text");
        }

        Assert.That(result, Does.Contain("100%"));
    }

    [Test]
    public async Task Video_RangeRequest_Answers206WithContentRange_CaptionsAsVtt()
    {
        using var client = Factory.ClientFor(Learner);
        var whole = await client.GetAsync(ItemUrl(W.Video) + "/file");
        var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl(W.Video) + "/file");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);

        var part = await client.SendAsync(request);
        var captions = await client.GetAsync(ItemUrl(W.Video) + "/captions.vtt");

        var size = new FileInfo(Builders.MaterialsBuilder.SampleVideoPath).Length;
        Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(whole.Headers.AcceptRanges, Does.Contain("bytes"));
        Assert.That(whole.Content.Headers.ContentType!.MediaType, Is.EqualTo("video/webm"));
        Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(part.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 100-199/{size}"));
        Assert.That((await part.Content.ReadAsByteArrayAsync()).Length, Is.EqualTo(100));
        Assert.That(captions.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/vtt"));
        Assert.That(await captions.Content.ReadAsStringAsync(), Does.StartWith("WEBVTT"));
    }

    [Test]
    public async Task File_IsAnAttachment_AndMarkingDoneCompletesOnce()
    {
        using var client = Factory.ClientFor(Other);

        var file = await client.GetAsync(ItemUrl(W.File) + "/file");
        var first = await Forms.SubmitAsync(client, ItemUrl(W.File), "form.done-form", new Dictionary<string, string>());
        var after = await Html.ReadAsync(await client.GetAsync(ItemUrl(W.File)));

        Assert.That(file.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(file.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.QuerySelector("form.done-form"), Is.Null);
        Assert.That(after.QuerySelector(".meta .tag.ok").Text(), Is.EqualTo("Complete"));
    }

    [Test]
    public async Task Link_OpensInANewTabWithAVisibleMark()
    {
        using var client = Factory.ClientFor(Learner);

        var page = await Html.ReadAsync(await client.GetAsync(ItemUrl(W.Link)));

        var link = page.QuerySelector("a.external")!;
        Assert.That((link.GetAttribute("target"), link.GetAttribute("rel")), Is.EqualTo(("_blank", "noopener noreferrer")));
        Assert.That(link.Text(), Does.Contain("(opens external site)"));
    }

    [Test]
    public async Task VideoProgress_JsonWithTheToken_IsSaved_WithoutItRefused()
    {
        using var client = Factory.ClientFor(Other);
        var token = await Forms.TokenFromAsync(client, ItemUrl(W.Video));
        var body = new { position = 6.0, duration = 6.0, ranges = new[] { new[] { 0.0, 6.0 } } };

        var refused = await client.PostAsJsonAsync(ItemUrl(W.Video) + "/progress", body);
        var request = new HttpRequestMessage(HttpMethod.Post, ItemUrl(W.Video) + "/progress") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var saved = await client.SendAsync(request);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await saved.Content.ReadAsStringAsync(), Is.EqualTo("""{"percent":100,"complete":true}"""));
    }
}

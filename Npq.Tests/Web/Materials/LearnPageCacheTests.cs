using System.Net;
using Npq.Core.Materials;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Materials;

/// <summary>
/// The Learn page and an item's page are a candidate's own pages: kept for a few seconds and served again to the same
/// session until anyone writes through the site. Progress written to the repository directly (which the cache cannot
/// see) shows when a page came from the cache; writes through the site show at once.
/// </summary>
public sealed class LearnPageCacheTests : StudyWebTest
{
    private async Task<(HttpClient Client, int UserId)> NewLearnerAsync(string email)
    {
        var enrolled = await new Build(Factory.Services).Cohorts.CandidateAsync(W.CohortId, email, email.Split('@')[0]);
        return (Factory.ClientFor(email), enrolled.UserId);
    }

    private async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await Html.ReadAsync(response);
    }

    private static string? ContinueLink(AngleSharp.Dom.IDocument page) => page.QuerySelector(".learn-summary a.button")?.GetAttribute("href");

    [Test]
    public async Task LearnPage_RepeatVisitIsTheKeptPage_TheCandidatesOwnWriteShowsAtOnce()
    {
        var (client, userId) = await NewLearnerAsync("kept@study.example");
        using var _ = client;
        var learn = $"/learn/{W.CohortId}";
        await PageAsync(client, learn); // the first visit sets the antiforgery cookie the cache key needs
        var before = ContinueLink(await PageAsync(client, learn));

        await Service<IStudyRepository>().MarkCompleteAsync(userId, W.Page, DateTime.UtcNow);
        var kept = ContinueLink(await PageAsync(client, learn));
        var done = await Forms.SubmitAsync(client, ItemUrl(W.File), "form.done-form", new Dictionary<string, string>());
        var after = ContinueLink(await PageAsync(client, learn));

        Assert.That(before, Is.EqualTo(ItemUrl(W.Page)));
        Assert.That(kept, Is.EqualTo(before), "within its lifetime a repeat visit is the kept page");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after, Is.EqualTo(ItemUrl(W.Video)), "after the candidate's own write the page is built afresh, with both completions");
    }

    [Test]
    public async Task LearnPage_AFacilitatorOpeningAModuleEarly_ShowsOnTheNextVisit()
    {
        var (client, _) = await NewLearnerAsync("opened@study.example");
        using var candidate = client;
        using var admin = Factory.ClientFor("admin@npq.example");
        var learn = $"/learn/{W.CohortId}";
        var release = $"/cohorts/{W.CohortId}/materials/release";
        await PageAsync(candidate, learn);
        var closed = await PageAsync(candidate, learn);

        await Forms.SubmitAsync(admin, release, $"form[action='{release}/modules/{W.Module2}/open']", new Dictionary<string, string>());
        var opened = await PageAsync(candidate, learn);
        await Forms.SubmitAsync(admin, release, $"form[action='{release}/modules/{W.Module2}/undo-open']", new Dictionary<string, string>());

        Assert.That(closed.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")), Has.None.EqualTo(ItemUrl(W.Unopened)));
        Assert.That(opened.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")), Does.Contain(ItemUrl(W.Unopened)));
    }

    [Test]
    public async Task ItemPage_IsKeptForTheSameSessionOnly_AndNeverForAnotherPerson()
    {
        var (client, userId) = await NewLearnerAsync("item@study.example");
        using var first = client;
        var (otherClient, _) = await NewLearnerAsync("item2@study.example");
        using var second = otherClient;
        await PageAsync(first, ItemUrl(W.Link));
        await PageAsync(second, ItemUrl(W.Link));
        await PageAsync(first, ItemUrl(W.Link));

        await Service<IStudyRepository>().MarkCompleteAsync(userId, W.Link, DateTime.UtcNow);
        var kept = await PageAsync(first, ItemUrl(W.Link));
        var others = await PageAsync(second, ItemUrl(W.Link));
        using var fresh = Factory.ClientFor("item@study.example");
        var newSession = await PageAsync(fresh, ItemUrl(W.Link));

        Assert.That(kept.QuerySelector("form.done-form"), Is.Not.Null, "the kept page, from before the write behind the site's back");
        Assert.That(others.QuerySelector("form.done-form"), Is.Not.Null, "another candidate's page shows their own progress");
        Assert.That(newSession.QuerySelector("form.done-form"), Is.Null, "a new session builds its own page");
        Assert.That(newSession.QuerySelector(".meta .tag.ok")!.Text(), Is.EqualTo("Complete"));
    }

    [Test]
    public async Task ItemPage_TheQueryIsPartOfTheKey_ARetryShowsTheQuestionsAgain()
    {
        var (client, _) = await NewLearnerAsync("retry@study.example");
        using var _ = client;
        await PageAsync(client, ItemUrl(W.Check));
        var answered = await Forms.SubmitAsync(client, ItemUrl(W.Check), "form.check-form", new Dictionary<string, string>());
        var result = await PageAsync(client, ItemUrl(W.Check));
        await PageAsync(client, ItemUrl(W.Check));
        var retry = await PageAsync(client, ItemUrl(W.Check) + "?retry=true");

        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(result.QuerySelector("form.check-form"), Is.Null, "after an attempt the page shows its result");
        Assert.That(retry.QuerySelector("form.check-form"), Is.Not.Null, "?retry=true is another page, not the kept result");
    }
}

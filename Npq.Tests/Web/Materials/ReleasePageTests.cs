using System.Net;
using Npq.Core.Materials;

namespace Npq.Tests.Web.Materials;

/// <summary>The release page: the provider's admin sets a day and opens a module early; candidates cannot reach it.</summary>
public sealed class ReleasePageTests : StudyWebTest
{
    private string ReleaseUrl => $"/cohorts/{W.CohortId}/materials/release";

    [Test]
    public async Task Candidate_IsForbidden()
    {
        using var client = Factory.ClientFor(Learner);

        Assert.That((await client.GetAsync(ReleaseUrl)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Admin_SetsADay_TheDayIsKeptExactly_ANonsenseDayIsRefusedBesideItsField()
    {
        using var client = Factory.ClientFor("admin@npq.example");
        var form = $"form[action='{ReleaseUrl}/modules/{W.Module2}/date']";

        var page = await Html.ReadAsync(await client.GetAsync(ReleaseUrl));
        var saved = await Forms.SubmitAsync(client, ReleaseUrl, form, new Dictionary<string, string> { ["opensOn"] = "2098-03-29" });
        var refused = await Forms.SubmitAsync(client, ReleaseUrl, form, new Dictionary<string, string> { ["opensOn"] = "2098-02-30" });
        var refusedPage = await Html.ReadAsync(refused);

        Assert.That(page.QuerySelector($"label[for=module-{W.Module2}-OpensOn]").Text(), Does.Contain("London time"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<IProgrammeRepository>().GetReleasesAsync(W.CohortId))[W.Module2].OpensOn, Is.EqualTo(new DateOnly(2098, 3, 29)));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusedPage.QuerySelector($"#module-{W.Module2}-OpensOn-error").Text(), Does.Contain("real date"));
        Assert.That(refusedPage.QuerySelector($"#module-{W.Module2}-OpensOn")!.GetAttribute("value"), Is.EqualTo("2098-02-30"), "what was typed is kept");

        await Forms.SubmitAsync(client, ReleaseUrl, form, new Dictionary<string, string> { ["opensOn"] = "2099-01-01" });
    }

    [Test]
    public async Task Admin_OpensNow_TheCandidateReachesTheItem_UndoClosesItAgain()
    {
        using var admin = Factory.ClientFor("admin@npq.example");
        using var candidate = Factory.ClientFor(Learner);

        await Forms.SubmitAsync(admin, ReleaseUrl, $"form[action='{ReleaseUrl}/modules/{W.Module2}/open']", new Dictionary<string, string>());
        var opened = await candidate.GetAsync(ItemUrl(W.Unopened));
        await Forms.SubmitAsync(admin, ReleaseUrl, $"form[action='{ReleaseUrl}/modules/{W.Module2}/undo-open']", new Dictionary<string, string>());
        var closed = await candidate.GetAsync(ItemUrl(W.Unopened));

        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ModuleOfAnotherCourse_IsNotFound()
    {
        using var client = Factory.ClientFor("admin@npq.example");
        var token = await Forms.TokenFromAsync(client, ReleaseUrl);

        var response = await client.PostAsync($"/cohorts/{W.OtherCohortId}/materials/release/modules/{W.Module1}/open", new FormUrlEncodedContent([new(Forms.TokenField, token)]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Npq.Tests.Web;

/// <summary>Anonymous framework pages are cached; a signed-in person never gets the anonymous copy.</summary>
public sealed class OutputCacheTests
{
    [Test]
    public async Task FrameworkPage_AfterAnAnonymousVisit_StillShowsTheSignedInPersonTheirOwnHeader()
    {
        using var factory = new NpqWebFactory(configureServices: s => s.AddTestAuthentication());
        using var anonymous = factory.NewClient();
        using var signedIn = factory.ClientFor("mentor@npq.example");

        var first = await Html.ReadAsync(await anonymous.GetAsync("/frameworks/npqsl/teaching"));
        var second = await Html.ReadAsync(await signedIn.GetAsync("/frameworks/npqsl/teaching"));
        var third = await anonymous.GetAsync("/frameworks/npqsl/teaching");

        Assert.That(first.QuerySelector("header").Text(), Does.Not.Contain("Priya Shah"));
        Assert.That(second.QuerySelector("header").Text(), Does.Contain("Priya Shah"));
        Assert.That(third.Headers.Age, Is.Not.Null, "the second anonymous visit is served from the cache");
    }
}

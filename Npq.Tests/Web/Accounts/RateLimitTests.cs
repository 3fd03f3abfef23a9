using System.Net;

namespace Npq.Tests.Web.Accounts;

/// <summary>The sign-in and reset endpoints answer 429 with Retry-After once an address sends too many posts.</summary>
public sealed class RateLimitTests
{
    [TestCase("/account/sign-in", "Email", "candidate1@npq.example")]
    [TestCase("/account/forgot-password", "Email", "candidate1@npq.example")]
    public async Task Post_OverTheLimit_Gets429WithRetryAfter(string page, string field, string value)
    {
        using var factory = new NpqWebFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:Account:PermitLimit"] = "3",
            ["RateLimiting:Account:WindowSeconds"] = "120",
        });
        using var client = factory.NewClient();
        var values = new Dictionary<string, string> { [field] = value, ["Password"] = "wrong-password-here" };

        for (var i = 0; i < 3; i++)
        {
            var allowed = await Forms.SubmitAsync(client, page, "form.account-form", values);
            Assert.That(allowed.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests), $"attempt {i + 1}");
        }

        var refused = await Forms.SubmitAsync(client, page, "form.account-form", values);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 120));
        Assert.That((await Html.ReadAsync(refused)).QuerySelector("h1").Text(), Is.EqualTo("Too many attempts"));
        Assert.That((await client.GetAsync(page)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading the page is not limited");
    }
}

using System.Net;

namespace Npq.Tests.Web.Accounts;

/// <summary>Headers on every response; HSTS and HTTPS redirection outside Development.</summary>
public sealed class SecurityHeadersTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(new Dictionary<string, string?> { ["https_port"] = "443" });

    [TestCase("/")]
    [TestCase("/account/sign-in")]
    [TestCase("/no-such-page")]
    [TestCase("/css/site.css")]
    [TestCase("/health")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        using var client = Factory.NewClient();

        var response = await client.GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.That(csp, Does.Contain("script-src 'self'"));
        Assert.That(csp, Does.Not.Contain("unsafe-inline"));
        Assert.That(csp, Does.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("strict-origin-when-cross-origin"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
    }

    [Test]
    public async Task Https_OutsideDevelopment_SendsHsts()
    {
        using var client = Factory.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://npq.example.org/account/sign-in");

        var response = await client.SendAsync(request);

        Assert.That(response.Headers.GetValues("Strict-Transport-Security").Single(), Does.Contain("max-age="));
    }

    [Test]
    public async Task Http_OutsideDevelopment_RedirectsToHttps()
    {
        using var client = Factory.NewClient();

        var response = await client.GetAsync("http://npq.example.org/account/sign-in");

        Assert.That((int)response.StatusCode, Is.EqualTo(307).Or.EqualTo(308));
        Assert.That(response.Headers.Location!.Scheme, Is.EqualTo("https"));
    }

    [Test]
    public async Task AccountPages_CarryNoInlineScriptOrStyle()
    {
        using var client = Factory.NewClient();
        foreach (var url in new[] { "/account/sign-in", "/account/forgot-password" })
        {
            var page = await Html.ReadAsync(await client.GetAsync(url));

            Assert.That(page.QuerySelectorAll("script:not([src])"), Is.Empty, url);
            Assert.That(page.QuerySelectorAll("[style], style"), Is.Empty, url);
            Assert.That(page.QuerySelectorAll("form[method=post]").All(f => f.QuerySelector("input[name=__RequestVerificationToken]") is not null), Is.True, url);
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npq.Web.Features.Accounts.Account;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Tests.Web.Accounts;

public sealed class RememberedAntiforgeryCookiesTests
{
    private static readonly byte[] CookieToken = [1, .. Enumerable.Range(10, 16).Select(i => (byte)i), 1];
    private static readonly byte[] RequestToken = [1, .. Enumerable.Range(10, 16).Select(i => (byte)i), 0, 0, 2, (byte)'a', (byte)'b', 0];

    private static (IDataProtector Protector, Mock<IDataProtector> Inner) Antiforgery(RememberedAntiforgeryCookies provider, Mock<IDataProtectionProvider> innerProvider)
    {
        var inner = new Mock<IDataProtector>();
        innerProvider.Setup(p => p.CreateProtector(RememberedAntiforgeryCookies.AntiforgeryPurpose)).Returns(inner.Object);
        return (provider.CreateProtector(RememberedAntiforgeryCookies.AntiforgeryPurpose), inner);
    }

    [Test]
    public void ACookieToken_IsDecryptedOnce_AndEachCallGetsItsOwnCopy()
    {
        var innerProvider = new Mock<IDataProtectionProvider>();
        using var provider = new RememberedAntiforgeryCookies(innerProvider.Object);
        var (protector, inner) = Antiforgery(provider, innerProvider);
        inner.Setup(p => p.Unprotect(It.Is<byte[]>(b => b.SequenceEqual(new byte[] { 9, 9, 9 })))).Returns(() => (byte[])CookieToken.Clone());

        var first = protector.Unprotect([9, 9, 9]);
        first[5] = 0;
        var second = protector.Unprotect([9, 9, 9]);

        inner.Verify(p => p.Unprotect(It.IsAny<byte[]>()), Times.Once);
        Assert.That(second, Is.EqualTo(CookieToken), "a change one request makes to its copy is not seen by the next");
    }

    [Test]
    public void RequestTokensAreRememberedToo_TokensThatDoNotDecryptNever()
    {
        var innerProvider = new Mock<IDataProtectionProvider>();
        using var provider = new RememberedAntiforgeryCookies(innerProvider.Object);
        var (protector, inner) = Antiforgery(provider, innerProvider);
        inner.Setup(p => p.Unprotect(It.Is<byte[]>(b => b[0] == 7))).Returns(() => (byte[])RequestToken.Clone());
        inner.Setup(p => p.Unprotect(It.Is<byte[]>(b => b[0] == 8))).Throws(new CryptographicException("forged"));

        // A playing video posts its page's request token every few seconds: decrypted once.
        protector.Unprotect([7]);
        Assert.That(protector.Unprotect([7]), Is.EqualTo(RequestToken));
        Assert.Throws<CryptographicException>(() => protector.Unprotect([8]));
        Assert.Throws<CryptographicException>(() => protector.Unprotect([8]));

        inner.Verify(p => p.Unprotect(It.Is<byte[]>(b => b[0] == 7)), Times.Once);
        inner.Verify(p => p.Unprotect(It.Is<byte[]>(b => b[0] == 8)), Times.Exactly(2), "a token that does not decrypt is tried again every time");
    }

    [Test]
    public void ARequestToken_IsEncryptedOnceAndDecryptsWithoutTheInnerProtector_ACookieTokenEveryTime()
    {
        var innerProvider = new Mock<IDataProtectionProvider>();
        using var provider = new RememberedAntiforgeryCookies(innerProvider.Object);
        var (protector, inner) = Antiforgery(provider, innerProvider);
        var encryptions = 0;
        inner.Setup(p => p.Protect(It.IsAny<byte[]>())).Returns(() => [5, (byte)++encryptions]);

        // Every signed-in page's sign-out form: the same browser and person give the same token to encrypt.
        var first = protector.Protect((byte[])RequestToken.Clone());
        first[1] = 99;
        var second = protector.Protect((byte[])RequestToken.Clone());
        var otherPerson = protector.Protect([.. RequestToken[..^3], (byte)'c', 0]);
        var cookies = (protector.Protect(CookieToken), protector.Protect(CookieToken));

        Assert.That(second, Is.EqualTo(new byte[] { 5, 1 }), "the first encryption, untouched by what a caller did to its copy");
        Assert.That(otherPerson, Is.EqualTo(new byte[] { 5, 2 }), "another token is encrypted for itself");
        Assert.That(cookies, Is.EqualTo((new byte[] { 5, 3 }, new byte[] { 5, 4 })), "cookie tokens are encrypted every time");
        Assert.That(protector.Unprotect([5, 1]), Is.EqualTo(RequestToken), "posting the form decrypts what was encrypted");
        inner.Verify(p => p.Unprotect(It.IsAny<byte[]>()), Times.Never);
    }

    [Test]
    public void OtherPurposes_AreTheInnerProtectorsUntouched()
    {
        var innerProvider = new Mock<IDataProtectionProvider>();
        var cookies = Mock.Of<IDataProtector>();
        innerProvider.Setup(p => p.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware")).Returns(cookies);
        using var provider = new RememberedAntiforgeryCookies(innerProvider.Object);

        Assert.That(provider.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware"), Is.SameAs(cookies));
    }

    [Test]
    public void TheTokenFormat_IsRecognisedOnlyForCookieTokens()
    {
        Assert.That(RememberedAntiforgeryCookies.IsCookieToken(CookieToken), Is.True);
        Assert.That(RememberedAntiforgeryCookies.IsCookieToken(RequestToken), Is.False);
        Assert.That(RememberedAntiforgeryCookies.IsCookieToken([2, .. CookieToken[1..]]), Is.False, "another format version");
    }

    /// <summary>
    /// The real site: once a browser's cookie token is remembered, a form token made for another browser's cookie is
    /// still refused (the pair check runs on every post), and the site's own antiforgery still uses the wrapper.
    /// </summary>
    [Test]
    public async Task ARememberedCookieToken_StillHasToMatchTheFormsToken()
    {
        using var factory = new NpqWebFactory(configureServices: s => s.AddTestAuthentication());
        Assert.That(factory.Services.GetRequiredService<IDataProtectionProvider>(), Is.InstanceOf<RememberedAntiforgeryCookies>());
        using var browser = factory.ClientFor("candidate1@npq.example");
        using var otherBrowser = factory.ClientFor("candidate1@npq.example");

        var ownToken = await Forms.TokenFromAsync(browser, "/notifications");
        var first = await browser.PostAsync("/notifications/read", new FormUrlEncodedContent([new(Forms.TokenField, ownToken)]));
        var second = await browser.PostAsync("/notifications/read", new FormUrlEncodedContent([new(Forms.TokenField, ownToken)]));
        var othersToken = await Forms.TokenFromAsync(otherBrowser, "/notifications");
        var mismatched = await browser.PostAsync("/notifications/read", new FormUrlEncodedContent([new(Forms.TokenField, othersToken)]));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(mismatched.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}

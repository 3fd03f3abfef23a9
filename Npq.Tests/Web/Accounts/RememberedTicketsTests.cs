using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Moq;
using Npq.Web.Features.Accounts.Account;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Tests.Web.Accounts;

public sealed class RememberedTicketsTests
{
    private static AuthenticationTicket Ticket(string id) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test")), "Cookies");

    [Test]
    public void SameCookie_IsDecryptedOnce_AndEachRequestGetsItsOwnCopy()
    {
        var inner = new Mock<ISecureDataFormat<AuthenticationTicket>>();
        inner.Setup(f => f.Unprotect("cookie-a", null)).Returns(Ticket("7"));
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var tickets = new RememberedTickets(inner.Object, cache);

        var first = tickets.Unprotect("cookie-a")!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "ProviderAdmin"));
        var second = tickets.Unprotect("cookie-a")!;

        inner.Verify(f => f.Unprotect("cookie-a", null), Times.Once);
        Assert.That(second.Principal.FindFirstValue(ClaimTypes.NameIdentifier), Is.EqualTo("7"));
        Assert.That(second.Principal.IsInRole("ProviderAdmin"), Is.False, "a change one request makes to its ticket is not seen by the next");
    }

    [Test]
    public void ACookieThatDoesNotDecrypt_IsNotRemembered()
    {
        var inner = new Mock<ISecureDataFormat<AuthenticationTicket>>();
        inner.Setup(f => f.Unprotect(It.IsAny<string>(), null)).Returns((AuthenticationTicket?)null);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var tickets = new RememberedTickets(inner.Object, cache);

        Assert.That(tickets.Unprotect("forged"), Is.Null);
        Assert.That(tickets.Unprotect("forged"), Is.Null);
        Assert.That(tickets.Unprotect(""), Is.Null);
        inner.Verify(f => f.Unprotect("forged", null), Times.Exactly(2));
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Npq.Web.Infrastructure.Authentication;

/// <summary>
/// Reads sign-in cookies, remembering what each one decrypted to for a few minutes, so a signed-in request does not
/// repeat the same decryption on every page. Only a cookie that decrypted and authenticated is remembered, keyed by
/// its exact text, so nothing can be planted; every request still gets its own copy of the ticket, and everything
/// checked after decryption still runs on every request (the ticket's expiry, and the security stamp in
/// <see cref="NpqCookieEvents"/>, which is how a sign-out everywhere or a password change ends a session).
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner, IMemoryCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText))
        {
            return null;
        }

        var key = (typeof(RememberedTickets), purpose, protectedText);
        if (cache.TryGetValue(key, out AuthenticationTicket? known) && known is not null)
        {
            return known.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            cache.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
            return ticket.Clone();
        }

        return null;
    }
}

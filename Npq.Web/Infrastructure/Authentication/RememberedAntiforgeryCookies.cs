using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Npq.Web.Infrastructure.Authentication;

/// <summary>
/// Data protection that remembers, for a few minutes, what each antiforgery token decrypted to. A browser sends the
/// same <em>cookie</em> token with every page it loads and every form it posts, and every one of those requests
/// decrypted it again (one of the three data-protection operations in a form post that sets a message, one of the two
/// in a page with a form). A page's <em>request</em> token is sent again each time its script posts (a playing video
/// reports its progress every few seconds with the token of its page), and was decrypted each time too. Only a token
/// that decrypted and authenticated is remembered, keyed by its exact bytes, so nothing can be planted; the pair check
/// (cookie token against request token, and the request token against the signed-in user) still runs on every request.
/// Cookie tokens are kept before request tokens when the cache is full (most forms' request tokens are posted once).
/// A request token is also encrypted once: it holds nothing but the browser's cookie token and the signed-in user, so
/// every page a browser loads for the same person would encrypt the same bytes again (the sign-out form in every
/// signed-in page's header: AES-GCM and a key derivation, about half of the layout's time); the first encryption is
/// handed out again, as if the page had been loaded from the browser's own history. A cookie token, random each time it
/// is made, is always encrypted afresh. Every other purpose passes straight through.
/// </summary>
public sealed class RememberedAntiforgeryCookies(IDataProtectionProvider inner) : IDataProtectionProvider, IDisposable
{
    /// <summary>The purpose ASP.NET Core's antiforgery protects its tokens with.</summary>
    public const string AntiforgeryPurpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    private const string ProtectedKeyPrefix = "protected:";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Its own bounded cache: anyone can be given cookie tokens by loading pages, so their number must not grow the
    // process without limit.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public IDataProtector CreateProtector(string purpose)
    {
        var protector = inner.CreateProtector(purpose);
        return purpose == AntiforgeryPurpose ? new Remembering(protector, _cache) : protector;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// A cookie token's plain form is the format version (1), a 16-byte security token and "is a cookie token" (1);
    /// a request token is longer (it carries the user it was made for).
    /// </summary>
    internal static bool IsCookieToken(byte[] plain) => plain is [1, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, _, 1];

    private sealed class Remembering(IDataProtector inner, MemoryCache cache) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

        public byte[] Protect(byte[] plaintext)
        {
            if (IsCookieToken(plaintext))
            {
                return inner.Protect(plaintext);
            }

            // Base64 has no colon: these keys never meet the decrypted tokens' keys.
            var key = ProtectedKeyPrefix + Convert.ToBase64String(plaintext);
            if (cache.TryGetValue(key, out byte[]? known) && known is not null)
            {
                return (byte[])known.Clone();
            }

            var protectedData = inner.Protect(plaintext);
            var options = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1, Priority = CacheItemPriority.Low };
            cache.Set(key, (byte[])protectedData.Clone(), options);
            cache.Set(Convert.ToBase64String(protectedData), (byte[])plaintext.Clone(), options);
            return protectedData;
        }

        public byte[] Unprotect(byte[] protectedData)
        {
            var key = Convert.ToBase64String(protectedData);
            if (cache.TryGetValue(key, out byte[]? known) && known is not null)
            {
                return (byte[])known.Clone();
            }

            var plain = inner.Unprotect(protectedData);
            cache.Set(key, (byte[])plain.Clone(), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = Lifetime,
                Size = 1,
                Priority = IsCookieToken(plain) ? CacheItemPriority.High : CacheItemPriority.Low,
            });

            return plain;
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Web.Features.Portfolio.Dashboard;

/// <summary>
/// Generations that say when a candidate's dashboard may have changed. Every request that can write (anything but
/// GET, HEAD, OPTIONS) moves one on when it ends: a candidate's own request moves only theirs (a candidate can change
/// nothing on another candidate's dashboard), anyone else's moves the generation every dashboard shares. A cached
/// dashboard is filed under the generations it was built in, so a write makes the next request build a fresh one; a
/// page being built while the write commits is filed under the old generation and never served again.
/// </summary>
public sealed class DashboardGenerations
{
    private readonly ConcurrentDictionary<int, long> _candidates = new();
    private long _shared;

    public long Shared => Interlocked.Read(ref _shared);

    public long Of(int candidateUserId) => _candidates.GetValueOrDefault(candidateUserId);

    public void CandidateWrote(int candidateUserId) => _candidates.AddOrUpdate(candidateUserId, 1, (_, g) => g + 1);

    public void SomeoneElseWrote() => Interlocked.Increment(ref _shared);

    /// <summary>Whether the person holds no role but Candidate: only their dashboard is cached (a mentor's or a
    /// headteacher's shows other people's work, which those people's own writes would not invalidate).</summary>
    public static bool IsOnlyCandidate(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).ToList();
        return roles.Count > 0 && roles.TrueForAll(r => r.Value == Roles.Candidate);
    }
}

/// <summary>Moves <see cref="DashboardGenerations"/> on after every request that can write.</summary>
public sealed class DashboardInvalidationMiddleware(RequestDelegate next, DashboardGenerations generations)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        // Before the response can reach the client (so a redirect back to "/" sees the change) and again at the end
        // (a response that started streaming before its writes were committed).
        context.Response.OnStarting(() =>
        {
            Moved(context);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            Moved(context);
        }
    }

    private void Moved(HttpContext context)
    {
        if (context.User.TryGetUserId() is { } id && DashboardGenerations.IsOnlyCandidate(context.User))
        {
            generations.CandidateWrote(id);
        }
        else
        {
            generations.SomeoneElseWrote();
        }
    }
}

/// <summary>
/// Output caching of a candidate's own dashboard: the built page is kept for a short time and served again to the
/// same person in the same browser session (the antiforgery cookie is part of the key, so the sign-out form's token
/// stays valid), until they or anyone else writes anything, their security stamp changes, or it expires. Everyone
/// else's "/" is built on every request.
/// </summary>
public sealed class CandidateDashboardCachePolicy(DashboardGenerations generations, IOptions<AntiforgeryOptions> antiforgery, IConfiguration configuration) : IOutputCachePolicy
{
    public const string Name = "candidate-dashboard";

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Dashboard:CacheSeconds", 15));

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var user = http.User;
        var cookieName = antiforgery.Value.Cookie.Name;
        if (_lifetime <= TimeSpan.Zero
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || user.Identity?.IsAuthenticated != true
            || user.TryGetUserId() is not { } id
            || !DashboardGenerations.IsOnlyCandidate(user)
            || cookieName is null
            || !http.Request.Cookies.TryGetValue(cookieName, out var antiforgeryCookie)
            || string.IsNullOrEmpty(antiforgeryCookie))
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = _lifetime;
        context.CacheVaryByRules.VaryByValues["dashboard"] = string.Join(
            '|',
            id.ToString(CultureInfo.InvariantCulture),
            user.FindFirstValue(AccountSessions.StampClaim),
            generations.Shared.ToString(CultureInfo.InvariantCulture),
            generations.Of(id).ToString(CultureInfo.InvariantCulture),
            antiforgeryCookie);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

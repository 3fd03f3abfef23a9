using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure.Caching;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Web.Infrastructure.Caching;

/// <summary>
/// Generations that say when a candidate's own pages (the dashboard, the Learn page, a material item) may have changed. Every request that can write (anything but
/// GET, HEAD, OPTIONS) moves one on when it ends: a candidate's own request moves only theirs (a candidate can change
/// nothing on another candidate's own pages), anyone else's moves the generation every candidate's pages share. A cached
/// page is filed under the generations it was built in, so a write makes the next request build a fresh one; a
/// page being built while the write commits is filed under the old generation and never served again.
/// Some pages also show other candidates' writes (a discussion topic or thread): those are filed under the generation of
/// what they show as well (<see cref="Of(string)"/>, e.g. "threadId:12"), which the write that changed it moves on
/// (<see cref="Wrote"/>), so one candidate's reply is seen at once by everyone reading that thread, and by nobody else's
/// pages. What only summarises those writes (a topic's list of threads: replies, latest, unread) is moved a little
/// later instead (<see cref="WroteSoon"/>, one second), once for every write in that second: a busy thread's replies
/// would otherwise make every reader of its topic build the list again for each reply.
/// </summary>
public sealed class CandidatePageGenerations
{
    private const string Topic = "candidate-pages";
    private const string Everyone = "*";
    private const string KeysPrefix = "k:";
    private static readonly object TouchedItem = new();
    private static readonly object TouchedSoonItem = new();

    private readonly ConcurrentDictionary<int, long> _candidates = new();
    private readonly ConcurrentDictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _soon = new(StringComparer.Ordinal);
    private readonly IInstanceSignals _signals;
    private readonly TimeSpan _soonDelay;
    private long _shared;

    /// <summary>Other instances' writes move this instance's generations too, as soon as their signal arrives, so no
    /// instance serves a page kept from before a write made on another.</summary>
    public CandidatePageGenerations(IInstanceSignals signals, TimeSpan? soonDelay = null)
    {
        _signals = signals;
        _soonDelay = soonDelay ?? TimeSpan.FromSeconds(1);
        signals.Listen(Topic, message =>
        {
            if (message == Everyone)
            {
                MoveShared();
            }
            else if (message.StartsWith(KeysPrefix, StringComparison.Ordinal))
            {
                foreach (var key in message[KeysPrefix.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    MoveKey(key);
                }
            }
            else if (int.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                MoveCandidate(id);
            }
        });
        signals.Listen(InstanceSignalTopics.Missed, _ => MoveShared());
    }

    public long Shared => Interlocked.Read(ref _shared);

    public long Of(int candidateUserId) => _candidates.GetValueOrDefault(candidateUserId);

    /// <summary>The generation of one shown thing, named by its route value ("threadId:12").</summary>
    public long Of(string key) => _keys.GetValueOrDefault(key);

    /// <summary>The things named (see <see cref="Of(string)"/>) changed: every page showing them is built again, here and on every instance.</summary>
    public void Wrote(params string[] keys)
    {
        foreach (var key in keys)
        {
            MoveKey(key);
        }

        _signals.Send(Topic, KeysPrefix + string.Join('\n', keys));
    }

    /// <summary>
    /// The things named changed in a way only their summaries show: moved once, <c>soonDelay</c> (one second) after the
    /// first of these calls, whatever else is written to them meanwhile. An instance that stops within that second
    /// leaves the summaries as they were until the kept pages expire (<c>CandidatePages:CacheSeconds</c>).
    /// </summary>
    public void WroteSoon(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_soon.TryAdd(key, 0))
            {
                _ = MoveSoonAsync(key);
            }
        }
    }

    private async Task MoveSoonAsync(string key)
    {
        await Task.Delay(_soonDelay).ConfigureAwait(false);
        _soon.TryRemove(key, out _);
        Wrote(key);
    }

    /// <summary>The key of a thing shown by a page, as <see cref="CandidatePageCachePolicy"/> reads it from the route.</summary>
    public static string Key(string routeValue, int id) => routeValue + ":" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Says that this request, if it writes, writes to the things named (<see cref="Key"/>): when it ends,
    /// <see cref="CandidatePageInvalidationMiddleware"/> moves their generations on as well as the writer's own. A GET
    /// never moves them (a read that writes only the reader's own state moves <see cref="CandidateWrote"/> itself).
    /// </summary>
    public static void Touches(HttpContext context, params string[] keys)
    {
        if (context.Items[TouchedItem] is not List<string> touched)
        {
            context.Items[TouchedItem] = touched = [];
        }

        touched.AddRange(keys);
    }

    /// <summary>As <see cref="Touches"/>, for things whose pages only summarise the write (moved by <see cref="WroteSoon"/>).</summary>
    public static void TouchesSoon(HttpContext context, params string[] keys)
    {
        if (context.Items[TouchedSoonItem] is not List<string> touched)
        {
            context.Items[TouchedSoonItem] = touched = [];
        }

        touched.AddRange(keys);
    }

    internal static IReadOnlyList<string> TouchedBy(HttpContext context) => context.Items[TouchedItem] as List<string> ?? [];

    internal static IReadOnlyList<string> TouchedSoonBy(HttpContext context) => context.Items[TouchedSoonItem] as List<string> ?? [];

    public void CandidateWrote(int candidateUserId)
    {
        MoveCandidate(candidateUserId);
        _signals.Send(Topic, candidateUserId.ToString(CultureInfo.InvariantCulture));
    }

    public void SomeoneElseWrote()
    {
        MoveShared();
        _signals.Send(Topic, Everyone);
    }

    private void MoveCandidate(int candidateUserId) => _candidates.AddOrUpdate(candidateUserId, 1, (_, g) => g + 1);

    private void MoveShared() => Interlocked.Increment(ref _shared);

    private void MoveKey(string key) => _keys.AddOrUpdate(key, 1, (_, g) => g + 1);

    /// <summary>Whether the person holds no role but Candidate: only their pages are cached (a mentor's or a
    /// headteacher's show other people's work, which those people's own writes would not invalidate).</summary>
    public static bool IsOnlyCandidate(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).ToList();
        return roles.Count > 0 && roles.TrueForAll(r => r.Value == Roles.Candidate);
    }
}

/// <summary>Moves <see cref="CandidatePageGenerations"/> on after every request that can write.</summary>
public sealed class CandidatePageInvalidationMiddleware(RequestDelegate next, CandidatePageGenerations generations)
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
        if (context.User.TryGetUserId() is { } id && CandidatePageGenerations.IsOnlyCandidate(context.User))
        {
            generations.CandidateWrote(id);
            if (CandidatePageGenerations.TouchedBy(context) is { Count: > 0 } touched)
            {
                generations.Wrote([.. touched.Distinct(StringComparer.Ordinal)]);
            }

            if (CandidatePageGenerations.TouchedSoonBy(context) is { Count: > 0 } soon)
            {
                generations.WroteSoon([.. soon.Distinct(StringComparer.Ordinal)]);
            }
        }
        else
        {
            generations.SomeoneElseWrote();
        }
    }
}

/// <summary>
/// Output caching of a candidate's own pages (the policy named <see cref="Name"/>: the dashboard, the Learn page, a
/// material item): a built page is kept for a short time and served again to the same person in the same browser
/// session (the antiforgery cookie is part of the key, so the forms' tokens stay valid), until they or anyone else
/// writes anything, their security stamp changes, or it expires (<c>CandidatePages:CacheSeconds</c>, 15 s; 0 turns
/// it off). The key is the whole address with its query. Everyone but a candidate gets these pages built on every
/// request, and so does a candidate for any answer but 200 or one that sets a cookie (but for forgetting an empty
/// TempData), and for a request that brings a TempData message (the page that shows it once is never kept). With <paramref name="routeKeys"/> (the policy named <see cref="SharedName"/>), a page that shows other
/// people's writes is also filed under the generation of the thing its route names (<see cref="CandidatePageGenerations.Of(string)"/>).
/// </summary>
public sealed class CandidatePageCachePolicy(
    CandidatePageGenerations generations,
    IOptions<AntiforgeryOptions> antiforgery,
    IOptions<CookieTempDataProviderOptions> tempData,
    IConfiguration configuration,
    params string[] routeKeys) : IOutputCachePolicy
{
    public const string Name = "candidate-page";

    /// <summary>Pages that show what other candidates write to the thing their route names (a discussion topic or thread).</summary>
    public const string SharedName = "candidate-shared-page";

    /// <summary>The route values <see cref="SharedName"/> reads: a topic's and a thread's id.</summary>
    public static readonly string[] SharedRouteKeys = ["topicId", "threadId"];

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("CandidatePages:CacheSeconds", 15));

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var user = http.User;
        var cookieName = antiforgery.Value.Cookie.Name;
        if (_lifetime <= TimeSpan.Zero
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || user.Identity?.IsAuthenticated != true
            || user.TryGetUserId() is not { } id
            || !CandidatePageGenerations.IsOnlyCandidate(user)
            || cookieName is null
            || !http.Request.Cookies.TryGetValue(cookieName, out var antiforgeryCookie)
            || string.IsNullOrEmpty(antiforgeryCookie)
            || http.Request.Cookies.ContainsKey(tempData.Value.Cookie.Name ?? ""))
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = _lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["candidate"] = string.Join(
            '|',
            id.ToString(CultureInfo.InvariantCulture),
            user.FindFirstValue(AccountSessions.StampClaim),
            generations.Shared.ToString(CultureInfo.InvariantCulture),
            generations.Of(id).ToString(CultureInfo.InvariantCulture),
            antiforgeryCookie);
        foreach (var routeKey in routeKeys)
        {
            if (http.Request.RouteValues.TryGetValue(routeKey, out var value) && value is not null)
            {
                var key = routeKey + ":" + Convert.ToString(value, CultureInfo.InvariantCulture);
                context.CacheVaryByRules.VaryByValues[routeKey] = key + "|" + generations.Of(key).ToString(CultureInfo.InvariantCulture);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !response.Headers.SetCookie.All(OnlyForgetsEmptyTempData))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether a Set-Cookie header only expires the TempData cookie, as MVC's cookie TempData provider does on every page
    /// that reads TempData and finds none. Replaying it from the cache is harmless: TempData is only ever set by a write,
    /// and a write moves the generations, so a kept page is never served over a message waiting to be shown. Any other
    /// cookie keeps the page out of the cache.
    /// </summary>
    private bool OnlyForgetsEmptyTempData(string? header) =>
        header is not null
        && header.StartsWith(tempData.Value.Cookie.Name + "=;", StringComparison.Ordinal)
        && header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npq.Core.Frameworks;
using Npq.Tests.Support;
using StackExchange.Redis;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// What a write costs Redis, counted rather than timed (Redis shares the site's cores, so every command a write sends
/// costs the site): the site on its own Redis, a candidate's video progress reports and evidence drafts, and Redis's
/// own count of the commands it ran meanwhile (<c>INFO commandstats</c>).
/// </summary>
[NonParallelizable]
public sealed class RedisCommandsPerWriteTests
{
    private const int Writes = 100;
    private const string Candidate = "candidate1@npq.example";

    private Process _redis = null!;
    private int _port;
    private NpqWebFactory _site = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _port = RedisServer.FreePort();
        _redis = RedisServer.StartOn(_port);
        _site = new NpqWebFactory(new Dictionary<string, string?> { ["Redis:Configuration"] = "127.0.0.1:" + _port, ["Redis:KeyPrefix"] = "cmds:" });
        _ = _site.Server;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _site.Dispose();
        _redis.Kill(entireProcessTree: true);
        _redis.WaitForExit(5000);
        _redis.Dispose();
    }

    /// <summary>Redis's count of the commands it has run, by name (less the INFO commands that read them).</summary>
    private async Task<Dictionary<string, long>> CommandsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port},allowAdmin=true");
        var info = await redis.GetServer("127.0.0.1", _port).InfoAsync("commandstats");
        return info.SelectMany(group => group)
            .Where(pair => pair.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(
                pair => pair.Key["cmdstat_".Length..],
                pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>The commands per write, by name, that <paramref name="write"/> run <see cref="Writes"/> times caused.</summary>
    private async Task<(double Total, string ByName)> PerWriteAsync(int together, Func<int, Task> write)
    {
        await write(0); // warm: the first write fills caches any later one finds
        await Task.Delay(200);
        var before = await CommandsAsync();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, together).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i <= Writes)
            {
                await write(i);
            }
        }));

        await Task.Delay(300); // fire-and-forget commands reach Redis
        var after = await CommandsAsync();
        // Less what the counting connection itself sends (its handshake, INFO, QUIT).
        var counted = after.Where(c => c.Key.Split('|')[0] is not ("info" or "hello" or "client" or "ping" or "echo" or "cluster" or "config" or "quit" or "command" or "subscribe"))
            .Select(c => (Name: c.Key, PerWrite: (c.Value - before.GetValueOrDefault(c.Key)) / (double)Writes))
            .Where(c => c.PerWrite > 0)
            .OrderByDescending(c => c.PerWrite)
            .ToList();
        var byName = string.Join(", ", counted.Select(c => $"{c.Name} {c.PerWrite:0.##}"));
        TestContext.Out.WriteLine($"{TestContext.CurrentContext.Test.Name}: {together} at a time: {counted.Sum(c => c.PerWrite):0.##} Redis commands per write: {byName}");
        return (counted.Sum(c => c.PerWrite), byName);
    }

    [TestCase(1)]
    [TestCase(8)]
    public async Task AVideoProgressReport_SendsRedisFewCommands(int together)
    {
        var client = await _site.SignedInClientAsync(Candidate);
        var (item, token) = await VideoItemAsync(client);

        var (total, byName) = await PerWriteAsync(together, async i =>
        {
            var start = i * 10 % 600;
            using var request = new HttpRequestMessage(HttpMethod.Post, item + "/progress")
            {
                Content = JsonContent.Create(new { position = start + 10, duration = 600, ranges = new[] { new[] { start, start + 10 } } }),
            };
            request.Headers.Add("X-CSRF-TOKEN", token);
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });

        // Two PUBLISHes a write before signals were coalesced (one as the response starts, one as it ends).
        Assert.That(total, Is.LessThan(1.5), byName);
    }

    [TestCase(1)]
    [TestCase(8)]
    public async Task AnEvidenceDraft_SendsRedisFewCommands(int together)
    {
        var client = await _site.SignedInClientAsync(Candidate);
        var token = await Forms.TokenFromAsync(client, "/evidence/new");

        var (total, byName) = await PerWriteAsync(together, async i =>
        {
            var response = await client.PostAsync("/evidence/new", new FormUrlEncodedContent(
            [
                new("Title", "Counted draft " + i), new("EvidenceDate", "2026-11-03"), new("Reflection", "Measured."), new("Intent", "draft"), new(Forms.TokenField, token),
            ]));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        });

        // Two PUBLISHes a write before signals were coalesced (one as the response starts, one as it ends).
        Assert.That(total, Is.LessThan(1.5), byName);
    }

    /// <summary>The first video item on the candidate's Learn pages, and the antiforgery token of its page.</summary>
    private static async Task<(string Url, string Token)> VideoItemAsync(HttpClient client)
    {
        var learn = await client.GetAsync("/learn");
        var cohorts = learn.StatusCode == HttpStatusCode.Redirect
            ? [learn.Headers.Location!.OriginalString]
            : (await Html.ReadAsync(learn)).QuerySelectorAll("a[href^='/learn/']").Select(a => a.GetAttribute("href")!).Where(h => h.Split('/').Length == 3).Distinct().ToList();
        foreach (var cohort in cohorts)
        {
            var page = await Html.ReadAsync(await client.GetAsync(cohort));
            foreach (var href in page.QuerySelectorAll("a[href*='/items/']").Select(a => a.GetAttribute("href")!).Distinct())
            {
                var item = await Html.ReadAsync(await client.GetAsync(href));
                if (item.QuerySelector("[data-video-progress]")?.GetAttribute("data-progress-url") is { } url)
                {
                    return (url[..^"/progress".Length], await Forms.TokenFromAsync(client, href));
                }
            }
        }

        throw new InvalidOperationException("The demo candidate has no video to watch");
    }
}

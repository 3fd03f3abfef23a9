using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure.Caching;
using Npq.Tests.Support;
using Npq.Web.Infrastructure.Caching;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// Two instances of the site in this process on one database and one Redis, as a provider runs several behind a load
/// balancer: what one instance changes or issues, the other honours at once. (The two-process test, with files, jobs
/// and a killed instance, is TwoInstancesTests.)
/// </summary>
public abstract class TwoInstancesInProcess
{
    protected NpqWebFactory A { get; private set; } = null!;

    protected NpqWebFactory B { get; private set; } = null!;

    /// <summary>Settings both instances share, beyond Redis's.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    [OneTimeSetUp]
    public void StartTwoInstances()
    {
        var settings = RedisServer.SettingsFor("shared-" + Guid.NewGuid().ToString("N")[..8]);
        Configure(settings);
        A = new NpqWebFactory(settings);
        _ = A.Server;
        B = new NpqWebFactory(new Dictionary<string, string?>(settings)
        {
            ["Database:SqlitePath"] = Path.Combine(A.WorkFolder, "npq.db"),
            ["Storage:Root"] = Path.Combine(A.WorkFolder, "files"),
            ["Seed:Demo"] = "false",
        });
        _ = B.Server;
    }

    [OneTimeTearDown]
    public void StopThem()
    {
        B.Dispose();
        A.Dispose();
    }

    protected static async Task<string> SignInCookieAsync(NpqWebFactory factory, string email)
    {
        var response = await RealSignIn.SignInAsync(factory.NewClient(), email, Npq.Web.Demo.DemoSeeder.DemoPassword);
        return RealSignIn.AuthCookie(response);
    }
}

/// <summary>What one instance changes or issues, the other honours at once.</summary>
public sealed class SharedStateTests : TwoInstancesInProcess
{
    [Test]
    public async Task ACookieIssuedByOne_WorksOnTheOther()
    {
        var cookie = await SignInCookieAsync(A, "candidate2@npq.example");

        var onB = await B.ClientWithCookie(cookie).GetAsync("/");

        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "B opens A's cookie: the Data Protection keys are shared");
        Assert.That(await onB.Content.ReadAsStringAsync(), Does.Contain("Ben Carter"));
    }

    [Test]
    public async Task SigningOutOnOne_IsRefusedOnTheOther_AtOnce()
    {
        var signedIn = await A.SignedInClientAsync("mentor@npq.example");
        var cookie = await SignInCookieAsync(A, "mentor@npq.example");
        var b = B.ClientWithCookie(cookie);
        Assert.That((await b.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "B knows the session (and now remembers it)");

        var signOut = await Forms.SubmitAsync(signedIn, "/account", "form[action='/account/sign-out']", new Dictionary<string, string>());
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        Assert.That(RealSignIn.IsSignInRedirect(await b.GetAsync("/account")), Is.True, "sign-out everywhere on A ends the session on B");
    }

    [Test]
    public async Task ARoleChangeOnOne_EndsTheSessionOnTheOther_AtOnce()
    {
        var users = A.Services.GetRequiredService<IUserRepository>();
        var person = (await users.FindByNormalizedEmailAsync("ASSESSOR2@NPQ.EXAMPLE"))!;
        var b = B.ClientWithCookie(await SignInCookieAsync(A, "assessor2@npq.example"));
        Assert.That((await b.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var admin = await A.SignedInClientAsync("admin@npq.example");

        var saved = await Forms.SubmitAsync(admin, $"/admin/users/{person.Id}", $"form[action='/admin/users/{person.Id}/roles']",
            new Dictionary<string, string> { ["Roles"] = Roles.Mentor });

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await users.GetRolesAsync(person.Id), Is.EqualTo(new[] { Roles.Mentor }));
        Assert.That(RealSignIn.IsSignInRedirect(await b.GetAsync("/account")), Is.True, "the role change on A ends the old session on B");
    }

    [Test]
    public async Task Readiness_AsksRedis()
    {
        var response = await B.NewClient().GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task AForgetOnOne_ReachesTheOthersCache_AndTheirCandidatePages()
    {
        var cacheA = A.Services.GetRequiredService<SharedCache>();
        var cacheB = B.Services.GetRequiredService<SharedCache>();
        var loads = 0;
        ValueTask<string> Load(int version, CancellationToken _) { loads++; return ValueTask.FromResult("v" + version); }
        var key = "test:" + Guid.NewGuid().ToString("N");
        Assert.That(await cacheB.GetOrLoadAsync(key, "tests", TimeSpan.FromMinutes(5), 1, Load), Is.EqualTo("v1"));
        Assert.That(await cacheB.GetOrLoadAsync(key, "tests", TimeSpan.FromMinutes(5), 2, Load), Is.EqualTo("v1"), "kept");
        var pagesB = B.Services.GetRequiredService<CandidatePageGenerations>();
        var (shared, candidate) = (pagesB.Shared, pagesB.Of(777));

        cacheA.Forget(key);
        A.Services.GetRequiredService<CandidatePageGenerations>().CandidateWrote(777);
        await WaitUntilAsync(() => pagesB.Of(777) != candidate);

        Assert.That(await cacheB.GetOrLoadAsync(key, "tests", TimeSpan.FromMinutes(5), 3, Load), Is.EqualTo("v3"), "B forgot A's key");
        Assert.That(pagesB.Of(777), Is.EqualTo(candidate + 1));
        Assert.That(pagesB.Shared, Is.EqualTo(shared), "a candidate's own write moves only their pages");
        Assert.That(loads, Is.EqualTo(2));

        // A post to a thread moves that thread's and its topic's pages on B too, and nothing else.
        var (thread, topic, other) = (pagesB.Of("threadId:41"), pagesB.Of("topicId:9"), pagesB.Of("threadId:42"));
        A.Services.GetRequiredService<CandidatePageGenerations>().Wrote("threadId:41", "topicId:9");
        await WaitUntilAsync(() => pagesB.Of("topicId:9") != topic);
        Assert.That((pagesB.Of("threadId:41"), pagesB.Of("topicId:9"), pagesB.Of("threadId:42")), Is.EqualTo((thread + 1, topic + 1, other)));
        Assert.That(pagesB.Shared, Is.EqualTo(shared));
    }

    [Test]
    public async Task ReportChoices_RememberedThroughRedis_AreForgottenOnTheOther_WhenOneAddsACohort()
    {
        var adminA = await A.SignedInClientAsync("admin@npq.example");
        var adminB = await B.SignedInClientAsync("admin@npq.example");
        async Task<string[]> OfferedAsync(HttpClient admin) =>
            [.. (await Html.ReadAsync(await admin.GetAsync("/reports/completion"))).QuerySelectorAll("#cohort option").Select(o => o.TextContent.Trim())];
        var courseId = (await A.Services.GetRequiredService<Npq.Data.Enrolment.OrganisationRepository>().GetCoursesAsync(
            (await A.Services.GetRequiredService<IUserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId!.Value))[0].Id;
        var name = "Shared choice " + Guid.NewGuid().ToString("N")[..6];

        var onA = await OfferedAsync(adminA);
        var onBFromRedis = await OfferedAsync(adminB);
        var created = await Forms.SubmitAsync(adminA, "/admin/cohorts/new", "form[action='/admin/cohorts/new']", new Dictionary<string, string>
        {
            ["Form.CourseId"] = courseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Name"] = name, ["Form.StartYear"] = "2027",
            ["Form.StartDate"] = "2027-01-10", ["Form.EndDate"] = "2028-06-30", ["Form.DeliveryModel"] = "Online", ["Form.TimeZone"] = "Europe/London",
            ["Form.Capacity"] = "30",
        });
        var onBAfter = await OfferedAsync(adminB);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(onA, Is.Not.Empty);
        Assert.That(onBFromRedis, Is.EqualTo(onA), "B offers what A kept");
        var kept = new Npq.Data.Reporting.ReportChoicesCache.Remembered(new Npq.Core.Reporting.ReportFilterChoices(
            [new() { Id = 1, Name = "Course" }], [new() { Id = 2, Name = "Partner" }], [new() { Id = 3, Name = "Cohort" }], true));
        var throughRedis = JsonSerializer.Deserialize<Npq.Data.Reporting.ReportChoicesCache.Remembered>(JsonSerializer.SerializeToUtf8Bytes(kept))!;
        Assert.That((throughRedis.Choices.Courses.Single(), throughRedis.Choices.Partners.Single(), throughRedis.Choices.Cohorts.Single(), throughRedis.Choices.MoreCohorts),
            Is.EqualTo((kept.Choices.Courses[0], kept.Choices.Partners[0], kept.Choices.Cohorts[0], true)), "what Redis holds (HybridCache writes JSON) reads back whole");
        Assert.That(onBAfter, Has.Some.Contains(name), "A's new cohort is offered on B at once");
    }

    [Test]
    public async Task SignalsSentTogether_TravelInOneMessage_AndEachReachesTheOther()
    {
        var pagesB = B.Services.GetRequiredService<CandidatePageGenerations>();
        var pagesA = A.Services.GetRequiredService<CandidatePageGenerations>();
        var candidates = Enumerable.Range(880, 5).ToList();
        var before = candidates.ToDictionary(c => c, pagesB.Of);
        var shared = pagesB.Shared;

        foreach (var candidate in candidates)
        {
            pagesA.CandidateWrote(candidate);
            pagesA.CandidateWrote(candidate); // as a write request does: when its response starts, and when it ends
        }

        pagesA.SomeoneElseWrote();
        await WaitUntilAsync(() => pagesB.Shared != shared && candidates.All(c => pagesB.Of(c) != before[c]));

        // Each arrived (from one batch, usually: how many commands that saves is RedisCommandsPerWriteTests's to count).
        Assert.That(candidates.Select(c => pagesB.Of(c) - before[c]), Is.All.InRange(1, 2));
        Assert.That(pagesB.Shared, Is.EqualTo(shared + 1));
    }

    /// <summary>Signals travel asynchronously; the test waits for this one (a page request takes longer than this).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(5);
        }
    }
}

/// <summary>The account rate limit, counted in Redis, holds across both instances.</summary>
public sealed class SharedRateLimitTests : TwoInstancesInProcess
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["RateLimiting:Account:PermitLimit"] = "4";

    [Test]
    public async Task TheRateLimit_CountsRequestsToBothInstances()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var factory in new[] { A, B, A, B, A })
        {
            var response = await RealSignIn.SignInAsync(factory.NewClient(), "nobody-" + statuses.Count + "@npq.example", "not the password at all");
            statuses.Add(response.StatusCode);
        }

        // Each sign-in form is one GET (not limited) and one POST; four POSTs are allowed across both instances.
        Assert.That(statuses.Take(4), Has.None.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(statuses[4], Is.EqualTo(HttpStatusCode.TooManyRequests), "the fifth attempt, on A, counts B's two");
    }
}

/// <summary>Redis down when an instance starts: it starts, and hears the others once Redis is up.</summary>
public sealed class RedisLateTests
{
    [Test]
    public async Task SignalsWork_OnceRedisComesUp_AfterTheInstanceStartedWithoutIt()
    {
        var port = RedisServer.FreePort();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:KeyPrefix"] = "late:" }).Build();
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{port},connectRetry=1,connectTimeout=500");
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new StackExchange.Redis.LinearRetry(200);
        using var early = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        var heard = new List<string>();
        RedisInstanceSignals listening = null!;
        Assert.DoesNotThrow(() => listening = new RedisInstanceSignals(early, configuration,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisInstanceSignals>.Instance), "Redis down at start must not stop the site");
        listening.Listen("topic", message => { lock (heard) { heard.Add(message); } });
        Assert.That(listening.Subscribed, Is.False);

        using var redis = RedisServer.StartOn(port);
        try
        {
            var until = DateTime.UtcNow.AddSeconds(20);
            while (!listening.Subscribed && DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }

            Assert.That(listening.Subscribed, Is.True, "subscribed once Redis was reachable");
            using var other = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
            var sender = new RedisInstanceSignals(other, configuration,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisInstanceSignals>.Instance);
            sender.SendAndWait("topic", "forget 7");
            await Task.Delay(200);
            lock (heard)
            {
                Assert.That(heard, Is.EqualTo(new[] { "forget 7" }), "heard once, not once per failed subscribe");
            }
        }
        finally
        {
            redis.Kill(entireProcessTree: true);
            redis.WaitForExit(5000);
        }
    }
}

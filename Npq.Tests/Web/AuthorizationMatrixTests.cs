using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Accounts;
using Npq.Web.Demo;

namespace Npq.Tests.Web;

/// <summary>
/// Every endpoint of the application, read from the endpoint data source (so endpoints added later are covered
/// without editing this test), asked by every kind of caller. Expectations come from each endpoint's metadata:
/// anonymous callers are sent to sign in unless the endpoint allows anonymous; role-restricted endpoints refuse
/// other roles with 403; unsafe methods without an antiforgery token get 400; a candidate asking for ids that are
/// not theirs never gets another person's page.
/// </summary>
public sealed class AuthorizationMatrixTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(new Dictionary<string, string?> { ["RateLimiting:Account:PermitLimit"] = "100000" });

    private const string Nonexistent = "999999";
    private static readonly string[] Unsafe = ["POST", "PUT", "PATCH", "DELETE"];

    private IReadOnlyList<EndpointCase> _endpoints = null!;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    [OneTimeSetUp]
    public async Task Start()
    {
        _endpoints = EndpointCase.All(Service<EndpointDataSource>());
        foreach (var account in DemoSeeder.Accounts)
        {
            _clients[account.Email] = await Factory.SignedInClientAsync(account.Email);
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    [Test]
    public void Endpoints_AreDiscovered_IncludingTheAccountAndAdminOnes()
    {
        var patterns = _endpoints.Select(e => e.Pattern).ToList();

        Assert.That(_endpoints, Has.Count.GreaterThan(20));

        Assert.That(patterns, Does.Contain("account/sign-in").And.Contain("admin/users/{id:int}/roles").And.Contain("admin/audit").And.Contain("/health"));
        Assert.That(_endpoints.Single(e => e.Pattern == "admin/users/{id:int}/roles").RoleSets.Single(), Does.Contain("ProviderAdmin"));
    }

    [Test]
    public void AdminEndpoints_AllRequireTheProviderAdminRole()
    {
        var admin = _endpoints.Where(e => e.Pattern.TrimStart('/').StartsWith("admin/", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.That(admin, Is.Not.Empty);
        Assert.That(admin.Where(e => e.AllowsAnonymous || !e.RoleSets.Any(set => set.SequenceEqual(["ProviderAdmin"]))).Select(e => e.Pattern), Is.Empty);
    }

    [Test]
    public void UnsafeEndpoints_NeverSwitchOffAntiforgery()
    {
        var explicitUnsafe = _endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => Unsafe.Contains(m)) == true);

        Assert.That(explicitUnsafe.Where(e => e.IgnoresAntiforgery).Select(e => e.Pattern), Is.Empty);
    }

    [Test]
    public async Task Anonymous_EveryEndpoint_IsSentToSignInUnlessItAllowsAnonymous()
    {
        using var anonymous = Factory.NewClient();
        var failures = new List<string>();
        foreach (var endpoint in _endpoints)
        {
            foreach (var method in endpoint.Methods)
            {
                var response = await SendAsync(anonymous, method, endpoint.Url(Nonexistent));
                var status = (int)response.StatusCode;
                if (!endpoint.AllowsAnonymous)
                {
                    if (!RealSignIn.IsSignInRedirect(response) && response.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        failures.Add($"{method} {endpoint.Pattern}: {status}, expected a redirect to sign in or 401");
                    }
                }
                else if (Unsafe.Contains(method) && !endpoint.IgnoresAntiforgery)
                {
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                    {
                        failures.Add($"{method} {endpoint.Pattern} without antiforgery token: {status}, expected 400");
                    }
                }
                else if (RealSignIn.IsSignInRedirect(response) || response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {endpoint.Pattern} allows anonymous but answered {status}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task SignedIn_RoleRestrictedEndpoints_Give403ToEveryoneWithoutTheRole()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in _endpoints.Where(e => e.RoleSets.Count > 0 && !e.AllowsAnonymous))
        {
            foreach (var account in DemoSeeder.Accounts.Where(a => !endpoint.Admits(a.Roles)))
            {
                foreach (var method in endpoint.Methods)
                {
                    checkedCount++;
                    var response = await SendAsync(_clients[account.Email], method, endpoint.Url(Nonexistent));
                    if (response.StatusCode != HttpStatusCode.Forbidden)
                    {
                        failures.Add($"{account.Email} {method} {endpoint.Pattern}: {(int)response.StatusCode}, expected 403");
                    }
                }
            }
        }

        Assert.That(checkedCount, Is.GreaterThan(0));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task SignedIn_UnsafeMethodsWithoutAntiforgeryToken_Give400()
    {
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => !e.IgnoresAntiforgery))
        {
            var account = DemoSeeder.Accounts.FirstOrDefault(a => endpoint.Admits(a.Roles));
            if (account is null)
            {
                continue;
            }

            foreach (var method in endpoint.Methods.Where(m => Unsafe.Contains(m)))
            {
                var response = await SendAsync(_clients[account.Email], method, endpoint.Url(Nonexistent));
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"{account.Email} {method} {endpoint.Pattern}: {(int)response.StatusCode}, expected 400");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Candidate_IdRoutesWithIdsThatDoNotExist_NeverAnswer200Or500()
    {
        var candidate = _clients["candidate1@npq.example"];
        var failures = new List<string>();
        foreach (var endpoint in _endpoints.Where(e => e.HasIdParameter && e.Methods.Contains("GET")))
        {
            var response = await candidate.GetAsync(endpoint.Url(Nonexistent));
            if (response.StatusCode == HttpStatusCode.OK || (int)response.StatusCode >= 500)
            {
                failures.Add($"GET {endpoint.Url(Nonexistent)}: {(int)response.StatusCode}, expected 403 or 404");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Candidate_IdRoutesWithOtherPeoplesIds_NeverShowThem()
    {
        var users = Service<UserRepository>();
        var other = (await users.FindByNormalizedEmailAsync("CANDIDATE2@NPQ.EXAMPLE"))!;
        var candidate = _clients["candidate1@npq.example"];
        var ids = new List<int>();
        foreach (var account in DemoSeeder.Accounts)
        {
            ids.Add((await users.FindByNormalizedEmailAsync(account.Email.ToUpperInvariant()))!.Id);
        }

        ids.AddRange(Enumerable.Range(1, 12));
        // Threads of a course-wide discussion space: candidates of the course's cohorts meet there by design (the demo's
        // candidates 1 and 2 are in its two cohorts), so candidate 2's posts are candidate 1's to read.
        IReadOnlySet<int> courseSpaceThreads;
        await using (var connection = await Service<Npq.Data.Infrastructure.IDbConnectionFactory>().OpenAsync())
        {
            courseSpaceThreads = (await Dapper.SqlMapper.QueryAsync<int>(connection,
                "SELECT th.Id FROM DiscussionThreads th JOIN DiscussionTopics t ON t.Id = th.TopicId WHERE t.CourseId IS NOT NULL")).ToHashSet();
        }

        Assert.That(courseSpaceThreads, Is.Not.Empty, "the demo's course-wide space has threads");
        var failures = new List<string>();
        var asked = 0;
        foreach (var endpoint in _endpoints.Where(e => e.HasIdParameter && e.Methods.Contains("GET")))
        {
            foreach (var id in ids.Distinct())
            {
                if (endpoint.Pattern.TrimStart('/').StartsWith("discussions/threads/", StringComparison.Ordinal) && courseSpaceThreads.Contains(id))
                {
                    continue;
                }

                asked++;
                var url = endpoint.Url(id.ToString(CultureInfo.InvariantCulture));
                var response = await candidate.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url}: {(int)response.StatusCode}");
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains(other.DisplayName, StringComparison.Ordinal) || body.Contains(other.Email, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"GET {url} showed candidate 2 to candidate 1");
                }
            }
        }

        Assert.That(asked, Is.GreaterThan(0));
        Assert.That(failures, Is.Empty);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return client.SendAsync(request);
    }

    /// <summary>What the endpoint's metadata says about who may call it.</summary>
    private sealed record EndpointCase(RouteEndpoint Endpoint, IReadOnlyList<string> Methods, bool AllowsAnonymous, IReadOnlyList<string[]> RoleSets, bool IgnoresAntiforgery)
    {
        public string Pattern => Endpoint.RoutePattern.RawText ?? string.Empty;

        public bool HasIdParameter => Endpoint.RoutePattern.Parameters.Any(p =>
            p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase) || p.ParameterPolicies.Any(policy => policy.Content is "int" or "long" or "guid"));

        /// <summary>True when someone holding <paramref name="roles"/> satisfies every [Authorize(Roles = …)].</summary>
        public bool Admits(IReadOnlyList<string> roles) => RoleSets.All(set => set.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)));

        public string Url(string value)
        {
            var path = new StringBuilder();
            foreach (var segment in Endpoint.RoutePattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(policy => policy.Content == "guid") =>
                            GuidFor(value),
                        RoutePatternParameterPart => value,
                        _ => string.Empty,
                    });
                }
            }

            return path.Length == 0 ? "/" : path.ToString();
        }

        /// <summary>A guid-shaped id built from the numeric one, so guid-constrained routes match and still name nothing real.</summary>
        private static string GuidFor(string value) =>
            new Guid(int.TryParse(value, out var number) ? number : 0, 0, 0, new byte[8]).ToString();

        public static IReadOnlyList<EndpointCase> All(EndpointDataSource source) =>
            source.Endpoints.OfType<RouteEndpoint>()
                .Select(e =>
                {
                    var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Where(m => m is not ("HEAD" or "OPTIONS")).ToList();
                    var roleSets = e.Metadata.GetOrderedMetadata<IAuthorizeData>()
                        .Where(a => !string.IsNullOrWhiteSpace(a.Roles))
                        .Select(a => a.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        .ToList();
                    var antiforgery = e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Mvc.ViewFeatures.IAntiforgeryPolicy>().LastOrDefault();
                    return new EndpointCase(
                        e,
                        methods is { Count: > 0 } ? methods : ["GET"],
                        e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                        roleSets,
                        antiforgery is IgnoreAntiforgeryTokenAttribute);
                })
                .OrderBy(e => e.Pattern, StringComparer.Ordinal)
                .ToList();
    }
}

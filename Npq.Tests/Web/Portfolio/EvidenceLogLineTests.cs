using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Frameworks;
using Npq.Data.Accounts;

namespace Npq.Tests.Web.Portfolio;

/// <summary>A save writes one log line, the request's own, which names the item it created.</summary>
public sealed class EvidenceLogLineTests
{
    [Test]
    public async Task Create_NamesTheNewItemOnTheRequestsOwnLogLine_WithNoSecondLine()
    {
        using var factory = new NpqWebFactory(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
            services => services.AddTestAuthentication());
        using var client = factory.ClientFor(PortfolioFixture.Amira);
        var statement = factory.Services.GetRequiredService<IFrameworkCatalog>().Find("npqsl")!.Areas[0].AllStatements.First();
        var amira = (await factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync(PortfolioFixture.Amira.ToUpperInvariant()))!.Id;

        var response = await Forms.SubmitAsync(client, "/evidence/new", "#evidence-form", new Dictionary<string, string>
        {
            ["Title"] = "Logged once", ["EvidenceDate"] = "2026-11-03", ["Reflection"] = "Private reflection", ["StatementIds"] = statement.Id, ["Intent"] = "record",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var id = response.Headers.Location!.OriginalString.Split('/').Last();
        var lines = await LogFiles.WaitForLineAsync(factory.LogFolder, l => l.Contains($"\"EvidenceId\":{id},"));

        var saves = lines.Where(l => l.Contains($"\"EvidenceId\":{id},")).ToList();
        Assert.That(saves, Has.Count.EqualTo(1), string.Join("\n", lines.Where(l => l.Contains("/evidence/new"))));
        var line = JsonDocument.Parse(saves[0]).RootElement;
        Assert.That(line.GetProperty("RequestMethod").GetString(), Is.EqualTo("POST"));
        Assert.That(line.GetProperty("RequestPath").GetString(), Is.EqualTo("/evidence/new"));
        Assert.That(line.GetProperty("StatusCode").GetInt32(), Is.EqualTo(302));
        Assert.That(line.GetProperty("EvidenceAction").GetString(), Is.EqualTo("created"));
        Assert.That(line.GetProperty("CandidateId").GetInt32(), Is.EqualTo(amira));
        Assert.That(saves[0], Does.Not.Contain("Logged once").And.Not.Contain("Private reflection"), "the candidate's text stays out of the log");
    }
}

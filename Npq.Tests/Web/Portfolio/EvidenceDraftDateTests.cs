using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;

namespace Npq.Tests.Web.Portfolio;

/// <summary>A draft saved before any date was typed is dated today where the candidate's cohort is, not in UTC.</summary>
public sealed class EvidenceDraftDateTests : WebFixture
{
    // 21:30 UTC on 23 November is already 01:30 on the 24th in Dubai, where Amira's cohort is.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 21, 30, 0, TimeSpan.Zero));
    protected override NpqWebFactory CreateFactory() => new(configureServices: s =>
    {
        s.AddTestAuthentication();
        s.AddSingleton<TimeProvider>(_time);
    });

    [Test]
    public async Task AutosaveOfANewDraftWithoutADate_IsDatedTodayInTheCohortsZone()
    {
        using var client = Factory.ClientFor(PortfolioFixture.Amira);
        var token = await Forms.TokenFromAsync(client, "/evidence/new");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/evidence/draft")
        {
            Content = new FormUrlEncodedContent([new("Reflection", "Typed before a date")]),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);

        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var item = await Service<EvidenceRepository>().GetAsync(id);
        var amira = await Service<UserRepository>().FindByNormalizedEmailAsync(PortfolioFixture.Amira.ToUpperInvariant());

        Assert.That(item!.CandidateUserId, Is.EqualTo(amira!.Id));
        Assert.That(item.EvidenceDate, Is.EqualTo(new DateOnly(2026, 11, 24)));
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>Applying without an account: one is made on the way and the person is signed in with the site's cookie.</summary>
public sealed class AccountOnTheWayTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new();

    private async Task<int> InternationalCohortAsync() =>
        (await Service<CohortRepository>().GetOpenAsync(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc)))
            .Single(c => c.Cohort.Name.StartsWith("NPQSL International", StringComparison.Ordinal)).Cohort.Id;

    private static Dictionary<string, string> Form(string email, string password) => new()
    {
        ["Form.DisplayName"] = "Nadia Karim", ["Form.Email"] = email, ["Form.Password"] = password,
        ["Form.SchoolName"] = "Doha British School", ["Form.Role"] = "Deputy head", ["Form.Qualification"] = "InternationalEquivalent",
        ["Form.QualificationGainedOn"] = "2012-06-30", ["Form.YearsTeachingSince"] = "11", ["Form.FundingRoute"] = "Trust",
    };

    [Test]
    public async Task Apply_Anonymous_CreatesACandidateAccountSignsInAndShowsTheApplication()
    {
        var cohort = await InternationalCohortAsync();
        using var client = Factory.NewClient();
        var email = $"nadia-{Guid.NewGuid():N}@school.example";

        var response = await Forms.SubmitAsync(client, $"/cohorts/{cohort}/apply", "form.apply-form", Form(email, "a long enough passphrase"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.GetValues("Set-Cookie"), Has.Some.StartsWith("npq.auth="));
        var users = Service<UserRepository>();
        var user = (await users.FindByNormalizedEmailAsync(email.ToUpperInvariant()))!;
        Assert.That(await users.GetRolesAsync(user.Id), Is.EqualTo(new[] { Roles.Candidate }));
        Assert.That(user.PasswordHash, Is.Not.Null.And.Not.Contain("a long enough passphrase"));
        Assert.That((await Service<ApplicationRepository>().GetForApplicantAsync(user.Id)).Single().Application.CohortId, Is.EqualTo(cohort));

        var mine = await Html.ReadAsync(await client.GetAsync(response.Headers.Location));
        Assert.That(mine.QuerySelector("h1").Text(), Does.Contain("Your application"));
    }

    [Test]
    public async Task Apply_AnonymousShortPasswordOrTakenEmail_ShowsFieldErrorsAndCreatesNothing()
    {
        var cohort = await InternationalCohortAsync();
        using var client = Factory.NewClient();
        var email = $"short-{Guid.NewGuid():N}@school.example";

        var shortPassword = await Html.ReadAsync(await Forms.SubmitAsync(client, $"/cohorts/{cohort}/apply", "form.apply-form", Form(email, "too short")));
        var taken = await Html.ReadAsync(await Forms.SubmitAsync(client, $"/cohorts/{cohort}/apply", "form.apply-form", Form("candidate1@npq.example", "a long enough passphrase")));

        Assert.That(shortPassword.QuerySelector("span[data-valmsg-for='Form.Password']").Text(), Does.Contain("at least 12 characters"));
        Assert.That(taken.QuerySelector("span[data-valmsg-for='Form.Email']").Text(), Does.Contain("already uses this email"));
        Assert.That(await Service<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()), Is.Null);
    }

    [Test]
    public async Task PublicCohortsPage_ShowsPlacesLeftAndTheWaitingListChoice()
    {
        using var client = Factory.NewClient();

        var page = await Html.ReadAsync(await client.GetAsync("/cohorts"));
        var cards = page.QuerySelectorAll(".cohorts .card").Select(c => c.Text()).ToList();

        Assert.That(cards, Has.Some.Contains("5 of 66 places remain"));
        Assert.That(cards, Has.Some.Contains("1 of 24 places remains"));
        Assert.That(page.QuerySelectorAll("a[href='/frameworks/npqsl']"), Is.Not.Empty, "NPQSL has framework content");
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>Applying without an account: one is made on the way and the person is signed in with the site's cookie.</summary>
public sealed class AccountOnTheWayTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new();

    private async Task<int> InternationalCohortAsync() =>
        (await Service<CohortRepository>().GetOpenPageAsync(OpenCohortFilter.All, new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), 0, 100)).Rows
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

    [Test]
    public async Task PublicCohortsPage_NarrowsByWhereAndDelivery_KeepsTheChoice_AndIgnoresValuesNotOffered()
    {
        using var client = Factory.NewClient();

        var all = await Html.ReadAsync(await client.GetAsync("/cohorts"));
        var international = await Html.ReadAsync(await client.GetAsync("/cohorts?where=international"));
        var uk = await Html.ReadAsync(await client.GetAsync("/cohorts?where=uk"));
        var nonsense = await client.GetAsync("/cohorts?where=mars&delivery=Teleport&course=%27%3B--&page=-3&size=7");

        static List<string> Cards(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".cohorts .card").Select(c => c.Text()).ToList();
        Assert.That(Cards(international), Is.Not.Empty.And.All.Contains(", international"));
        Assert.That(Cards(uk), Is.Not.Empty.And.All.Contains(", UK"));
        Assert.That(Cards(international).Count + Cards(uk).Count, Is.EqualTo(Cards(all).Count));
        Assert.That(international.QuerySelector("#where option[selected]")!.GetAttribute("value"), Is.EqualTo("international"));
        Assert.That(all.QuerySelector(".pager-status")!.Text(), Does.Contain($"of {Cards(all).Count}"));
        Assert.That(nonsense.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var course = await Html.ReadAsync(nonsense);
        Assert.That(Cards(course), Is.Empty, "a course nobody offers matches no cohort");
        Assert.That(course.QuerySelector("main")!.Text(), Does.Contain("No open cohort matches these choices."));
    }
}

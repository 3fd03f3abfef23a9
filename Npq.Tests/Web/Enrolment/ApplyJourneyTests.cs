using System.Net;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>The applicant's journey: the price before submitting, field errors, submitting, seeing the decision.</summary>
public sealed class ApplyJourneyTests : EnrolmentWebFixture
{
    private static Dictionary<string, string> ValidForm(string route = "School", string years = "6") => Fields(
        ("Form.SchoolName", "Al Noor British School"), ("Form.Role", "Head of secondary"), ("Form.Qualification", "Qts"),
        ("Form.QualificationGainedOn", "2015-07-01"), ("Form.YearsTeachingSince", years), ("Form.FundingRoute", route),
        ("Form.Trn", " 1234567 "), ("Form.DfeApplicationId", "db3a7848-7308-4879-942a-c4a70ced400a"));

    [Test]
    public async Task ApplyPage_ShowsThePriceWithAndWithoutVatBeforeSubmitting()
    {
        var cohort = await CohortNamedAsync("NPQSL International");
        using var client = Factory.ClientFor("candidate2@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync($"/cohorts/{cohort.Cohort.Id}/apply"));

        Assert.That(page.QuerySelector("#price-organisation").Text(), Does.Contain("£1,550.00"));
        Assert.That(page.QuerySelector("#price-self").Text(), Does.Contain("£310.00").And.Contain("£1,860.00").And.Contain("20%"));
        Assert.That(page.QuerySelector("input[name='Form.Password']"), Is.Null, "a signed-in applicant is not asked for an account");
    }

    [Test]
    public async Task Apply_BadDateAndMissingRole_ShowsMessagesByTheFieldsAndKeepsWhatWasTyped()
    {
        var cohort = await NewCohortAsync(5);
        using var client = Factory.ClientFor("candidate2@npq.example");
        var form = ValidForm();
        form["Form.QualificationGainedOn"] = "2015-13-45";
        form["Form.Role"] = "";

        var response = await Forms.SubmitAsync(client, $"/cohorts/{cohort}/apply", "form.apply-form", form);
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("span[data-valmsg-for='Form.QualificationGainedOn']").Text(), Is.Not.Empty);
        Assert.That(page.QuerySelector("span[data-valmsg-for='Form.Role']").Text(), Does.Contain("Enter your role"));
        Assert.That(page.QuerySelector(".error-summary a[href='#Form_Role']"), Is.Not.Null);
        Assert.That(page.QuerySelector("#Form_SchoolName")!.GetAttribute("value"), Is.EqualTo("Al Noor British School"));
        var candidate = await UserIdAsync("candidate2@npq.example");
        Assert.That((await Service<ApplicationRepository>().GetForApplicantAsync(candidate)).Where(a => a.Application.CohortId == cohort), Is.Empty);
    }

    [Test]
    public async Task Apply_SelfFundedWithOneYear_IsStoredFlaggedWithVatAndTheApplicantSeesIt()
    {
        var cohort = await NewCohortAsync(5);
        using var client = Factory.ClientFor("candidate1@npq.example");

        var response = await Forms.SubmitAsync(client, $"/cohorts/{cohort}/apply", "form.apply-form", ValidForm("Self", "1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.Match(@"^/my/applications/\d+$"));
        var page = await Html.ReadAsync(await client.GetAsync(location));
        Assert.That(page.Body.Text(), Does.Contain("Waiting for a decision").And.Contain("two full years").And.Contain("£1,860.00"));
        var stored = (await Service<ApplicationRepository>().GetAsync(int.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)))!.Application;
        Assert.That(stored.IsEligible, Is.False);
        Assert.That(stored.VatPence, Is.EqualTo(31_000));
        Assert.That(stored.Trn, Is.EqualTo("1234567"));

        var again = await client.GetAsync($"/cohorts/{cohort}/apply");
        Assert.That(again.Headers.Location?.ToString(), Is.EqualTo(location), "one open application per cohort");
    }

    [Test]
    public async Task Rejection_TheApplicantReadsTheReason()
    {
        var cohort = await NewCohortAsync(5);
        var email = $"rejected-{Guid.NewGuid():N}@test.example";
        var id = await NewApplicationAsync(cohort, email);
        using var admin = Factory.ClientFor("admin@npq.example");

        var empty = await Forms.SubmitAsync(admin, $"/admin/applications/{id}", $"form[action='/admin/applications/{id}/reject']", Fields(("reason", "  ")));
        Assert.That((await Html.ReadAsync(empty)).Body.Text(), Does.Contain("Enter the reason: the applicant reads it."));
        Assert.That((await Service<ApplicationRepository>().GetAsync(id))!.Application.Status, Is.EqualTo(ApplicationStatus.Pending));

        var rejected = await Forms.SubmitAsync(admin, $"/admin/applications/{id}", $"form[action='/admin/applications/{id}/reject']",
            Fields(("reason", "This cohort is for schools in the Gulf; the UK cohort suits you better.")));
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var applicant = Factory.ClientFor(email);
        var page = await Html.ReadAsync(await applicant.GetAsync($"/my/applications/{id}"));
        Assert.That(page.Body.Text(), Does.Contain("Not accepted").And.Contain("the UK cohort suits you better"));
        var notifications = await Html.ReadAsync(await applicant.GetAsync("/notifications"));
        Assert.That(notifications.QuerySelector($".notifications a[href='/my/applications/{id}']").Text(), Does.Contain("was rejected"));
    }

    [Test]
    public async Task Application_AnotherCandidatesById_IsNotFound()
    {
        var cohort = await NewCohortAsync(5);
        var id = await NewApplicationAsync(cohort);
        using var candidate = Factory.ClientFor("candidate1@npq.example");

        var read = await candidate.GetAsync($"/my/applications/{id}");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var token = await Forms.TokenFromAsync(candidate, $"/cohorts/{cohort}/apply");
        var post = await candidate.PostAsync($"/my/applications/{id}/withdraw", new FormUrlEncodedContent([new(Forms.TokenField, token)]));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Service<ApplicationRepository>().GetAsync(id))!.Application.Status, Is.EqualTo(ApplicationStatus.Pending));
    }

    [Test]
    public async Task AdminPages_ForACandidate_AreForbidden()
    {
        using var candidate = Factory.ClientFor("candidate1@npq.example");

        foreach (var path in new[] { "/admin/applications", "/admin/cohorts", "/admin/courses", "/admin/imports" })
        {
            Assert.That((await candidate.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
        }
    }

    [Test]
    public async Task MyApplications_Anonymous_IsSentToSignIn()
    {
        using var anonymous = Factory.NewClient();

        var response = await anonymous.GetAsync("/my/applications");

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect));
    }
}

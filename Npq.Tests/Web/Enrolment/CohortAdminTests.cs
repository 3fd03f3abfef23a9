using System.Net;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

public sealed class CohortAdminTests : EnrolmentWebFixture
{
    private static Dictionary<string, string> CohortForm(int courseId, string name, string zone = "Asia/Dubai") => Fields(
        ("Form.CourseId", courseId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Form.Name", name), ("Form.StartYear", "2027"), ("Form.Suffix", "a"),
        ("Form.StartDate", "2027-01-10"), ("Form.EndDate", "2028-06-30"), ("Form.DeliveryModel", "Blended"), ("Form.TimeZone", zone),
        ("Form.Capacity", "30"), ("Form.Events", "2027-02-13 | Day one | Doha hall\n2027-05-15 | Day two"), ("Form.Venues", "Doha hall"));

    [Test]
    public async Task NewCohort_UnknownZoneAndEventOutsideDates_ShowsFieldErrorsAndKeepsTheInput()
    {
        var course = (await CohortNamedAsync("NPQSL Autumn 2026")).Course.Id;
        using var admin = Factory.ClientFor("admin@npq.example");
        var form = CohortForm(course, "Doha spring", "Mars/Olympus");
        form["Form.Events"] = "2026-01-01 | Too early\nnot a date";

        var page = await Html.ReadAsync(await Forms.SubmitAsync(admin, "/admin/cohorts/new", "form[action='/admin/cohorts/new']", form));

        Assert.That(page.QuerySelector("span[data-valmsg-for='Form.TimeZone']").Text(), Does.Contain("not a time zone we know"));
        Assert.That(page.QuerySelector("span[data-valmsg-for='Form.Events']").Text(), Does.Contain("Line 1").Or.Contain("Line 2"));
        Assert.That(page.QuerySelector("#Form_Name")!.GetAttribute("value"), Is.EqualTo("Doha spring"));
    }

    [Test]
    public async Task NewCohort_Valid_IsCreatedWithItsEventsAndShowsOnTheList()
    {
        var course = (await CohortNamedAsync("NPQSL Autumn 2026")).Course.Id;
        using var admin = Factory.ClientFor("admin@npq.example");
        var name = "Doha " + Guid.NewGuid().ToString("N")[..6];

        var response = await Forms.SubmitAsync(admin, "/admin/cohorts/new", "form[action='/admin/cohorts/new']", CohortForm(course, name));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var detail = await Html.ReadAsync(await admin.GetAsync(response.Headers.Location));
        Assert.That(detail.QuerySelector("h1").Text(), Is.EqualTo(name));
        Assert.That(detail.Body.Text(), Does.Contain("30 of 30 places remain").And.Contain("2027a").And.Contain("Day one").And.Contain("Dubai time"));
        var id = int.Parse(response.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((await Service<CohortRepository>().GetExtrasAsync(id)).Events.Select(e => e.EventDate), Is.EqualTo(new[] { new DateOnly(2027, 2, 13), new DateOnly(2027, 5, 15) }));
    }

    [Test]
    public async Task NewCohort_IsOfferedAtOnceByTheCompletionReportsCohortFilter()
    {
        var course = (await CohortNamedAsync("NPQSL Autumn 2026")).Course.Id;
        using var admin = Factory.ClientFor("admin@npq.example");
        var name = "Report choice " + Guid.NewGuid().ToString("N")[..6];
        async Task<string[]> OfferedAsync() =>
            [.. (await Html.ReadAsync(await admin.GetAsync("/reports/completion"))).QuerySelectorAll("#cohort option").Select(o => o.TextContent.Trim())];

        var before = await OfferedAsync();
        var rememberedBefore = await OfferedAsync();
        var response = await Forms.SubmitAsync(admin, "/admin/cohorts/new", "form[action='/admin/cohorts/new']", CohortForm(course, name));
        var after = await OfferedAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(before, Is.Not.Empty.And.EqualTo(rememberedBefore));
        Assert.That(before, Has.None.Contains(name));
        Assert.That(after, Has.Some.Contains(name), "the remembered choices are forgotten when a cohort is added");
    }

    [Test]
    public async Task EditCohort_CapacityBelowPlacesTaken_IsRefused()
    {
        var cohort = await CohortNamedAsync("NPQSL International");
        using var admin = Factory.ClientFor("admin@npq.example");

        var page = await Html.ReadAsync(await Forms.SubmitAsync(admin, $"/admin/cohorts/{cohort.Cohort.Id}/edit", "main form", Fields(("Form.Capacity", "3"))));

        Assert.That(page.QuerySelector("span[data-valmsg-for='Form.Capacity']").Text(), Does.Contain("61 places are already taken"));
        Assert.That((await Service<CohortRepository>().GetSummaryAsync(cohort.Cohort.Id))!.Cohort.Capacity, Is.EqualTo(66));
    }

    [Test]
    public async Task CohortForm_OffersTheCohortsOwnFacilitators_AnotherIsAddedByEmail_AndAnUnknownAddressIsExplained()
    {
        var course = (await CohortNamedAsync("NPQSL Autumn 2026")).Course.Id;
        var now = DateTime.UtcNow;
        var elsewhere = await Service<OrganisationRepository>().EnsureProviderAsync("Facilitators Elsewhere Partnership", now);
        var users = Service<UserRepository>();
        var outsider = new AppUser { Email = "facilitator@elsewhere.example", NormalizedEmail = "FACILITATOR@ELSEWHERE.EXAMPLE", DisplayName = "Ola Outsider", ProviderId = elsewhere, CreatedUtc = now };
        outsider.Id = await users.CreateAsync(outsider);
        await users.AddToRoleAsync(outsider.Id, Roles.Mentor);
        var priya = (await users.FindByNormalizedEmailAsync("MENTOR@NPQ.EXAMPLE"))!.Id;
        var daniel = (await users.FindByNormalizedEmailAsync("DANIEL.REYES@DEMO.NPQ.EXAMPLE"))!.Id;
        using var admin = Factory.ClientFor("admin@npq.example");
        static List<string> Offered(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("input[name='Form.FacilitatorUserIds']").Select(i => page.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim()).ToList();

        var blank = await Html.ReadAsync(await admin.GetAsync("/admin/cohorts/new"));
        var form = CohortForm(course, "Facilitated " + Guid.NewGuid().ToString("N")[..6]);
        form["Form.FacilitatorEmails"] = " MENTOR@npq.example ";
        var created = await Forms.SubmitAsync(admin, "/admin/cohorts/new", "form[action='/admin/cohorts/new']", form);
        var id = int.Parse(created.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var edit = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{id}/edit"));
        var unknown = await Forms.SubmitAsync(admin, $"/admin/cohorts/{id}/edit", "main form",
            Fields(("Form.FacilitatorEmails", "nobody-at-all@npq.example\nfacilitator@elsewhere.example"), ("Form.Venues", "Changed hall")));
        var unknownPage = await Html.ReadAsync(unknown);
        var forged = await Forms.SubmitAsync(admin, $"/admin/cohorts/{id}/edit", "main form",
            Fields(("Form.FacilitatorUserIds", outsider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var forgedPage = await Html.ReadAsync(forged);
        var added = await Forms.SubmitAsync(admin, $"/admin/cohorts/{id}/edit", "main form", Fields(("Form.FacilitatorEmails", "daniel.reyes@demo.npq.example")));
        var both = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{id}/edit"));

        Assert.That(Offered(blank), Is.Empty, "a new cohort lists no mentors: the provider's whole list is not offered");
        Assert.That(blank.QuerySelector("textarea#Form_FacilitatorEmails"), Is.Not.Null);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(Offered(edit), Is.EqualTo(new[] { "Priya Shah" }), "the cohort's own facilitator only, ticked");
        Assert.That(edit.QuerySelector($"input#facilitator-{priya}")!.HasAttribute("checked"), Is.True);
        Assert.That(unknownPage.QuerySelector("span[data-valmsg-for='Form.FacilitatorEmails']").Text(),
            Does.Contain("None of your active mentors has these email addresses: nobody-at-all@npq.example, facilitator@elsewhere.example."));
        Assert.That(unknownPage.QuerySelector("textarea#Form_FacilitatorEmails")!.TextContent, Does.Contain("facilitator@elsewhere.example"), "what was typed is kept");
        Assert.That((await Service<CohortRepository>().GetExtrasAsync(id)).Venues, Is.EqualTo(new[] { "Doha hall" }), "nothing saved");
        Assert.That(forgedPage.QuerySelector("span[data-valmsg-for='Form.FacilitatorUserIds']").Text(), Does.Contain("Choose facilitators from the list."),
            "another provider's mentor's id is refused");
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<CohortRepository>().GetExtrasAsync(id)).FacilitatorUserIds, Is.EquivalentTo(new[] { priya, daniel }));
        Assert.That(Offered(both), Is.EquivalentTo(new[] { "Priya Shah", "Daniel Reyes" }));
    }

    [Test]
    public async Task Courses_AddAnyNpqAndOnlyThoseWithContentLinkToTheirFramework()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        var bad = await Html.ReadAsync(await Forms.SubmitAsync(admin, "/admin/courses/new", "main form", Fields(("Form.Identifier", "npq-headship"), ("Form.Price", "12.345"))));
        var added = await Forms.SubmitAsync(admin, "/admin/courses/new", "main form", Fields(("Form.Identifier", "npq-headship"), ("Form.Price", "1,650.00"), ("Form.FrameworkCode", "npqh")));
        var duplicate = await Html.ReadAsync(await Forms.SubmitAsync(admin, "/admin/courses/new", "main form", Fields(("Form.Identifier", "npq-headship"), ("Form.Price", "1"))));
        var list = await Html.ReadAsync(await admin.GetAsync("/admin/courses"));

        Assert.That(bad.QuerySelector("span[data-valmsg-for='Form.Price']").Text(), Does.Contain("Enter the price in pounds"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(duplicate.QuerySelector("span[data-valmsg-for='Form.Identifier']").Text(), Does.Contain("You already run NPQH"));
        var headship = list.QuerySelectorAll("tbody tr").Single(r => r.Text().Contains("NPQH", StringComparison.Ordinal));
        Assert.That(headship.Text(), Does.Contain("£1,650.00").And.Contain("npqh (no content yet)"));
        Assert.That(headship.QuerySelector("a[href^='/frameworks']"), Is.Null);
        Assert.That(list.QuerySelector("a[href='/frameworks/npqsl']"), Is.Not.Null);
    }
}

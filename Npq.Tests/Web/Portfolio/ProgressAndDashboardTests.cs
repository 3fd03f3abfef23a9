using System.Net;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Data.Notifications;
using Npq.Data.Portfolio;
using Npq.Web.Demo;

namespace Npq.Tests.Web.Portfolio;

public sealed class ProgressAndDashboardTests : PortfolioFixture
{
    private Dictionary<string, string> FullRatings(string narrative)
    {
        var values = Service<IFrameworkCatalog>().Find("npqsl")!.Areas.ToDictionary(a => $"Ratings[{a.Slug}]", _ => "Developing");
        values["Narrative"] = narrative;
        values["NextSteps"] = "Keep going.";
        return values;
    }

    [Test]
    public async Task Mentor_WritesAnUpdate_TheCandidateIsToldAndTheHeadteacherReadsIt()
    {
        using var mentor = Factory.ClientFor(Mentor);
        var ben = await IdOf(Ben);

        var response = await Forms.SubmitAsync(mentor, $"/progress/new?candidate={ben}", "#progress-form", FullRatings("Ben's curriculum plan is much sharper."));
        var benPage = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync("/progress"));
        var headPage = await Html.ReadAsync(await Factory.ClientFor(Head).GetAsync($"/progress?candidate={ben}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(benPage.QuerySelector(".progress-update .user-text").Text(), Is.EqualTo("Ben's curriculum plan is much sharper."));
        Assert.That(benPage.QuerySelector(".ratings tbody").Text(), Does.Contain("Developing"));
        Assert.That(headPage.QuerySelector(".progress-update .user-text").Text(), Is.EqualTo("Ben's curriculum plan is much sharper."));
        Assert.That(headPage.QuerySelector("a[href$='/edit']"), Is.Null, "read only for the headteacher");
        Assert.That(await NotificationTitlesOf(Ben), Has.Some.EqualTo("Your mentor wrote a progress update"));
        var headNotice = (await Service<NotificationRepository>().GetForUserAsync(await IdOf(Head), 100)).FirstOrDefault(n => n.Title == "Ben Carter's mentor wrote a progress update");
        Assert.That(headNotice?.Link, Does.StartWith($"/progress?candidate={ben}#update-"), "the headteacher of Ben's school is told, with a link to the update");
        Assert.That(await NotificationTitlesOf(Amira), Has.None.Contains("Ben Carter"), "no one outside Ben's school hears of it");
        Assert.That((await Factory.ClientFor(Head).GetAsync($"/progress/new?candidate={ben}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Factory.ClientFor(Head).GetAsync($"/progress?candidate={await IdOf(Amira)}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Factory.ClientFor(Ben).GetAsync($"/progress?candidate={await IdOf(Amira)}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Update_WithoutEveryRating_IsExplainedAndKeepsTheText()
    {
        using var mentor = Factory.ClientFor(Mentor);

        var response = await Forms.SubmitAsync(mentor, $"/progress/new?candidate={await IdOf(Amira)}", "#progress-form",
            new Dictionary<string, string> { ["Narrative"] = "Typed narrative", ["NextSteps"] = "" });
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("#NextSteps-error").Text(), Does.Contain("next steps"));
        Assert.That(page.QuerySelector("textarea#Narrative").Text(), Is.EqualTo("Typed narrative"));
    }

    [Test]
    public async Task SameUpdate_SavedByTwoPeople_OneWinsTheOtherIsToldAndLosesNothingTyped()
    {
        var amira = await IdOf(Amira);
        var updateId = (await Service<ProgressRepository>().GetForCandidateAsync(amira))[0].Id;
        using var mentor = Factory.ClientFor(Mentor);
        using var admin = Factory.ClientFor(Admin);
        var mentorForm = await Html.ReadAsync(await mentor.GetAsync($"/progress/{updateId}/edit"));
        var adminForm = await Html.ReadAsync(await admin.GetAsync($"/progress/{updateId}/edit"));

        async Task<HttpResponseMessage> Save(HttpClient client, AngleSharp.Dom.IDocument form, string narrative)
        {
            var fields = form.QuerySelectorAll("#progress-form input[type=radio]:checked").Select(r => new KeyValuePair<string, string>(r.GetAttribute("name")!, r.GetAttribute("value")!)).ToList();
            fields.Add(new(Forms.TokenField, form.QuerySelector($"input[name={Forms.TokenField}]")!.GetAttribute("value")!));
            fields.Add(new("Version", form.QuerySelector("input[name=Version]")!.GetAttribute("value")!));
            fields.Add(new("Narrative", narrative));
            fields.Add(new("NextSteps", "Next"));
            return await client.PostAsync($"/progress/{updateId}/edit", new FormUrlEncodedContent(fields));
        }

        var first = await Save(mentor, mentorForm, "The mentor's revision");
        var second = await Save(admin, adminForm, "The admin's long revision");
        var secondPage = await Html.ReadAsync(second);
        var saved = await Service<ProgressRepository>().GetAsync(updateId);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(secondPage.QuerySelector(".error-summary").Text(), Does.Contain("Someone else saved this progress update"));
        Assert.That(secondPage.QuerySelector("textarea#Narrative").Text(), Is.EqualTo("The admin's long revision"));
        Assert.That(saved!.Narrative, Is.EqualTo("The mentor's revision"));
    }

    // Ordered tests run first: these expect Ben overdue as seeded, before another test writes him an update.
    [Test]
    [Order(1)]
    public async Task Mentees_ShowWhoIsOverdue()
    {
        // The fixture's mentor has more mentees than a page: the largest page holds them all.
        var page = await Html.ReadAsync(await Factory.ClientFor(Mentor).GetAsync("/progress/mentees?size=100"));
        var rows = page.QuerySelectorAll("table.mentees tbody tr").Select(r => r.Text()).ToList();

        Assert.That(rows.Single(r => r.Contains("Ben Carter")), Does.Contain("Overdue"), "last update 50 days ago, every 6 weeks");
        Assert.That(rows.Single(r => r.Contains("Amira Haddad")), Does.Not.Contain("Overdue"), "last update 14 days ago, every 4 weeks");
        Assert.That((await Factory.ClientFor(Ben).GetAsync("/progress/mentees")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Cadence_AdminSetsIt_AndBadInputIsExplained()
    {
        using var admin = Factory.ClientFor(Admin);
        var bad = await Forms.SubmitAsync(admin, "/progress/cadence", ".cadence-form", new Dictionary<string, string> { ["everyWeeks"] = "0" });
        var good = await Forms.SubmitAsync(admin, "/progress/cadence", ".cadence-form", new Dictionary<string, string> { ["everyWeeks"] = "7" });

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(bad)).QuerySelector(".error-summary").Text(), Does.Contain("between 1 and 26"));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Html.ReadAsync(await admin.GetAsync("/progress/cadence"))).QuerySelector(".cadence-form input[type=number]")!.GetAttribute("value"), Is.EqualTo("7"));
    }

    [Test]
    public async Task Dashboard_Candidate_ShowsTasksDueFeedbackLatestUpdateAndCoverage()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Amira).GetAsync("/"));

        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("Welcome, Amira Haddad"));
        Assert.That(page.QuerySelector("main .lead").Text(), Does.Contain("NPQSL International Autumn 2026").And.Contain("mentor: Priya Shah"));
        Assert.That(page.QuerySelector("[aria-labelledby=tasks-due-heading]").Text(), Does.Contain(PortfolioDemoSeed.CultureTaskTitle));
        Assert.That(page.QuerySelector("[aria-labelledby=feedback-heading]").Text(), Does.Contain("Priya Shah"));
        Assert.That(page.QuerySelector("[aria-labelledby=update-heading]").Text(), Does.Contain("Draft Task 1"));
        Assert.That(page.QuerySelector("[aria-labelledby=coverage-heading]").Text(), Does.Contain("recorded item(s)"));
        Assert.That(page.QuerySelectorAll(".heatmap .heat-3, .heatmap .heat-2, .heatmap .heat-1"), Is.Not.Empty);
    }

    [Test]
    [Order(2)]
    public async Task Dashboard_Mentor_ShowsMenteesUpdatesDueAndDraftsWaiting()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Mentor).GetAsync("/"));

        var all = await Html.ReadAsync(await Factory.ClientFor(Mentor).GetAsync("/progress/mentees?size=100"));
        var total = all.QuerySelectorAll("table.mentees tbody tr").Length;

        // The home page shows the most urgent (all of them when there are few), the same first ones as the full list.
        var shown = page.QuerySelectorAll("table.mentees tbody tr th").Select(c => c.TextContent.Trim()).ToList();
        Assert.That(shown, Is.EqualTo(all.QuerySelectorAll("table.mentees tbody tr th").Select(c => c.TextContent.Trim()).Take(10)));
        Assert.That(page.QuerySelector("table.mentees tbody tr")!.Text(), Does.Contain("Overdue"), "the most urgent first");
        Assert.That(all.QuerySelector("table.mentees").Text(), Does.Contain("Amira Haddad").And.Contain("Ben Carter"));
        Assert.That(page.QuerySelector(".dashboard.mentor a[href='/progress/mentees']") is not null, Is.EqualTo(total > 10), "a link to the rest when there are more");
        Assert.That(page.QuerySelector("[aria-labelledby=mentor-heading]").Text(), Does.Contain("Amira Haddad: " + PortfolioDemoSeed.CultureTaskTitle));
    }

    [Test]
    public async Task Dashboard_Headteacher_ShowsOnlyTheirSchoolsCandidatesReadOnly()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Head).GetAsync("/"));
        var section = page.QuerySelector("[aria-labelledby=school-heading]");

        Assert.That(section.Text(), Does.Contain("Ben Carter").And.Contain("Latest update"));
        Assert.That(section.Text(), Does.Not.Contain("Amira"));
        Assert.That(page.QuerySelectorAll("main form"), Is.Empty);
        Assert.That(page.QuerySelector("a[href^='/progress/new']"), Is.Null);
    }

    [Test]
    public async Task Dashboard_HeadteacherOfABigSchool_SeesTheFirstTenByName_AndALinkToThemAll()
    {
        var organisations = Service<Npq.Data.Enrolment.OrganisationRepository>();
        var school = await organisations.EnsureSchoolAsync($"Big School {Guid.NewGuid():N}", "England", "Europe/London");
        var users = Service<IUserRepository>();
        async Task<(int Id, string Email)> Person(string name, string role)
        {
            var email = $"{name.Replace(' ', '-').ToLowerInvariant()}-{Guid.NewGuid():N}@npq.example";
            var id = await users.CreateAsync(new AppUser
            {
                Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, SchoolId = school, CreatedUtc = DateTime.UtcNow,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            });
            await users.AddToRoleAsync(id, role);
            return (id, email);
        }

        var (_, head) = await Person("Big Head", Roles.Headteacher);
        var cohort = await CohortOf(Ben);
        var names = Enumerable.Range(1, 11).Select(i => $"Pupil {i:00}").Reverse().ToList();
        foreach (var name in names)
        {
            var (id, _) = await Person(name, Roles.Candidate);
            await Service<Npq.Data.Enrolment.EnrolmentRepository>().EnsureAsync(cohort, id, null, DateTime.UtcNow);
        }

        var page = await Html.ReadAsync(await Factory.ClientFor(head).GetAsync("/"));
        var section = page.QuerySelector("[aria-labelledby=school-heading]")!;

        Assert.That(section.QuerySelectorAll("article h3").Select(h => h.Text()), Is.EqualTo(names.Order(StringComparer.Ordinal).Take(10)));
        Assert.That(section.Text(), Does.Contain("The first 10 of your school's 11 candidates"));
        Assert.That(section.QuerySelector("a[href='/dashboards/school']")?.Text(), Is.EqualTo("See all your school's candidates"));
    }

    [Test]
    public async Task Home_Anonymous_StillShowsThePublicPage()
    {
        var page = await Html.ReadAsync(await Factory.NewClient().GetAsync("/"));

        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("National Professional Qualifications"));
    }

    [Test]
    public async Task Feedback_MentorCommentsAndCandidateReplies_InOneThreadWithNotifications()
    {
        var item = (await Service<Npq.Data.Portfolio.EvidenceRepository>().GetForCandidateAsync(await IdOf(Ben)))[0].Id;
        using var mentor = Factory.ClientFor(Mentor);
        using var ben = Factory.ClientFor(Ben);

        var empty = await Forms.SubmitAsync(mentor, $"/evidence/{item}", ".comment-form", new Dictionary<string, string> { ["body"] = " " });
        var emptyPage = await Html.ReadAsync(await mentor.GetAsync($"/evidence/{item}"));
        await Forms.SubmitAsync(mentor, $"/evidence/{item}", ".comment-form", new Dictionary<string, string> { ["body"] = "Please add the *after* data." });
        await Forms.SubmitAsync(ben, $"/evidence/{item}", ".comment-form", new Dictionary<string, string> { ["body"] = "Added it today." });
        var thread = (await Html.ReadAsync(await ben.GetAsync($"/evidence/{item}"))).QuerySelectorAll(".thread li").Select(li => li.Text()).ToList();

        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(emptyPage.QuerySelector(".comment-form .field-error").Text(), Does.Contain("Write your comment"));
        Assert.That(thread[^2], Does.Contain("Priya Shah").And.Contain("Please add the after data."));
        Assert.That(thread[^1], Does.Contain("Ben Carter").And.Contain("Added it today."));
        Assert.That(await NotificationTitlesOf(Ben), Has.Some.StartsWith("New feedback on your evidence"));
        Assert.That(await NotificationTitlesOf(Mentor), Has.Some.EqualTo("Ben Carter replied to your feedback"));
    }
}

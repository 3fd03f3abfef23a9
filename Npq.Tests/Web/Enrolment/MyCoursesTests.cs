using System.Net;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Enrolment;

public sealed class MyCoursesTests : EnrolmentWebFixture
{
    [Test]
    public async Task MyCourses_Candidate_SeesCohortZoneMentorAndStatus()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync("/my/courses"));
        var text = page.QuerySelector(".my-course").Text();

        Assert.That(text, Does.Contain("NPQSL International Autumn 2026").And.Contain("Dubai time").And.Contain("Priya Shah").And.Contain("Active"));
        Assert.That(page.QuerySelector(".my-course time[datetime='2026-10-05']"), Is.Not.Null, "the start date as a date, never shifted");
        Assert.That(page.Body.Text(), Does.Not.Contain("NPQSL Autumn 2026 – Riverside"), "only the candidate's own courses");
    }

    [Test]
    public async Task Staff_Headteacher_SeesTheirSchoolsCandidatesOnly()
    {
        using var client = Factory.ClientFor("headteacher@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync("/my/staff"));
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.Text()).ToList();

        Assert.That(rows, Has.Some.Contains("Ben Carter"), "candidate2 is at Riverside Academy");
        Assert.That(rows, Has.None.Contains("Amira Haddad"), "candidate1 is at another school");
    }

    [Test]
    public async Task Staff_ForACandidate_IsForbidden()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");

        Assert.That((await client.GetAsync("/my/staff")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task MenteesAndStaff_ManyCandidates_PagedByNameAndBadPageNumbersShowPageOne()
    {
        var build = new Build(Factory.Services);
        var cohort = await NewCohortAsync(40);
        var school = await build.People.SchoolAsync("Pager Primary");
        var mentor = await build.People.MentorAsync("pager-mentor@npq.example", "Pat Pager");
        await build.People.HeadteacherAsync("pager-head@npq.example", "Hana Pager", school);
        for (var i = 1; i <= 27; i++)
        {
            await build.Cohorts.CandidateAsync(cohort, $"pager-{i:00}@npq.example", $"Pager Candidate {i:00}", school, mentor);
        }

        using var client = Factory.ClientFor("pager-mentor@npq.example");
        static List<string> Names(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
        var expected = Enumerable.Range(1, 27).Select(i => $"Pager Candidate {i:00}").ToList();

        var first = await Html.ReadAsync(await client.GetAsync("/my/mentees"));
        var next = first.QuerySelector("nav[aria-label='Pages of your candidates'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await client.GetAsync(next));
        var pastTheEnd = await client.GetAsync("/my/mentees?page=99");
        var notANumber = await client.GetAsync("/my/mentees?page=abc&size=100000");
        var hundred = await Html.ReadAsync(await client.GetAsync("/my/mentees?size=100"));

        Assert.That(Names(first), Is.EqualTo(expected.Take(25)), "the first 25 by name");
        Assert.That(first.QuerySelector("caption")!.TextContent, Does.Contain("27 enrolments"), "the caption counts the whole list");
        Assert.That(next, Is.EqualTo("/my/mentees?page=2"));
        Assert.That(Names(second), Is.EqualTo(expected.Skip(25)), "page 2 shows the next ones");
        Assert.That(Names(await Html.ReadAsync(pastTheEnd)), Is.EqualTo(expected.Take(25)), "a page past the end shows page 1");
        Assert.That((pastTheEnd.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(Names(await Html.ReadAsync(notANumber)), Has.Count.EqualTo(25), "a size that is not offered is 25");
        Assert.That(Names(hundred), Is.EqualTo(expected), "100 a page shows them all");
        Assert.That(hundred.QuerySelector("caption")!.TextContent, Does.Contain("27 enrolments"), "a first page that is not full is the whole list");
        Assert.That(Names(hundred), Has.None.Contains("Amira Haddad").And.None.Contains("Ben Carter"), "only this mentor's candidates");

        using var head = Factory.ClientFor("pager-head@npq.example");
        var staff = await Html.ReadAsync(await head.GetAsync("/my/staff?size=25&page=2"));
        var staffPastTheEnd = await head.GetAsync("/my/staff?page=-4");
        Assert.That(Names(staff), Is.EqualTo(expected.Skip(25)), "the headteacher's staff page 2");
        Assert.That(staffPastTheEnd.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Names(await Html.ReadAsync(staffPastTheEnd)), Is.EqualTo(expected.Take(25)));
    }

    [Test]
    public async Task ProgressMentees_ManyMentees_PagedAndTheHomePageShowsTheMostUrgentTen()
    {
        var build = new Build(Factory.Services);
        var cohort = await NewCohortAsync(40);
        var school = await build.People.SchoolAsync("Urgent Primary");
        var mentor = await build.People.MentorAsync("urgent-mentor@npq.example", "Uma Urgent");
        for (var i = 1; i <= 27; i++)
        {
            await build.Cohorts.CandidateAsync(cohort, $"urgent-{i:00}@npq.example", $"Urgent Candidate {i:00}", school, mentor);
        }

        using var client = Factory.ClientFor("urgent-mentor@npq.example");
        static List<string> Names(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table.mentees tbody tr th").Select(c => c.TextContent.Trim()).ToList();
        var expected = Enumerable.Range(1, 27).Select(i => $"Urgent Candidate {i:00}").ToList();

        var first = await Html.ReadAsync(await client.GetAsync("/progress/mentees"));
        var next = first.QuerySelector("nav[aria-label='Pages of your mentees'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await client.GetAsync(next));
        var pastTheEnd = await client.GetAsync("/progress/mentees?page=99");
        var notANumber = await client.GetAsync("/progress/mentees?page=abc&size=100000");
        var hundred = await Html.ReadAsync(await client.GetAsync("/progress/mentees?size=100"));
        var home = await Html.ReadAsync(await client.GetAsync("/"));

        Assert.That(Names(first), Has.Count.EqualTo(25));
        Assert.That(next, Is.EqualTo("/progress/mentees?page=2"));
        Assert.That(Names(second), Has.Count.EqualTo(2));
        Assert.That(Names(first).Concat(Names(second)), Is.EquivalentTo(expected), "page 2 shows the ones page 1 did not");
        Assert.That(Names(hundred), Is.EqualTo(Names(first).Concat(Names(second))), "the same order whatever the page size");
        Assert.That((pastTheEnd.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(Names(await Html.ReadAsync(pastTheEnd)), Is.EqualTo(Names(first)), "a page past the end shows page 1");
        Assert.That(Names(await Html.ReadAsync(notANumber)), Has.Count.EqualTo(25), "a size that is not offered is 25");
        Assert.That(Names(hundred), Has.None.Contains("Amira Haddad").And.None.Contains("Ben Carter"), "only this mentor's mentees");
        Assert.That(Names(home), Is.EqualTo(Names(first).Take(10)), "the home page shows the ten most urgent");
        Assert.That(home.QuerySelector(".dashboard.mentor")!.TextContent, Does.Contain("The 10 most urgent of your 27 mentees"));
        Assert.That(home.QuerySelector(".dashboard.mentor a[href='/progress/mentees']"), Is.Not.Null);
    }
}

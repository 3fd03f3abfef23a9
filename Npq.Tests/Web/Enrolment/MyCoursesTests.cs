using System.Net;

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
}

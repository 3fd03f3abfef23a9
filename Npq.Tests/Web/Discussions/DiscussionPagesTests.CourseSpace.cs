using System.Net;
using Dapper;
using Npq.Core.Auditing;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Web.Discussions;

/// <summary>The course-wide space's switch: off by default, switched on and off by the course's provider's admins only, audited.</summary>
public sealed partial class DiscussionPagesTests
{
    private async Task<int> CourseOfAsync(int cohortId)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT CourseId FROM Cohorts WHERE Id = @cohortId", new { cohortId });
    }

    private async Task<string> CourseSpaceStateAsync(int courseId)
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync("/discussions/course-spaces"));
        var row = page.QuerySelectorAll("table.course-spaces tbody tr").Single(r => r.QuerySelector("form")!.GetAttribute("action") == $"/discussions/course-spaces/{courseId}");
        return row.QuerySelector(".course-space-state")!.Text();
    }

    private Task<HttpResponseMessage> SwitchCourseSpaceAsync(int courseId, string enabled) =>
        Forms.SubmitAsync(Factory.ClientFor(Admin), "/discussions/course-spaces", $"form[action='/discussions/course-spaces/{courseId}']", new Dictionary<string, string> { ["enabled"] = enabled });

    [Test]
    public async Task CourseSpace_IsOffByDefault_AnAdminSwitchesItOnAndOff_EachChangeAudited()
    {
        var course = await CourseOfAsync(CohortId);
        Assert.That(await CourseSpaceStateAsync(course), Is.EqualTo("Off"));
        var index = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync("/discussions"));
        Assert.That(index.QuerySelector("main a[href='/discussions/course-spaces']"), Is.Not.Null, "the admin finds the switches from the discussions page");

        var on = await SwitchCourseSpaceAsync(course, "true");
        Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CourseSpaceStateAsync(course), Is.EqualTo("On"));
        var again = await SwitchCourseSpaceAsync(course, "true");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await SwitchCourseSpaceAsync(course, "false")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await CourseSpaceStateAsync(course), Is.EqualTo("Off"));

        var entries = (await Service<IAuditLogReader>().FilterAsync(new AuditFilter(null, Users[Admin], null, null), 0, 50)).Entries.Where(e => e.Subject == "course:" + course).Select(e => e.Action).ToList();
        Assert.That(entries, Is.EquivalentTo(new[] { "discussions.course-space-on", "discussions.course-space-off" }), "switching on twice writes one entry");
    }

    [Test]
    public async Task CourseSpaceSwitch_IsNotFound_ForCandidatesFacilitatorsAndOtherCourses_AndChangesNothing()
    {
        var course = await CourseOfAsync(OtherCohortId);
        foreach (var who in new[] { Ann, Fran, Olly })
        {
            var client = Factory.ClientFor(who);
            Assert.That((await client.GetAsync("/discussions/course-spaces")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), who);
            var token = await Forms.TokenFromAsync(client, $"/discussions/{(who == Olly ? OtherCohortId : CohortId)}");
            var post = await client.PostAsync($"/discussions/course-spaces/{course}", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["enabled"] = "true" }));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), who);
        }

        Assert.That(await CourseSpaceStateAsync(course), Is.EqualTo("Off"));
        var admin = Factory.ClientFor(Admin);
        var token2 = await Forms.TokenFromAsync(admin, "/discussions/course-spaces");
        var missing = await admin.PostAsync("/discussions/course-spaces/999999", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token2, ["enabled"] = "true" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a course that is not the admin's provider's");
    }

    [Test]
    public async Task CourseSpaceSwitch_WithoutAChoice_Is400WithTheMessage_AndWithoutTheTokenIsRefused()
    {
        var course = await CourseOfAsync(OtherCohortId);
        var bad = await SwitchCourseSpaceAsync(course, "maybe");
        var page = await Html.ReadAsync(bad);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(page.QuerySelector("main")!.Text(), Does.Contain("Choose whether the course-wide space is on or off."));

        var forged = await Factory.ClientFor(Admin).PostAsync($"/discussions/course-spaces/{course}", new FormUrlEncodedContent(new Dictionary<string, string> { ["enabled"] = "true" }));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await CourseSpaceStateAsync(course), Is.EqualTo("Off"));
    }
}

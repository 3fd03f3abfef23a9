using System.Net;
using Dapper;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Discussions;

/// <summary>
/// What the discussion page tests share: an NPQH course with one module, its cohort (London) with candidates who each
/// post in their own tests (so the rate limit of one never meets another's), a withdrawn candidate, a facilitator
/// (Fran), and a second cohort with its own candidate (Olly). The demo provider's admin administers both.
/// </summary>
public abstract class DiscussionsWebTest : WebFixture
{
    protected const string Ann = "ann@discuss.example";
    protected const string Ben = "ben@discuss.example";
    protected const string Cat = "cat@discuss.example";
    protected const string Dev = "dev@discuss.example";
    protected const string Eve = "eve@discuss.example";
    protected const string Gus = "gus@discuss.example";
    protected const string Wendy = "wendy@discuss.example";
    protected const string Fran = "fran@discuss.example";
    protected const string Olly = "olly@elsewhere.example";
    protected const string Admin = Build.AdminEmail;
    protected const string Xss = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    protected int CohortId { get; private set; }
    protected int OtherCohortId { get; private set; }
    protected IReadOnlyDictionary<string, int> Users { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task ArrangeWorld()
    {
        var build = new Build(Factory.Services);
        var materials = new MaterialsFollowBuilder(Factory.Services);
        var course = await build.Cohorts.CourseAsync("npq-headship");
        CohortId = await build.Cohorts.CohortAsync(course, "Discussion cohort");
        await materials.ModuleAsync(course, "Module 1: School culture");
        var fran = await build.People.MentorAsync(Fran, "Fran Facilitator");
        var users = new Dictionary<string, int> { [Fran] = fran, [Admin] = await build.UserIdAsync(Admin) };
        foreach (var (email, name) in new[] { (Ann, "Ann Archer"), (Ben, "Ben Brown"), (Cat, "Cat Cole"), (Dev, "Dev Dean"), (Eve, "Eve Ellis"), (Gus, "Gus Green"), (Wendy, "Wendy Withdrawn") })
        {
            var enrolled = await build.Cohorts.CandidateAsync(CohortId, email, name);
            users[email] = enrolled.UserId;
            if (email == Wendy)
            {
                await build.Cohorts.WithdrawAsync(enrolled.EnrolmentId);
            }
        }

        OtherCohortId = await build.Cohorts.CohortAsync(await build.Cohorts.CourseAsync("npq-senco"), "Other discussion cohort");
        users[Olly] = (await build.Cohorts.CandidateAsync(OtherCohortId, Olly, "Olly Other")).UserId;
        Users = users;

        // Nothing in the application names a facilitator yet: a row, as the materials fixtures do.
        await using var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync();
        await connection.ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@CohortId, @fran)", new { CohortId, fran });
    }

    /// <summary>The cohort's topics by title, read from its space page as the admin sees it.</summary>
    protected async Task<IReadOnlyDictionary<string, int>> TopicsAsync(int? cohortId = null, string? who = null)
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(who ?? Admin).GetAsync($"/discussions/{cohortId ?? CohortId}"));
        return page.QuerySelectorAll("table.topics th[scope=row] a").ToDictionary(a => a.Text(), a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Starts a thread through the topic page's form; the new thread's id.</summary>
    protected async Task<int> StartThreadAsync(string who, int topicId, string title, string body)
    {
        var response = await PostThreadAsync(who, topicId, title, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    protected Task<HttpResponseMessage> PostThreadAsync(string who, int topicId, string title, string body) =>
        Forms.SubmitAsync(Factory.ClientFor(who), $"/discussions/topics/{topicId}", "form[action$='/threads']", new Dictionary<string, string> { ["title"] = title, ["body"] = body });

    /// <summary>Replies through the thread page's form; the new post's id (from the redirect's anchor).</summary>
    protected async Task<int> ReplyAsync(string who, int threadId, string body)
    {
        var response = await PostReplyAsync(who, threadId, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split("#post-")[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    protected Task<HttpResponseMessage> PostReplyAsync(string who, int threadId, string body) =>
        Forms.SubmitAsync(Factory.ClientFor(who), $"/discussions/threads/{threadId}", "form[action$='/replies']", new Dictionary<string, string> { ["body"] = body });
}

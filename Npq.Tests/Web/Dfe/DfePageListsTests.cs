using System.Net;
using Npq.Core.Dfe;
using Npq.Data.Accounts;

namespace Npq.Tests.Web.Dfe;

/// <summary>
/// Issue 23: the DfE page shows the applications DfE holds a page at a time, latest change first, and each list's
/// pager keeps the other's place in the address.
/// </summary>
public sealed class DfePageListsTests : WebFixture
{
    private const string Admin = "admin@npq.example";

    private IReadOnlyList<string> _newestFirst = [];

    [OneTimeSetUp]
    public async Task ManyPulledApplications()
    {
        var providerId = (await Service<UserRepository>().FindByNormalizedEmailAsync(Admin.ToUpperInvariant()))!.ProviderId!.Value;
        var mirror = Service<IDfeMirrorRepository>();
        var start = new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 30; i++)
        {
            await mirror.UpsertApplicationAsync(providerId, new DfeApplicationData
            {
                Id = $"aaaaaaaa-0000-4000-8000-{i:D12}",
                ParticipantId = $"bbbbbbbb-0000-4000-8000-{i:D12}",
                CourseIdentifier = "npq-senior-leadership",
                FullName = $"Pulled Applicant {i:D2}",
                UpdatedAt = start.AddHours(i),
            }, null, "No cohort matches");
        }

        _newestFirst = (await mirror.GetApplicationsAsync(providerId)).Select(a => a.FullName).ToList();
    }

    [Test]
    public async Task Applications_ManyPulled_PagedLatestFirstWithTheCohortsPlaceKept()
    {
        using var admin = Factory.ClientFor(Admin);

        var first = await Html.ReadAsync(await admin.GetAsync("/dfe"));
        var next = first.QuerySelector("nav[aria-label='Pages of applications DfE holds'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var pastTheEnd = await Html.ReadAsync(await admin.GetAsync("/dfe?apage=99"));
        var withCohortSize = await Html.ReadAsync(await admin.GetAsync("/dfe?size=50&apage=2"));
        var nonsense = await admin.GetAsync("/dfe?apage=-1&asize=abc");

        static string[] Names(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("section[aria-labelledby='applications-heading'] tbody th[scope='row']").Select(th => th.ChildNodes[0].TextContent.Trim()).ToArray();
        Assert.That(_newestFirst, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(Names(first), Is.EqualTo(_newestFirst.Take(25)), "the first 25, latest change first");
        Assert.That(next, Is.EqualTo("/dfe?apage=2"));
        Assert.That(Names(second), Is.EqualTo(_newestFirst.Skip(25).Take(25)));
        Assert.That(Names(pastTheEnd), Is.EqualTo(_newestFirst.Take(25)), "a page past the end shows the first");
        Assert.That(withCohortSize.QuerySelector("nav[aria-label='Pages of applications DfE holds'] a[rel='prev']")!.GetAttribute("href"), Does.Contain("size=50"),
            "the applications' pager keeps the cohorts' page size");
        Assert.That(nonsense.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

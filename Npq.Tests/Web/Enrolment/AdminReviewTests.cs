using System.Net;
using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>The admin's side: inbox filters, accepting (and being refused when full), waiting list, racing for the last place.</summary>
public sealed class AdminReviewTests : EnrolmentWebFixture
{
    [Test]
    public async Task Inbox_FilterIneligible_ShowsOnlyTheFlaggedDemoApplication()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        var page = await Html.ReadAsync(await admin.GetAsync("/admin/applications?status=Pending&eligible=no"));
        var rows = page.QuerySelectorAll("table.inbox tbody tr").Select(r => r.Text()).ToList();

        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Contain("Sophie Turner").And.Contain("Not eligible"));
    }

    [Test]
    public async Task Inbox_FilterFundingRouteAndCohort_Narrows()
    {
        var cohort = await NewCohortAsync(3);
        await NewApplicationAsync(cohort, route: FundingRoute.Self);
        await NewApplicationAsync(cohort, route: FundingRoute.School);
        using var admin = Factory.ClientFor("admin@npq.example");

        var page = await Html.ReadAsync(await admin.GetAsync($"/admin/applications?cohort={cohort}&funding=Self"));
        var bad = await admin.GetAsync("/admin/applications?status=Nonsense&eligible=maybe&funding=42&cohort=abc");

        Assert.That(page.QuerySelectorAll("table.inbox tbody tr"), Has.Length.EqualTo(1));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.OK), "odd filter values are ignored, not a failure");
    }

    [Test]
    public async Task Inbox_ManyApplications_PagesThemKeepingFiltersAndSorting()
    {
        var cohort = await NewCohortAsync(40);
        var ids = new List<int>();
        for (var i = 0; i < 27; i++)
        {
            ids.Add(await NewApplicationAsync(cohort));
        }

        using var admin = Factory.ClientFor("admin@npq.example");
        int[] IdsOn(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table.inbox tbody tr a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync($"/admin/applications?cohort={cohort}"));
        var next = first.QuerySelector("nav[aria-label='Pages of applications'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var newest = await Html.ReadAsync(await admin.GetAsync($"/admin/applications?cohort={cohort}&sort=newest&size=100"));
        var pastTheEnd = await Html.ReadAsync(await admin.GetAsync($"/admin/applications?cohort={cohort}&page=99"));
        var nonsense = await admin.GetAsync($"/admin/applications?cohort={cohort}&page=-3&size=100000");
        var notANumber = await admin.GetAsync($"/admin/applications?cohort={cohort}&page=abc&size=x");

        Assert.That(IdsOn(first), Is.EqualTo(ids.Take(25)), "the first 25, oldest first");
        Assert.That(next, Does.Contain($"cohort={cohort}").And.Contain("page=2"), "the filter is kept in the page's address");
        Assert.That(IdsOn(second), Is.EqualTo(ids.Skip(25)), "page 2 shows the rest");
        Assert.That(second.QuerySelector("nav[aria-label='Pages of applications'] a[aria-current='page']")!.Text(), Does.Contain("2"));
        Assert.That(IdsOn(newest), Is.EqualTo(ids.AsEnumerable().Reverse()), "sorting and a bigger page size from the address");
        Assert.That(IdsOn(pastTheEnd), Is.EqualTo(ids.Take(25)), "a page past the end shows page 1");
        Assert.That((nonsense.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "never a 500");
        Assert.That(IdsOn(await Html.ReadAsync(nonsense)), Has.Length.EqualTo(25), "an unknown page size is the default");
    }

    [Test]
    public async Task CohortList_ManyCohorts_PagesThemSoonestFirstAndBadPageNumbersShowPageOne()
    {
        var providerId = (await Service<Npq.Data.Accounts.UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId!.Value;
        while ((await Service<CohortRepository>().GetSummariesAsync(providerId)).Count < 27)
        {
            await NewCohortAsync(5);
        }

        var all = (await Service<CohortRepository>().GetSummariesAsync(providerId)).Select(c => c.Cohort.Id).ToList();
        using var admin = Factory.ClientFor("admin@npq.example");
        int[] IdsOn(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table tbody tr td:first-child a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync("/admin/cohorts"));
        var next = first.QuerySelector("nav[aria-label='Pages of cohorts'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var big = await Html.ReadAsync(await admin.GetAsync("/admin/cohorts?size=100"));
        var pastTheEnd = await Html.ReadAsync(await admin.GetAsync("/admin/cohorts?page=99"));
        var nonsense = await admin.GetAsync("/admin/cohorts?page=-3&size=100000");
        var notANumber = await admin.GetAsync("/admin/cohorts?page=abc&size=x");

        Assert.That(IdsOn(first), Is.EqualTo(all.Take(25)), "the first 25, soonest first");
        Assert.That(next, Is.EqualTo("/admin/cohorts?page=2"));
        Assert.That(IdsOn(second), Is.EqualTo(all.Skip(25).Take(25)), "page 2 shows the next ones");
        Assert.That(first.QuerySelector(".pager-status")!.TextContent, Does.Contain($"of {all.Count}"));
        Assert.That(IdsOn(big), Is.EqualTo(all.Take(100)), "a bigger page size from the address");
        Assert.That(IdsOn(pastTheEnd), Is.EqualTo(all.Take(25)), "a page past the end shows page 1");
        Assert.That((nonsense.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "never a 500");
        Assert.That(IdsOn(await Html.ReadAsync(nonsense)), Has.Length.EqualTo(25), "an unknown page size is the default");
    }

    [Test]
    public async Task Accept_LastPlace_EnrolsThenAFullCohortRefusesWithAClearMessage()
    {
        var cohort = await NewCohortAsync(1);
        var first = await NewApplicationAsync(cohort);
        var second = await NewApplicationAsync(cohort);
        using var admin = Factory.ClientFor("admin@npq.example");
        var mentorId = await UserIdAsync("mentor@npq.example");

        var accepted = await Forms.SubmitAsync(admin, $"/admin/applications/{first}", $"form[action='/admin/applications/{first}/accept']",
            Fields(("mentorUserId", mentorId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var refused = await Forms.SubmitAsync(admin, $"/admin/applications/{second}", $"form[action='/admin/applications/{second}/accept']", Fields());
        var refusedPage = await Html.ReadAsync(await admin.GetAsync(refused.Headers.Location));

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var enrolled = await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort);
        Assert.That(enrolled.Single().MentorName, Is.EqualTo("Priya Shah"));
        Assert.That(refusedPage.QuerySelector(".notice.warning").Text(), Does.Contain("is full").And.Contain("1 of 1 places taken"));
        Assert.That((await Service<ApplicationRepository>().GetAsync(second))!.Application.Status, Is.EqualTo(ApplicationStatus.Pending));

        var waiting = await Forms.SubmitAsync(admin, $"/admin/applications/{second}", $"form[action='/admin/applications/{second}/waiting-list']", Fields());
        Assert.That(waiting.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cohortPage = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}"));
        Assert.That(cohortPage.QuerySelector(".places").Text(), Does.Contain("Full: all 1 places taken").And.Contain("1 waiting"));
    }

    [Test]
    public async Task Accept_TheListIsTheCohortsFacilitators_AnotherMentorIsNamedByEmail_AndAnUnknownAddressIsExplained()
    {
        var cohort = await NewCohortAsync(3);
        var application = await NewApplicationAsync(cohort);
        var daniel = await UserIdAsync("daniel.reyes@demo.npq.example");
        var extras = await Service<CohortRepository>().GetExtrasAsync(cohort);
        var summary = (await Service<CohortRepository>().GetSummaryAsync(cohort))!;
        Assert.That(await Service<CohortRepository>().UpdateCohortAsync(summary.Cohort, extras with { FacilitatorUserIds = [daniel] }), Is.True);
        using var admin = Factory.ClientFor("admin@npq.example");
        var path = $"/admin/applications/{application}";
        Task<HttpResponseMessage> Accept(string email) => Forms.SubmitAsync(admin, path, $"form[action='{path}/accept']", Fields(("mentorEmail", email)));

        var page = await Html.ReadAsync(await admin.GetAsync(path));
        var unknown = await Accept("nobody-at-all@npq.example");
        var unknownPage = await Html.ReadAsync(unknown);
        var stillPending = (await Service<ApplicationRepository>().GetAsync(application))!.Application.Status;
        var accepted = await Accept(" MENTOR@npq.example ");

        Assert.That(page.QuerySelectorAll("select#mentorUserId option").Select(o => o.TextContent.Trim()), Is.EqualTo(new[] { "Assign later", "Daniel Reyes" }),
            "the cohort's facilitator, not the provider's every mentor");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownPage.Body!.TextContent, Does.Contain("None of your active mentors has that email address."));
        Assert.That(unknownPage.QuerySelector("input#mentorEmail")!.GetAttribute("value"), Is.EqualTo("nobody-at-all@npq.example"), "what was typed is kept");
        Assert.That(stillPending, Is.EqualTo(ApplicationStatus.Pending), "nothing decided");
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Single().MentorName, Is.EqualTo("Priya Shah"));
    }

    [Test]
    public async Task Accept_TwoAdminsRaceForTheLastPlace_OneWinsAndTheOtherIsTold()
    {
        var cohort = await NewCohortAsync(1);
        var a = await NewApplicationAsync(cohort);
        var b = await NewApplicationAsync(cohort);
        using var adminOne = Factory.ClientFor("admin@npq.example");
        using var adminTwo = Factory.ClientFor("admin@npq.example");
        var tokenOne = await Forms.TokenFromAsync(adminOne, $"/admin/applications/{a}");
        var tokenTwo = await Forms.TokenFromAsync(adminTwo, $"/admin/applications/{b}");

        var responses = await Task.WhenAll(
            adminOne.PostAsync($"/admin/applications/{a}/accept", new FormUrlEncodedContent([new(Forms.TokenField, tokenOne)])),
            adminTwo.PostAsync($"/admin/applications/{b}/accept", new FormUrlEncodedContent([new(Forms.TokenField, tokenTwo)])));
        var pages = new[]
        {
            await Html.ReadAsync(await adminOne.GetAsync(responses[0].Headers.Location)),
            await Html.ReadAsync(await adminTwo.GetAsync(responses[1].Headers.Location)),
        };

        Assert.That(await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort), Has.Count.EqualTo(1));
        var statuses = new[] { (await Service<ApplicationRepository>().GetAsync(a))!.Application.Status, (await Service<ApplicationRepository>().GetAsync(b))!.Application.Status };
        Assert.That(statuses, Is.EquivalentTo(new[] { ApplicationStatus.Accepted, ApplicationStatus.Pending }));
        Assert.That(pages.Count(p => p.QuerySelector(".notice.warning")?.Text().Contains("is full", StringComparison.Ordinal) == true), Is.EqualTo(1));
        Assert.That(pages.Count(p => p.QuerySelector(".notice.success")?.Text().Contains("accepted into the cohort", StringComparison.Ordinal) == true), Is.EqualTo(1));
    }

    [Test]
    public async Task Decision_ForAnotherProvidersOrMissingApplication_IsNotFound()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        Assert.That((await admin.GetAsync("/admin/applications/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await admin.GetAsync("/admin/cohorts/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await admin.GetAsync("/admin/enrolments/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task EnrolmentStatus_WrongReasonRefusedThenDeferralKeptInHistory()
    {
        var cohort = await NewCohortAsync(2);
        var application = await NewApplicationAsync(cohort);
        await Service<ApplicationRepository>().AcceptIntoCohortAsync(application, await UserIdAsync("admin@npq.example"), null, DateTime.UtcNow);
        var enrolment = (await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Single();
        var id = enrolment.Enrolment.Id;
        using var admin = Factory.ClientFor("admin@npq.example");

        var wrong = await Html.ReadAsync(await Forms.SubmitAsync(admin, $"/admin/enrolments/{id}", $"form[action='/admin/enrolments/{id}/status']",
            Fields(("status", "Deferred"), ("reason", "non-payment-of-invoice"))));
        var right = await Forms.SubmitAsync(admin, $"/admin/enrolments/{id}", $"form[action='/admin/enrolments/{id}/status']",
            Fields(("status", "Deferred"), ("reason", "bereavement")));
        var history = await Html.ReadAsync(await admin.GetAsync($"/admin/candidates/{enrolment.Enrolment.CandidateUserId}/history"));
        var deferredPage = await Html.ReadAsync(await admin.GetAsync($"/admin/enrolments/{id}"));

        Assert.That(wrong.Body.Text(), Does.Contain("Choose one of DfE's deferral reasons."));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<EnrolmentLifecycleRepository>().GetAsync(id))!.Enrolment.TrainingStatus, Is.EqualTo(TrainingStatus.Deferred));
        var rows = history.QuerySelectorAll("tbody tr").Select(r => r.Text()).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[1], Does.Contain("Deferred").And.Contain("Bereavement").And.Contain("Sam Price"));
        Assert.That(wrong.QuerySelector("select#cohortId"), Is.Null, "an active enrolment is offered no cohort to resume in");
        var resumeIn = deferredPage.QuerySelectorAll("select#cohortId option").Select(o => o.TextContent.Trim()).ToList();
        Assert.That(resumeIn[0], Does.EndWith("(same cohort)"), "a deferred one resumes in its own cohort first");
        Assert.That(resumeIn, Has.Count.InRange(1, EnrolmentManagement.ResumeTargetsShown));
    }

    [Test]
    public async Task EnrolmentMentor_TheListIsItsOwnMentor_AnotherIsNamedByEmail_AndAnUnknownAddressIsExplained()
    {
        var cohort = await NewCohortAsync(2);
        await Service<ApplicationRepository>().AcceptIntoCohortAsync(await NewApplicationAsync(cohort), await UserIdAsync("admin@npq.example"), null, DateTime.UtcNow);
        var id = (await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Single().Enrolment.Id;
        using var admin = Factory.ClientFor("admin@npq.example");
        Task<HttpResponseMessage> Assign(string email) =>
            Forms.SubmitAsync(admin, $"/admin/enrolments/{id}", $"form[action='/admin/enrolments/{id}/mentor']", Fields(("mentorEmail", email)));
        static List<string> Options(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("select#mentorUserId option").Select(o => o.TextContent.Trim()).ToList();

        var before = await Html.ReadAsync(await admin.GetAsync($"/admin/enrolments/{id}"));
        var unknown = await Assign("nobody-at-all@npq.example");
        var unknownPage = await Html.ReadAsync(unknown);
        var notAMentor = await Assign("admin@npq.example");
        var mentorAfterRefusals = (await Service<EnrolmentLifecycleRepository>().GetAsync(id))!.MentorName;
        var byEmail = await Assign("  MENTOR@npq.example ");
        var after = await Html.ReadAsync(await admin.GetAsync($"/admin/enrolments/{id}"));

        Assert.That(Options(before), Is.EqualTo(new[] { "No mentor" }), "no mentor yet: the provider's whole list is not offered");
        Assert.That(before.QuerySelector("input#mentorEmail"), Is.Not.Null);
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownPage.Body!.TextContent, Does.Contain("None of your active mentors has that email address."));
        Assert.That(unknownPage.QuerySelector("input#mentorEmail")!.GetAttribute("value"), Is.EqualTo("nobody-at-all@npq.example"), "what was typed is kept");
        Assert.That(notAMentor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "someone who is not a mentor is refused");
        Assert.That(mentorAfterRefusals, Is.Null, "nothing changed");
        Assert.That(byEmail.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<EnrolmentLifecycleRepository>().GetAsync(id))!.MentorName, Is.EqualTo("Priya Shah"));
        Assert.That(Options(after), Is.EqualTo(new[] { "No mentor", "Priya Shah" }), "the enrolment's own mentor is offered, chosen");
        Assert.That(after.QuerySelector("select#mentorUserId option[selected]")!.TextContent.Trim(), Is.EqualTo("Priya Shah"));
    }

    /// <summary>A new cohort with two candidates accepted into it, and their enrolments' ids.</summary>
    private async Task<(int Cohort, List<int> EnrolmentIds)> CohortOfTwoAsync()
    {
        var cohort = await NewCohortAsync(3);
        var adminId = await UserIdAsync("admin@npq.example");
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await Service<ApplicationRepository>().AcceptIntoCohortAsync(await NewApplicationAsync(cohort), adminId, null, DateTime.UtcNow);
        }

        return (cohort, (await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Select(e => e.Enrolment.Id).ToList());
    }

    [Test]
    public async Task BulkMentor_AssignsEveryTickedCandidate()
    {
        var (cohort, ids) = await CohortOfTwoAsync();
        using var admin = Factory.ClientFor("admin@npq.example");
        var token = await Forms.TokenFromAsync(admin, $"/admin/cohorts/{cohort}");
        var mentor = await UserIdAsync("mentor@npq.example");

        var response = await admin.PostAsync($"/admin/cohorts/{cohort}/mentors", new FormUrlEncodedContent(
            ids.Select(i => new KeyValuePair<string, string>("enrolmentIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new(Forms.TokenField, token)).Append(new("mentorUserId", mentor.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Select(e => e.MentorName), Is.All.EqualTo("Priya Shah"));
        using var mentorClient = Factory.ClientFor("mentor@npq.example");
        // The list is paged (25 by default) and this fixture's mentor has many candidates: the largest page holds them all.
        var mentees = await mentorClient.GetStringAsync("/my/mentees?size=100");
        Assert.That(mentees, Does.Contain((await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort))[0].CandidateName));
    }

    [Test]
    public async Task BulkMentor_TheListOffersThePagesMentors_AnotherIsNamedByEmail_AndAnUnknownAddressIsExplained()
    {
        var (cohort, ids) = await CohortOfTwoAsync();
        using var admin = Factory.ClientFor("admin@npq.example");
        async Task<HttpResponseMessage> Assign(string email)
        {
            var token = await Forms.TokenFromAsync(admin, $"/admin/cohorts/{cohort}");
            return await admin.PostAsync($"/admin/cohorts/{cohort}/mentors", new FormUrlEncodedContent(
                ids.Select(i => new KeyValuePair<string, string>("enrolmentIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Append(new(Forms.TokenField, token)).Append(new("mentorUserId", "")).Append(new("mentorEmail", email))));
        }

        static List<string> Options(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("select#mentorUserId option").Select(o => o.TextContent.Trim()).ToList();
        var before = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}"));
        var unknown = await Assign("nobody-at-all@npq.example");
        var unknownPage = await Html.ReadAsync(unknown);
        var notAMentor = await Assign("admin@npq.example");
        var byEmail = await Assign("  MENTOR@npq.example ");
        var after = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}"));

        Assert.That(Options(before), Is.EqualTo(new[] { "No mentor (remove)" }), "nobody on the page has a mentor: the provider's whole list is not offered");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownPage.Body!.TextContent, Does.Contain("None of your active mentors has that email address."));
        Assert.That(unknownPage.QuerySelector("input#mentorEmail")!.GetAttribute("value"), Is.EqualTo("nobody-at-all@npq.example"), "what was typed is kept");
        Assert.That(unknownPage.QuerySelectorAll("input[name=enrolmentIds]:checked"), Has.Length.EqualTo(2), "the ticks are kept");
        Assert.That(notAMentor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "someone who is not a mentor is refused");
        Assert.That(byEmail.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Select(e => e.MentorName), Is.All.EqualTo("Priya Shah"));
        Assert.That(Options(after), Is.EqualTo(new[] { "No mentor (remove)", "Priya Shah" }), "the page's mentors are offered");
    }

    [Test]
    public async Task CohortRoster_ManyEnrolled_PagedByNameAndAssigningAMentorReturnsToThePage()
    {
        var cohort = await NewCohortAsync(40);
        var adminId = await UserIdAsync("admin@npq.example");
        for (var i = 0; i < 27; i++)
        {
            await Service<ApplicationRepository>().AcceptIntoCohortAsync(await NewApplicationAsync(cohort), adminId, null, DateTime.UtcNow);
        }

        var all = (await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort)).Select(e => e.Enrolment.Id).ToList();
        using var admin = Factory.ClientFor("admin@npq.example");
        int[] IdsOn(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("input[name='enrolmentIds']").Select(b => int.Parse(b.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}"));
        var next = first.QuerySelector("nav[aria-label='Pages of enrolled candidates'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var pastTheEnd = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}?page=99&size=abc"));
        var token = await Forms.TokenFromAsync(admin, next);
        var mentor = await UserIdAsync("mentor@npq.example");
        var assigned = await admin.PostAsync($"/admin/cohorts/{cohort}/mentors", new FormUrlEncodedContent(
            IdsOn(second).Select(i => new KeyValuePair<string, string>("enrolmentIds", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new(Forms.TokenField, token)).Append(new("mentorUserId", mentor.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(new("page", "2")).Append(new("size", "25"))));

        Assert.That(IdsOn(first), Is.EqualTo(all.Take(25)), "the first 25 by name");
        Assert.That(first.QuerySelector("#enrolled-heading")!.TextContent, Does.Contain("(27)"), "the heading counts the whole cohort");
        Assert.That(next, Is.EqualTo($"/admin/cohorts/{cohort}?page=2"));
        Assert.That(IdsOn(second), Is.EqualTo(all.Skip(25)), "page 2 shows the next ones");
        Assert.That(IdsOn(pastTheEnd), Is.EqualTo(all.Take(25)), "a page past the end shows page 1");
        Assert.That(assigned.Headers.Location!.ToString(), Does.EndWith($"/admin/cohorts/{cohort}?page=2"), "back on the page the form was posted from");
        var after = await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort);
        Assert.That(after.Where(e => IdsOn(second).Contains(e.Enrolment.Id)).Select(e => e.MentorName), Is.All.EqualTo("Priya Shah"));
        Assert.That(after.Where(e => !IdsOn(second).Contains(e.Enrolment.Id)).Select(e => e.MentorName), Is.All.Null, "page 1's candidates untouched");
    }

    [Test]
    public async Task CohortWaitingList_ManyWaiting_PagedInArrivalOrderApartFromTheEnrolledList()
    {
        var cohort = await NewCohortAsync(1);
        var adminId = await UserIdAsync("admin@npq.example");
        var applications = Service<ApplicationRepository>();
        await applications.AcceptIntoCohortAsync(await NewApplicationAsync(cohort), adminId, null, DateTime.UtcNow);
        var waiting = new List<int>();
        for (var i = 0; i < 27; i++)
        {
            var id = await NewApplicationAsync(cohort);
            await applications.MoveToWaitingListAsync(id, adminId, DateTime.UtcNow);
            waiting.Add(id);
        }

        using var admin = Factory.ClientFor("admin@npq.example");
        int[] WaitingOn(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("ol[aria-labelledby='waiting-heading'] a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}"));
        var next = first.QuerySelector("nav[aria-label='Pages of the waiting list'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var pastTheEnd = await admin.GetAsync($"/admin/cohorts/{cohort}?wpage=99&wsize=abc");
        var hundred = await Html.ReadAsync(await admin.GetAsync($"/admin/cohorts/{cohort}?wsize=100"));

        Assert.That(first.QuerySelector("#waiting-heading")!.TextContent, Does.Contain("(27)"), "the heading counts the whole waiting list");
        Assert.That(WaitingOn(first), Is.EqualTo(waiting.Take(25)), "the first 25 to arrive");
        Assert.That(next, Is.EqualTo($"/admin/cohorts/{cohort}?wpage=2"));
        Assert.That(WaitingOn(second), Is.EqualTo(waiting.Skip(25)), "page 2 shows the next ones");
        Assert.That(second.QuerySelector("ol[aria-labelledby='waiting-heading']")!.GetAttribute("start"), Is.EqualTo("26"), "numbered on from page 1");
        Assert.That(second.QuerySelectorAll("input[name='enrolmentIds']"), Has.Length.EqualTo(1), "the enrolled list is unchanged by the waiting list's page");
        Assert.That(pastTheEnd.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WaitingOn(await Html.ReadAsync(pastTheEnd)), Is.EqualTo(waiting.Take(25)), "a page past the end shows page 1");
        Assert.That(WaitingOn(hundred), Is.EqualTo(waiting));
    }
}

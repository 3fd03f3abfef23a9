using Moq;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Data.Enrolment;
using Npq.Web.Demo;
using Npq.Web.Features.Accounts.Account;

namespace Npq.Tests.Web.Accounts;

/// <summary>The provider admin's user pages and the audit log viewer.</summary>
public sealed class AdminUsersTests : AdminClientFixture
{
    [Test]
    public async Task List_ShowsTheProvidersPeopleWithStatus()
    {
        // The demo provider has more people than one page holds, so each is found the way an admin would: by search.
        async Task<List<string>> Rows(string query)
        {
            var page = await Html.ReadAsync(await Admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString(query)));
            return page.QuerySelectorAll("table.users tbody tr").Select(r => r.Text()).ToList();
        }

        Assert.That(await Rows("Amira Haddad"), Has.Some.Contains("Amira Haddad"));
        Assert.That(await Rows("admin@npq.example"), Has.Some.Contains("Sam Price"));
        Assert.That((await Rows(AccountsDemoSeed.InvitedEmail)).Single(r => r.Contains(AccountsDemoSeed.InvitedEmail)), Does.Contain("Invited"));
        Assert.That((await Rows(AccountsDemoSeed.DeactivatedEmail)).Single(r => r.Contains(AccountsDemoSeed.DeactivatedEmail)), Does.Contain("Deactivated"));
    }

    [Test]
    public async Task List_OnTheSharedPager_PagesKeepTheSearchAndBadValuesShowPageOne()
    {
        string[] Rows(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table.users tbody tr").Select(r => r.Text()).ToArray();

        var first = await Html.ReadAsync(await Admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString("@")));
        var total = int.Parse(first.QuerySelector(".pager-status")!.Text().Split(" of ")[1].TrimEnd('.').Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var next = first.QuerySelector("nav[aria-label='Pages of users'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await Admin.GetAsync(next));
        var fifty = await Html.ReadAsync(await Admin.GetAsync("/admin/users?q=%40&size=50"));
        var nonsense = await Admin.GetAsync("/admin/users?page=abc&size=x");

        Assert.That(total, Is.GreaterThan(25), "the demo provider has more people than a page");
        Assert.That(Rows(first), Has.Length.EqualTo(25));
        Assert.That(first.QuerySelector("nav[aria-label='Pages of users'] a[aria-current='page']")!.Text(), Does.Contain("1"));
        Assert.That(next, Is.EqualTo("/admin/users?q=%40&page=2"), "the search is kept in the page's address");
        Assert.That(Rows(second), Has.Length.EqualTo(Math.Min(25, total - 25)));
        Assert.That(Rows(second).Intersect(Rows(first)), Is.Empty, "page 2 shows the next people");
        Assert.That(Rows(fifty), Has.Length.EqualTo(Math.Min(50, total)), "a page size from the address");
        Assert.That(nonsense.StatusCode, Is.EqualTo(HttpStatusCode.OK), "never a 500");
        Assert.That(Rows(await Html.ReadAsync(nonsense)), Has.Length.EqualTo(25));
    }

    [TestCase("haddad", "Amira Haddad")]
    [TestCase("CANDIDATE2@", "Ben Carter")]
    public async Task Search_ByNameOrEmail_FindsOnlyMatches(string query, string expected)
    {
        var page = await Html.ReadAsync(await Admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString(query)));
        var rows = page.QuerySelectorAll("table.users tbody tr").Select(r => r.Text()).ToList();

        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Contain(expected));
    }

    [TestCase("%")]
    [TestCase("_")]
    public async Task Search_WildcardCharacters_AreMatchedLiterally(string query)
    {
        var page = await Html.ReadAsync(await Admin.GetAsync("/admin/users?q=" + Uri.EscapeDataString(query)));

        Assert.That(page.QuerySelectorAll("table.users tbody tr"), Is.Empty);
    }

    [Test]
    public async Task Invite_MissingAndDuplicateFields_ShowMessagesAndCreateNoOne()
    {
        var empty = await Html.ReadAsync(await Forms.SubmitAsync(Admin, "/admin/users/invite", "form[action='/admin/users/invite']", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "",
            ["Form.Email"] = "",
        }));
        var duplicate = await Forms.SubmitAsync(Admin, "/admin/users/invite", "form[action='/admin/users/invite']", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "Another Amira",
            ["Form.Email"] = "Candidate1@npq.example",
        });
        var duplicatePage = await Html.ReadAsync(duplicate);
        var noRoles = await Html.ReadAsync(await Admin.PostAsync("/admin/users/invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await Forms.TokenFromAsync(Admin, "/admin/users/invite"),
            ["Form.DisplayName"] = "No Roles",
            ["Form.Email"] = "noroles@npq.example",
            ["Form.Roles"] = "Superuser",
        })));

        Assert.That(empty.QuerySelector("[id='Form.DisplayName-error']").Text(), Does.Contain("Enter the person's name"));
        Assert.That(empty.QuerySelector("[id='Form.Email-error']").Text(), Does.Contain("Enter the person's email address"));
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(duplicatePage.QuerySelector("[id='Form.Email-error']").Text(), Does.Contain("already has an account"));
        Assert.That(duplicatePage.QuerySelector("input[name='Form.DisplayName']")!.GetAttribute("value"), Is.EqualTo("Another Amira"), "nothing typed is lost");
        Assert.That(noRoles.QuerySelector("[id='Form.Roles-error']").Text(), Does.Contain("Choose roles from the list"));
        Assert.That(await Users.FindByNormalizedEmailAsync("NOROLES@NPQ.EXAMPLE"), Is.Null);
    }

    [Test]
    public async Task Admin_CannotDeactivateThemselvesOrDropTheirOwnAdminRole()
    {
        var me = (await Users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        var token = await Forms.TokenFromAsync(Admin, $"/admin/users/{me.Id}");

        var deactivate = await Admin.PostAsync($"/admin/users/{me.Id}/deactivate", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var roles = await Admin.PostAsync($"/admin/users/{me.Id}/roles", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Roles"] = Roles.Mentor }));

        Assert.That(deactivate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(deactivate)).QuerySelector(".error-summary").Text(), Does.Contain("cannot deactivate your own account"));
        Assert.That((await Html.ReadAsync(roles)).QuerySelector(".error-summary").Text(), Does.Contain("cannot remove your own ProviderAdmin role"));
        Assert.That((await Users.FindByIdAsync(me.Id))!.IsActive, Is.True);
        Assert.That(await Users.GetRolesAsync(me.Id), Is.EqualTo(new[] { Roles.ProviderAdmin }));
    }

    [Test]
    public async Task Reactivate_DeactivatedDemoAccount_IsActiveAgainAndAudited()
    {
        var former = (await Users.FindByNormalizedEmailAsync(AccountsDemoSeed.DeactivatedEmail.ToUpperInvariant()))!;

        var response = await Forms.SubmitAsync(Admin, $"/admin/users/{former.Id}", $"form[action='/admin/users/{former.Id}/reactivate']", new Dictionary<string, string>());
        var audit = await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={AccountAuditActions.Reactivated}&user={Uri.EscapeDataString(former.Email)}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Users.FindByIdAsync(former.Id))!.IsActive, Is.True);
        Assert.That(audit.QuerySelectorAll("table.audit tbody tr"), Has.Length.EqualTo(1));
        Assert.That(audit.QuerySelector("table.audit tbody tr").Text(), Does.Contain("Sam Price").And.Contain("Dan Whitfield"));
    }

    [Test]
    public async Task Details_UnknownUser_Is404()
    {
        var response = await Admin.GetAsync("/admin/users/999999");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Audit_FiltersBySignInsAndDateRange()
    {
        using var candidate = await Factory.SignedInClientAsync("candidate1@npq.example");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var signIns = await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={AccountAuditActions.SignIn}&user=candidate1%40npq.example&from={today}&to={today}"));
        var yesterdayOnly = await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={AccountAuditActions.SignIn}&to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}"));

        Assert.That(signIns.QuerySelectorAll("table.audit tbody tr"), Has.Length.GreaterThanOrEqualTo(1));
        Assert.That(signIns.QuerySelectorAll("table.audit tbody tr").Select(r => r.Text()), Has.All.Contains(AccountAuditActions.SignIn).And.All.Contains("Amira Haddad"));
        Assert.That(yesterdayOnly.QuerySelectorAll("table.audit tbody tr"), Is.Empty);
    }

    [TestCase("from=not-a-date", "from-error", "real date")]
    [TestCase("from=2026-10-02&to=2026-10-01", "to-error", "same as or after")]
    [TestCase("user=nobody%40npq.example", "user-error", "No one has that email address")]
    public async Task Audit_BadFilter_ShowsAMessageNot500(string query, string errorId, string message)
    {
        var response = await Admin.GetAsync("/admin/audit?" + query);
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("#" + errorId).Text(), Does.Contain(message));
    }

    [Test]
    public async Task Audit_ShowsOnlyTheAdminsOwnProvidersEntries()
    {
        var now = DateTime.UtcNow;
        var elsewhere = await Service<OrganisationRepository>().EnsureProviderAsync("Audit Elsewhere Partnership", now);
        var outsider = new AppUser { Email = "outsider@elsewhere.example", NormalizedEmail = "OUTSIDER@ELSEWHERE.EXAMPLE", DisplayName = "Olu Outsider", ProviderId = elsewhere, CreatedUtc = now };
        outsider.Id = await Users.CreateAsync(outsider);
        var candidate = (await Users.FindByNormalizedEmailAsync("CANDIDATE1@NPQ.EXAMPLE"))!;
        var log = Service<AuditLogRepository>();
        // Done by another provider's person; about them with nobody signed in; about one of the admin's own people.
        await log.WriteAsync(new AuditEntry { OccurredUtc = now, ActorUserId = outsider.Id, Action = AccountAuditActions.SignIn, Subject = AuditEntry.UserSubject(outsider.Id), Detail = "elsewhere-actor" });
        await log.WriteAsync(new AuditEntry { OccurredUtc = now, Action = AccountAuditActions.SignInFailed, Subject = AuditEntry.UserSubject(outsider.Id), Detail = "elsewhere-anonymous" });
        await log.WriteAsync(new AuditEntry { OccurredUtc = now, Action = AccountAuditActions.SignInFailed, Subject = AuditEntry.UserSubject(candidate.Id), Detail = "own-anonymous" });

        var failures = (await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={AccountAuditActions.SignInFailed}")))
            .QuerySelectorAll("table.audit tbody tr").Select(r => r.Text()).ToList();
        var signIns = (await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={AccountAuditActions.SignIn}")))
            .QuerySelectorAll("table.audit tbody tr").Select(r => r.Text()).ToList();
        var byEmail = await Html.ReadAsync(await Admin.GetAsync("/admin/audit?user=" + Uri.EscapeDataString(outsider.Email)));

        Assert.That(failures.Single(r => r.Contains("own-anonymous")), Does.Contain("Amira Haddad"));
        Assert.That(failures, Has.None.Contains("elsewhere-anonymous"));
        Assert.That(signIns, Has.Some.Contains("Sam Price"));
        Assert.That(signIns, Has.None.Contains("elsewhere-actor").And.None.Contains("Olu Outsider"));
        Assert.That(byEmail.QuerySelector("#user-error").Text(), Does.Contain("No one has that email address"));
        Assert.That(byEmail.QuerySelectorAll("table.audit tbody tr"), Is.Empty);
    }

    [Test]
    public async Task Audit_ManyEntries_OnTheSharedPagerKeepingTheFilterAndBadPageNumbersShowPageOne()
    {
        var now = DateTime.UtcNow;
        var log = Service<AuditLogRepository>();
        var candidate = (await Users.FindByNormalizedEmailAsync("CANDIDATE1@NPQ.EXAMPLE"))!;
        const string action = "test.audit-pager";
        for (var i = 1; i <= 27; i++)
        {
            await log.WriteAsync(new AuditEntry { OccurredUtc = now.AddSeconds(i), Action = action, Subject = AuditEntry.UserSubject(candidate.Id), Detail = $"pager-{i:00}" });
        }

        static List<string> Details(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table.audit tbody tr td:nth-child(5)").Select(c => c.TextContent.Trim()).ToList();
        var newestFirst = Enumerable.Range(1, 27).Reverse().Select(i => $"pager-{i:00}").ToList();

        var first = await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={action}"));
        var next = first.QuerySelector("nav[aria-label='Pages of the audit log'] a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await Admin.GetAsync(next));
        var pastTheEnd = await Admin.GetAsync($"/admin/audit?action={action}&page=40");
        var notANumber = await Admin.GetAsync($"/admin/audit?action={action}&page=abc&size=5000");

        Assert.That(Details(first), Is.EqualTo(newestFirst.Take(25)), "25 a page, newest first");
        Assert.That(next, Is.EqualTo($"/admin/audit?action={action}&page=2"), "the filter is kept in the pager's links");
        Assert.That(Details(second), Is.EqualTo(newestFirst.Skip(25)), "page 2 shows the next, older entries");
        Assert.That((pastTheEnd.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(Details(await Html.ReadAsync(pastTheEnd)), Is.EqualTo(newestFirst.Take(25)), "a page past the end shows page 1");
        Assert.That(Details(await Html.ReadAsync(notANumber)), Is.EqualTo(newestFirst.Take(25)), "a page that is not a number is page 1, a size not offered is 25");
        Assert.That(Details(await Html.ReadAsync(await Admin.GetAsync($"/admin/audit?action={action}&size=100"))), Is.EqualTo(newestFirst));
    }

    [Test]
    public async Task Invite_WhenTheInvitationMailCannotBeQueued_LeavesNoAccount()
    {
        var outbox = new Moq.Mock<Npq.Core.Notifications.IMailOutboxRepository>();
        outbox.Setup(o => o.AddAsync(Moq.It.IsAny<Npq.Core.Notifications.OutboxMail>(), Moq.It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("The outbox is down"));
        var together = Service<Npq.Core.Changes.IWriteTogether>();
        var email = new Npq.Web.Infrastructure.Email.OutboxEmailSender(outbox.Object, Service<IUserRepository>(), Service<Npq.Web.Infrastructure.Jobs.JobQueue>(), together,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Npq.Web.Infrastructure.Email.OutboxEmailSender>.Instance);
        var identity = Service<IAccountIdentity>();
        var administration = new UserAdministration(identity, Service<IUserRepository>(), new AccountMail(identity, email, Service<Microsoft.Extensions.Options.IOptions<AccountMailOptions>>()),
            Service<AccountAudit>(), TimeProvider.System, together, Microsoft.Extensions.Logging.Abstractions.NullLogger<UserAdministration>.Instance);
        var admin = (await Users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        const string invited = "never.told@invite.example";

        Assert.ThrowsAsync<InvalidOperationException>(() => administration.InviteAsync(admin, new Invitation(invited, "Never Told", [Roles.Candidate], null), null));

        outbox.Verify(o => o.AddAsync(Moq.It.IsAny<Npq.Core.Notifications.OutboxMail>(), Moq.It.IsAny<CancellationToken>()), Moq.Times.Once, "the mail was reached after the account was made");
        Assert.That(await Users.FindByNormalizedEmailAsync(invited.ToUpperInvariant()), Is.Null, "the account is undone with its mail");
        var (result, userId) = await Service<UserAdministration>().InviteAsync(admin, new Invitation(invited, "Never Told", [Roles.Candidate], null), null);
        Assert.That((result.Succeeded, userId is not null), Is.EqualTo((true, true)), "the writer is free, and the same invitation goes through once the outbox works");
    }
}

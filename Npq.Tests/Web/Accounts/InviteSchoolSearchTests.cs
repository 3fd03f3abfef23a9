using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Npq.Core.Accounts;
using Npq.Data.Accounts;

namespace Npq.Tests.Web.Accounts;

/// <summary>
/// The invite form's school (issue 23): found by name or URN instead of a list of every school; "Find school" posts the
/// same form and shows it again with everything typed kept, and a school chosen stays shown and chosen.
/// </summary>
public sealed class InviteSchoolSearchTests : AdminClientFixture
{
    private const string FindSchool = "/admin/users/invite/find-school";

    private async Task<int> RiversideIdAsync() => (await Users.FindSchoolsAsync("100001", 1)).Single().Id;

    /// <summary>Posts the invite form as the browser would, to <paramref name="action"/> (the form's own action or "Find school"'s).</summary>
    private async Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = new List<KeyValuePair<string, string>> { new(Forms.TokenField, await Forms.TokenFromAsync(Admin, "/admin/users/invite")) };
        all.AddRange(fields);
        return await Admin.PostAsync(action, new FormUrlEncodedContent(all));
    }

    private static List<KeyValuePair<string, string>> Fields(string name, string email, string? query = null, string? searched = null, string? schoolId = null, params string[] roles)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Form.DisplayName", name), new("Form.Email", email) };
        fields.AddRange(roles.Select(role => new KeyValuePair<string, string>("Form.Roles", role)));
        if (query is not null)
        {
            fields.Add(new("Form.SchoolQuery", query));
        }

        if (searched is not null)
        {
            fields.Add(new("Form.SchoolSearched", searched));
        }

        if (schoolId is not null)
        {
            fields.Add(new("Form.SchoolId", schoolId));
        }

        return fields;
    }

    private static List<(string Value, string Label, bool Checked)> Choices(IDocument page) =>
        page.QuerySelectorAll("input[type=radio][name='Form.SchoolId']").Cast<IHtmlInputElement>()
            .Select(r => (r.Value, page.QuerySelector($"label[for='{r.Id}']")!.TextContent.Trim(), r.IsChecked)).ToList();

    [Test]
    public async Task ThePage_HasASchoolSearchAndNoListOfSchools()
    {
        var page = await Html.ReadAsync(await Admin.GetAsync("/admin/users/invite"));
        var find = page.QuerySelector("main form button[formaction]");

        Assert.That(page.QuerySelector("select"), Is.Null, "no list of every school");
        Assert.That(page.QuerySelectorAll("input[type=radio]"), Is.Empty, "nothing to choose before a search");
        Assert.That(page.QuerySelector("label[for='Form_SchoolQuery']")!.TextContent, Is.EqualTo("School (name or URN)"));
        Assert.That(find!.TextContent.Trim(), Is.EqualTo("Find school"));
        Assert.That(find.GetAttribute("formaction"), Is.EqualTo(FindSchool));
        Assert.That(page.QuerySelector("main form")!.QuerySelectorAll("button").Select(b => b.TextContent.Trim()), Is.EqualTo(new[] { "Find school", "Send invitation" }),
            "Enter in a field finds (the first button), never sends");
    }

    [Test]
    public async Task FindSchool_KeepsEverythingTyped_ListsTheMatches_AndChecksNothingYet()
    {
        var response = await PostAsync(FindSchool, Fields("Rhea Patel", "", " river ", roles: [Roles.Mentor, Roles.Headteacher]));
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("input[name='Form.DisplayName']")!.GetAttribute("value"), Is.EqualTo("Rhea Patel"));
        Assert.That(page.QuerySelectorAll("input[name='Form.Roles']:checked").Select(r => r.GetAttribute("value")), Is.EquivalentTo(new[] { Roles.Mentor, Roles.Headteacher }));
        Assert.That(page.QuerySelector("input[name='Form.SchoolQuery']")!.GetAttribute("value"), Is.EqualTo("river"));
        Assert.That(page.QuerySelector("input[name='Form.SchoolSearched']")!.GetAttribute("value"), Is.EqualTo("river"));
        Assert.That(page.QuerySelector(".error-summary"), Is.Null, "the empty email is checked when the invitation is sent, not while finding a school");
        var choices = Choices(page);
        Assert.That(choices[0], Is.EqualTo(("", "No school", true)));
        Assert.That(choices.Skip(1).Select(c => c.Label), Has.Some.EqualTo("Riverside Academy URN 100001, United Kingdom"));
        Assert.That(page.QuerySelector("#school-status")!.TextContent, Does.Match("schools? match(es)? “river”"));
    }

    [Test]
    public async Task FindSchool_ByUrn_FindsTheSchool()
    {
        var page = await Html.ReadAsync(await PostAsync(FindSchool, Fields("", "", "100001")));

        Assert.That(Choices(page).Select(c => c.Label), Is.EqualTo(new[] { "No school", "Riverside Academy URN 100001, United Kingdom" }));
    }

    [TestCase("%")]
    [TestCase("_")]
    [TestCase("[")]
    public async Task FindSchool_WildcardCharacters_AreMatchedLiterally(string query)
    {
        var page = await Html.ReadAsync(await PostAsync(FindSchool, Fields("", "", query)));

        Assert.That(Choices(page).Select(c => c.Label), Is.EqualTo(new[] { "No school" }), "no demo school's name holds " + query);
        Assert.That(page.QuerySelector("#school-status")!.TextContent, Does.Contain("No school matches"));
    }

    [Test]
    public async Task FindSchool_WithNothingTyped_SaysWhatToType()
    {
        var page = await Html.ReadAsync(await PostAsync(FindSchool, Fields("Rhea Patel", "rhea@npq.example", "  ")));

        Assert.That(page.QuerySelector("[id='Form.SchoolQuery-error']")!.TextContent, Does.Contain("Type part of the school's name, or its URN"));
        Assert.That(page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"), Is.EqualTo("rhea@npq.example"));
    }

    [Test]
    public async Task AChosenSchool_StaysShownAndChosen_AfterAnotherSearch_AndAfterAValidationError()
    {
        var riverside = (await RiversideIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var searchedAgain = await Html.ReadAsync(await PostAsync(FindSchool, Fields("Rhea Patel", "", "Al Noor", "river", riverside, Roles.Mentor)));
        var invalid = await Html.ReadAsync(await PostAsync("/admin/users/invite", Fields("", "not-an-email", "Al Noor", "Al Noor", riverside, Roles.Mentor)));

        foreach (var page in new[] { searchedAgain, invalid })
        {
            var choices = Choices(page);
            Assert.That(choices[1], Is.EqualTo((riverside, "Riverside Academy URN 100001, United Kingdom", true)), "the chosen school first, chosen");
            Assert.That(choices.Count(c => c.Checked), Is.EqualTo(1));
            Assert.That(choices.Skip(2).Select(c => c.Label), Has.Some.StartsWith("Al Noor British School"));
        }

        Assert.That(invalid.QuerySelector("[id='Form.DisplayName-error']")!.TextContent, Does.Contain("Enter the person's name"));
        Assert.That(invalid.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"), Is.EqualTo("not-an-email"));
    }

    [Test]
    public async Task Send_WithASchoolSearchTypedButNotRun_ShowsItsSchoolsAndSendsNothing()
    {
        const string email = "typed.not.found@invite.example";

        var response = await PostAsync("/admin/users/invite", Fields("Typed Only", email, "river", roles: Roles.Mentor));
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("[id='Form.SchoolQuery-error']")!.TextContent, Does.Contain("Choose the school from the schools found below"));
        Assert.That(Choices(page).Select(c => c.Label), Has.Some.StartsWith("Riverside Academy"));
        Assert.That(page.QuerySelector("input[name='Form.SchoolSearched']")!.GetAttribute("value"), Is.EqualTo("river"), "sent again, the search has been seen");
        Assert.That(await Users.FindByNormalizedEmailAsync(email.ToUpperInvariant()), Is.Null);
    }

    [Test]
    public async Task Send_WithAnUnknownSchoolId_IsRefusedWithAClearMessage_AndCreatesNoOne()
    {
        const string email = "unknown.school@invite.example";

        var response = await PostAsync("/admin/users/invite", Fields("Unknown School", email, schoolId: "99999999", roles: Roles.Mentor));
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("[id='Form.SchoolId-error']")!.TextContent, Does.Contain("The school chosen does not exist"));
        Assert.That(page.QuerySelector(".error-summary a[href='#Form_SchoolId']"), Is.Not.Null, "the summary links to the school's choices");
        Assert.That(page.QuerySelector("#Form_SchoolId"), Is.Not.Null);
        Assert.That(await Users.FindByNormalizedEmailAsync(email.ToUpperInvariant()), Is.Null);
    }

    [Test]
    public async Task Send_WithAFoundSchoolChosen_InvitesThePersonAtThatSchool()
    {
        const string email = "found.school@invite.example";
        var riverside = await RiversideIdAsync();
        var found = await Html.ReadAsync(await PostAsync(FindSchool, Fields("Found School", email, "riverside", roles: Roles.Mentor)));
        var choice = found.QuerySelectorAll("input[type=radio][name='Form.SchoolId']").Cast<IHtmlInputElement>()
            .Single(r => found.QuerySelector($"label[for='{r.Id}']")!.TextContent.StartsWith("Riverside Academy", StringComparison.Ordinal));

        var response = await PostAsync("/admin/users/invite", Fields("Found School", email, "riverside", found.QuerySelector("input[name='Form.SchoolSearched']")!.GetAttribute("value"), choice.Value, Roles.Mentor));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var invited = (await Users.FindByNormalizedEmailAsync(email.ToUpperInvariant()))!;
        Assert.That(invited.SchoolId, Is.EqualTo(riverside));
        var details = await Html.ReadAsync(await Admin.GetAsync($"/admin/users/{invited.Id}"));
        Assert.That(details.QuerySelector("main")!.TextContent, Does.Contain("Riverside Academy (United Kingdom)"));
    }

    [Test]
    public async Task TheScriptsChoices_AreTheSameFieldset_KeepingTheChosenSchool_AndOnlyForProviderAdmins()
    {
        var riverside = await RiversideIdAsync();
        var fragment = await Html.ReadAsync(await Admin.GetAsync($"/admin/users/invite/schools?q=al%20noor&chosen={riverside}"));
        using var mentor = await Factory.SignedInClientAsync("mentor@npq.example");
        var refused = await mentor.GetAsync("/admin/users/invite/schools?q=river");

        Assert.That(Choices(fragment).Select(c => (c.Label.Split(" URN ")[0], c.Checked)),
            Is.EqualTo(new[] { ("No school", false), ("Riverside Academy", true), ("Al Noor British School United Arab Emirates", false) }));
        Assert.That(fragment.QuerySelector("header"), Is.Null, "the fieldset alone, not a page");
        Assert.That(refused.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.NotFound));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Not.Contain("Riverside"));
    }
}

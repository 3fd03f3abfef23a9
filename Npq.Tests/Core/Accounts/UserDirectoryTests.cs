using Moq;
using Npq.Core.Accounts;

namespace Npq.Tests.Core.Accounts;

public sealed class UserDirectoryTests
{
    [Test]
    public async Task Search_LongQueryAndPageBeyondTheEnd_CutsTheQueryAndShowsTheLastPage()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.SearchAsync(3, It.IsAny<string?>(), It.IsAny<int>(), UserDirectory.PageSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UserPage([], 51));
        var query = "  " + new string('x', 250) + "  ";

        var result = await new UserDirectory(users.Object).SearchAsync(3, query, 9);

        Assert.That(result.Query, Is.EqualTo(new string('x', 200)));
        Assert.That((result.Page, result.PageCount, result.Total), Is.EqualTo((3, 3, 51)));
        users.Verify(u => u.SearchAsync(3, new string('x', 200), 200, 25, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Search_PageBelowOne_ReadsTheFirstPage()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.SearchAsync(3, null, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync(new UserPage([], 0));

        var result = await new UserDirectory(users.Object).SearchAsync(3, null, -4);

        Assert.That((result.Page, result.PageCount), Is.EqualTo((1, 1)));
        users.Verify(u => u.SearchAsync(3, null, 0, 25, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Detail_InvitedPersonWithSchool_NamesTheSchoolAndShowsThePendingInvitation()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.GetRolesAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync([Roles.Mentor]);
        users.Setup(u => u.GetSchoolAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(new SchoolOption { Id = 2, Name = "Oak Academy", Country = "UAE" });
        var invited = new AppUser { Id = 5, SchoolId = 2, PasswordHash = null, IsActive = true };

        var detail = await new UserDirectory(users.Object).DetailAsync(invited, viewerUserId: 1);

        Assert.That(detail.SchoolName, Is.EqualTo("Oak Academy (UAE)"));
        Assert.That(detail.InvitationPending, Is.True);
        Assert.That(detail.IsSelf, Is.False);
        Assert.That(detail.User.Roles, Is.EqualTo(new[] { Roles.Mentor }));
    }

    [Test]
    public async Task Detail_DeactivatedInvitedPersonViewingThemselves_HasNoPendingInvitationAndIsSelf()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.GetRolesAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var former = new AppUser { Id = 5, PasswordHash = null, IsActive = false };

        var detail = await new UserDirectory(users.Object).DetailAsync(former, viewerUserId: 5);

        Assert.That(detail.InvitationPending, Is.False);
        Assert.That(detail.IsSelf, Is.True);
        Assert.That(detail.SchoolName, Is.Null);
    }

    [Test]
    public async Task Profile_UnknownPerson_IsNull()
    {
        var users = new Mock<IUserRepository>();

        Assert.That(await new UserDirectory(users.Object).ProfileAsync(9), Is.Null);
    }

    [Test]
    public async Task Profile_KnownPerson_HasTheirNameEmailAndRoles()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = 9, DisplayName = "Priya Shah", Email = "mentor@npq.example" });
        users.Setup(u => u.GetRolesAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync([Roles.Mentor]);

        var profile = await new UserDirectory(users.Object).ProfileAsync(9);

        Assert.That(profile, Is.EqualTo(new AccountProfile("Priya Shah", "mentor@npq.example", profile!.Roles)));
        Assert.That(profile.Roles, Is.EqualTo(new[] { Roles.Mentor }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public async Task FindSchools_NothingTyped_ReadsNothing(string? query)
    {
        var users = new Mock<IUserRepository>(MockBehavior.Strict);

        var search = await new UserDirectory(users.Object).FindSchoolsAsync(query);

        Assert.That(search, Is.SameAs(SchoolSearch.None));
    }

    [Test]
    public async Task FindSchools_AsksForOneMoreThanItShows_AndSaysWhenMoreMatch()
    {
        var users = new Mock<IUserRepository>();
        var schools = Enumerable.Range(1, UserDirectory.SchoolResults + 1).Select(i => new SchoolOption { Id = i, Name = $"Oak {i}", Country = "UAE" }).ToList();
        users.Setup(u => u.FindSchoolsAsync("Oak", UserDirectory.SchoolResults + 1, It.IsAny<CancellationToken>())).ReturnsAsync(schools);
        users.Setup(u => u.FindSchoolsAsync("Oak 1", UserDirectory.SchoolResults + 1, It.IsAny<CancellationToken>())).ReturnsAsync(schools.Take(3).ToList());
        var directory = new UserDirectory(users.Object);

        var many = await directory.FindSchoolsAsync("  Oak ");
        var few = await directory.FindSchoolsAsync("Oak 1");

        Assert.That(many.Query, Is.EqualTo("Oak"), "trimmed");
        Assert.That(many.Schools.Select(s => s.Id), Is.EqualTo(Enumerable.Range(1, UserDirectory.SchoolResults)), "the first 20 in the repository's order");
        Assert.That(many.More, Is.True);
        Assert.That(few.Schools, Has.Count.EqualTo(3));
        Assert.That(few.More, Is.False);
    }

    [Test]
    public async Task FindSchools_ALongQuery_IsCutToTheLongestKept()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindSchoolsAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var search = await new UserDirectory(users.Object).FindSchoolsAsync(new string('x', 5000));

        Assert.That(search.Query, Has.Length.EqualTo(UserDirectory.MaxSchoolQueryLength));
        users.Verify(u => u.FindSchoolsAsync(new string('x', UserDirectory.MaxSchoolQueryLength), UserDirectory.SchoolResults + 1, It.IsAny<CancellationToken>()), Times.Once);
    }
}

using Npq.Tests.Support;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Npq.Core.Accounts;
using Npq.Data.Accounts;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class UserRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private AccountRows Rows => new(Db);

    private UserRepository Users => new(Db);

    [Test]
    public async Task Create_ThenFindByIdOrEmail_ReadsBackEveryFieldWithUtcTimes()
    {
        var providerId = await Rows.ProviderAsync();
        var schoolId = await Rows.SchoolAsync();
        var email = $"{Guid.NewGuid():N}@repo.example";
        var user = new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Amira Haddad", PasswordHash = "hash",
            EmailConfirmed = true, LockoutEnabled = false, LockoutEndUtc = AccountRows.Now.AddMinutes(15), AccessFailedCount = 2,
            IsActive = false, ProviderId = providerId, SchoolId = schoolId, TimeZone = "Asia/Dubai", TimeZoneConfirmed = true, CreatedUtc = AccountRows.Now,
        };

        var id = await Users.CreateAsync(user);
        var byId = await Users.FindByIdAsync(id);
        var byEmail = await Users.FindByNormalizedEmailAsync(email.ToUpperInvariant());

        Assert.That(user.Id, Is.EqualTo(id));
        Assert.That(JsonSerializer.Serialize(byId), Is.EqualTo(JsonSerializer.Serialize(user)));
        Assert.That(JsonSerializer.Serialize(byEmail), Is.EqualTo(JsonSerializer.Serialize(user)));
        Assert.That(byId!.CreatedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(await Users.FindByIdAsync(-1), Is.Null);
        Assert.That(await Users.FindByNormalizedEmailAsync("NOBODY@REPO.EXAMPLE"), Is.Null);
    }

    [Test]
    public async Task Update_WithTheStampItRead_SavesAndGivesANewStamp_StaleCopyLoses()
    {
        var user = await Rows.UserAsync("Before");
        var first = (await Users.FindByIdAsync(user.Id))!;
        var second = (await Users.FindByIdAsync(user.Id))!;
        var readStamp = first.ConcurrencyStamp;

        first.DisplayName = "First";
        var firstSaved = await Users.UpdateAsync(first);
        second.DisplayName = "Second";
        var secondSaved = await Users.UpdateAsync(second);

        Assert.That(firstSaved, Is.True);
        Assert.That(first.ConcurrencyStamp, Is.Not.EqualTo(readStamp));
        Assert.That(secondSaved, Is.False);
        Assert.That(second.ConcurrencyStamp, Is.EqualTo(readStamp), "a refused save keeps the stamp it read");
        Assert.That((await Users.FindByIdAsync(user.Id))!.DisplayName, Is.EqualTo("First"));
    }

    [Test]
    public async Task Update_ForgetsTheCachedSession()
    {
        var sessions = new UserSessionCache(Db, SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var user = await Rows.UserAsync();
        var before = (await sessions.GetAsync(user.Id))!.SecurityStamp;
        var read = (await Users.FindByIdAsync(user.Id))!;

        read.SecurityStamp = Guid.NewGuid().ToString("N");
        await new UserRepository(Db, sessions).UpdateAsync(read);

        Assert.That((await sessions.GetAsync(user.Id))!.SecurityStamp, Is.EqualTo(read.SecurityStamp).And.Not.EqualTo(before));
    }

    [Test]
    public async Task Roles_AddedTwiceInAnyCase_AreHeldOnceAndReadByName_UnknownIgnored()
    {
        var user = await Rows.UserAsync();

        await Users.AddToRoleAsync(user.Id, Roles.Mentor);
        await Users.AddToRoleAsync(user.Id, "mentor");
        await Users.AddToRoleAsync(user.Id, Roles.Assessor);
        await Users.AddToRoleAsync(user.Id, "Superuser");
        var held = await Users.GetRolesAsync(user.Id);
        await Users.RemoveFromRoleAsync(user.Id, "ASSESSOR");

        Assert.That(held, Is.EqualTo(new[] { Roles.Assessor, Roles.Mentor }));
        Assert.That(await Users.GetRolesAsync(user.Id), Is.EqualTo(new[] { Roles.Mentor }));
    }

    [Test]
    public async Task GetUsersInRole_IsEveryoneHoldingItByName()
    {
        var role = Roles.Headteacher;
        var zed = await Rows.UserAsync("Zed " + Guid.NewGuid().ToString("N"), roles: role);
        var abe = await Rows.UserAsync("Abe " + Guid.NewGuid().ToString("N"), roles: role);
        var other = await Rows.UserAsync(roles: Roles.Candidate);

        var holders = (await Users.GetUsersInRoleAsync(role)).Select(u => u.Id).ToList();

        Assert.That(holders, Does.Contain(zed.Id).And.Contain(abe.Id).And.Not.Contain(other.Id));
        Assert.That(holders.IndexOf(abe.Id), Is.LessThan(holders.IndexOf(zed.Id)));
    }

    [Test]
    public async Task GetActiveInRole_TheProvidersActiveHoldersByName_OrOnlyThoseAskedAbout()
    {
        var providerId = await Rows.ProviderAsync();
        var otherProvider = await Rows.ProviderAsync();
        var zoe = await Rows.UserAsync("Zoe Okafor", providerId, roles: Roles.Assessor);
        var abe = await Rows.UserAsync("Abe Lin", providerId, roles: [Roles.Mentor, Roles.Assessor]);
        await Rows.UserAsync("Ina Active-Not", providerId, active: false, roles: Roles.Assessor);
        await Rows.UserAsync("Oli Elsewhere", otherProvider, roles: Roles.Assessor);
        var cal = await Rows.UserAsync("Cal Candidate", providerId, roles: Roles.Candidate);

        var all = await Users.GetActiveInRoleAsync(providerId, Roles.Assessor);
        var asked = await Users.GetActiveInRoleAsync(providerId, Roles.Assessor, [zoe.Id, cal.Id]);

        Assert.That(all.Select(u => u.Id), Is.EqualTo(new[] { abe.Id, zoe.Id }), "the provider's active assessors by name; not the inactive one, another provider's or a candidate");
        Assert.That(all[0].Email, Is.EqualTo(abe.Email));
        Assert.That(asked.Select(u => u.Id), Is.EqualTo(new[] { zoe.Id }), "of those asked about, only who holds the role");
        Assert.That(await Users.GetActiveInRoleAsync(providerId, Roles.Assessor, []), Is.Empty);
    }

    [Test]
    public async Task Search_OnlyTheProvidersPeopleMatchingNameOrEmail_PagedByNameWithTheirRoles()
    {
        var providerId = await Rows.ProviderAsync();
        var otherProvider = await Rows.ProviderAsync();
        var bella = await Rows.UserAsync("Bella Haddad", providerId, roles: [Roles.Candidate, Roles.Mentor]);
        var amira = await Rows.UserAsync("Amira Haddad", providerId, roles: Roles.Candidate);
        await Rows.UserAsync("Carl Jones", providerId);
        await Rows.UserAsync("Dina Haddad", otherProvider);

        var firstPage = await Users.SearchAsync(providerId, "hadDAD", 0, 1);
        var secondPage = await Users.SearchAsync(providerId, "haddad", 1, 1);
        var byEmail = await Users.SearchAsync(providerId, amira.Email[..10].ToUpperInvariant(), 0, 10);
        var everyone = await Users.SearchAsync(providerId, null, 0, 10);

        Assert.That(firstPage.Total, Is.EqualTo(2));
        Assert.That(firstPage.Users.Single().User.Id, Is.EqualTo(amira.Id));
        Assert.That(secondPage.Users.Single().User.Id, Is.EqualTo(bella.Id));
        Assert.That(secondPage.Users.Single().Roles, Is.EqualTo(new[] { Roles.Candidate, Roles.Mentor }));
        Assert.That(byEmail.Users.Select(u => u.User.Id), Is.EqualTo(new[] { amira.Id }));
        Assert.That(everyone.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task Search_MoreThanTheCountLimit_CountStopsThereAndSaysSo()
    {
        var providerId = await Rows.ProviderAsync();
        var people = Enumerable.Range(0, UserPage.CountLimit + 2).Select(i => new AppUser
        {
            Email = $"many-{i}-{providerId}@repo.example", NormalizedEmail = $"MANY-{i}-{providerId}@REPO.EXAMPLE", DisplayName = $"Many {i:D5}",
            ProviderId = providerId, CreatedUtc = AccountRows.Now,
        }).ToList();
        await using (var connection = await Db.OpenForWriteAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                """
                INSERT INTO Users (Email, NormalizedEmail, DisplayName, PasswordHash, SecurityStamp, ConcurrencyStamp, EmailConfirmed,
                                   LockoutEnabled, LockoutEndUtc, AccessFailedCount, IsActive, ProviderId, SchoolId, TimeZone, TimeZoneConfirmed, CreatedUtc)
                VALUES (@Email, @NormalizedEmail, @DisplayName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @EmailConfirmed,
                        @LockoutEnabled, @LockoutEndUtc, @AccessFailedCount, @IsActive, @ProviderId, @SchoolId, @TimeZone, @TimeZoneConfirmed, @CreatedUtc)
                """,
                people, transaction);
            await transaction.CommitAsync();
        }

        var everyone = await Users.SearchAsync(providerId, null, 0, 25);
        var lastCounted = await Users.SearchAsync(providerId, null, UserPage.CountLimit - 1, 25);
        var few = await Users.SearchAsync(providerId, "Many 0000", 0, 25);

        Assert.That((everyone.Total, everyone.MoreThanTotal), Is.EqualTo((UserPage.CountLimit, true)));
        Assert.That(everyone.Users.Select(u => u.User.DisplayName), Is.EqualTo(people.Take(25).Select(p => p.DisplayName)), "the first page by name");
        Assert.That(lastCounted.Users.Select(u => u.User.DisplayName), Is.EqualTo(people.Skip(UserPage.CountLimit - 1).Select(p => p.DisplayName)),
            "pages past the count's limit are still read");
        Assert.That((few.Total, few.MoreThanTotal), Is.EqualTo((10, false)), "a search under the limit is counted exactly");
    }

    [TestCase("%")]
    [TestCase("_")]
    [TestCase("\\")]
    public async Task Search_WildcardCharacters_MatchOnlyThemselves(string wildcard)
    {
        var providerId = await Rows.ProviderAsync();
        await Rows.UserAsync("Plain Name", providerId);
        var literal = await Rows.UserAsync($"Odd {wildcard} Name", providerId);

        var found = await Users.SearchAsync(providerId, wildcard, 0, 10);

        Assert.That(found.Users.Select(u => u.User.Id), Is.EqualTo(new[] { literal.Id }));
    }

    [Test]
    public async Task GetSchool_ReadsOneSchoolById_UnknownIsNull()
    {
        var name = AccountRows.Unique("Oak");
        var id = await Rows.SchoolAsync(name, "Spain", urn: "654321");

        var school = await Users.GetSchoolAsync(id);

        Assert.That((school!.Id, school.Name, school.Urn, school.Country), Is.EqualTo((id, name, "654321", "Spain")));
        Assert.That(await Users.GetSchoolAsync(-1), Is.Null);
    }

    /// <summary>A token no other test's school holds, so each search sees only its own schools.</summary>
    private static string Token() => "zq" + Guid.NewGuid().ToString("N")[..10];

    [Test]
    public async Task FindSchools_NamePrefixFirst_ThenNamesContainingIt_EachByNameIgnoringCase()
    {
        var token = Token();
        var contains = await Rows.SchoolAsync($"Abbey {token} School");
        var prefixLower = await Rows.SchoolAsync($"{token}bury Primary");
        var containsLate = await Rows.SchoolAsync($"Zed {token}");
        var prefixUpper = await Rows.SchoolAsync($"{token.ToUpperInvariant()}LEY Academy");
        var sameNameSpain = await Rows.SchoolAsync($"{token}bury Primary", "Spain");
        await Rows.SchoolAsync(AccountRows.Unique("Elsewhere"));

        var all = await Users.FindSchoolsAsync(token.ToUpperInvariant(), 10);
        var three = await Users.FindSchoolsAsync($"  {token} ", 3);

        Assert.That(all.Select(s => s.Id), Is.EqualTo(new[] { sameNameSpain, prefixLower, prefixUpper, contains, containsLate }),
            "prefix matches (by name, then country) before names containing it, case ignored");
        Assert.That(three.Select(s => s.Id), Is.EqualTo(new[] { sameNameSpain, prefixLower, prefixUpper }), "never more than asked");
        Assert.That(await Users.FindSchoolsAsync("   ", 10), Is.Empty);
    }

    [Test]
    public async Task FindSchools_AnExactUrn_ComesFirst_OnlyWhole()
    {
        var urn = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byName = await Rows.SchoolAsync($"{urn} Academy");
        var byUrn = await Rows.SchoolAsync(AccountRows.Unique("Riverside"), urn: urn);
        await Rows.SchoolAsync(AccountRows.Unique("Hillside"), urn: urn + "1");
        var inside = await Rows.SchoolAsync($"Old {urn} School");

        var found = await Users.FindSchoolsAsync(urn, 10);
        var noUrn = await Users.FindSchoolsAsync(urn[..^1], 10);

        Assert.That(found.Select(s => s.Id), Is.EqualTo(new[] { byUrn, byName }),
            "the URN's school, then names starting with it; a longer URN is not a match, nor (once the URN is found) a name with it inside");
        Assert.That(found[0].Urn, Is.EqualTo(urn));
        Assert.That(noUrn.Select(s => s.Id), Is.EqualTo(new[] { byName, inside }), "no URN matched: names starting with it, then containing it");
    }

    [TestCase("%")]
    [TestCase("_")]
    [TestCase("[Q]")]
    [TestCase("\\")]
    public async Task FindSchools_WildcardCharacters_MatchOnlyThemselves(string wildcard)
    {
        var token = Token();
        var literal = await Rows.SchoolAsync($"{token}{wildcard}x School");
        var inside = await Rows.SchoolAsync($"Old {token}{wildcard}x School");
        await Rows.SchoolAsync($"{token}Qx School");
        await Rows.SchoolAsync($"{token}x School");
        await Rows.SchoolAsync($"Old {token}Qx School");

        var found = await Users.FindSchoolsAsync($"{token}{wildcard}x", 10);

        Assert.That(found.Select(s => s.Id), Is.EqualTo(new[] { literal, inside }));
    }
}

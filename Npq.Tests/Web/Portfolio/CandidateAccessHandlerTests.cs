using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Moq;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Tests.Web.Portfolio;

public sealed class CandidateAccessHandlerTests
{
    private const int Candidate = 10;
    private const int Other = 11;
    private const int MentorId = 20;
    private const int HeadId = 30;
    private const int AdminId = 40;

    private static async Task<bool> Allowed(int userId, string role, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, int owner)
    {
        var relationships = new Mock<IRelationships>();
        relationships.Setup(r => r.IsMentorOfAsync(MentorId, Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        relationships.Setup(r => r.IsHeadteacherOfAsync(HeadId, Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        relationships.Setup(r => r.IsProviderAdminOfAsync(AdminId, Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, role)], "test"));
        var context = new AuthorizationHandlerContext([operation], user, new CandidateResource(owner));

        await new CandidateAccessHandler(relationships.Object).HandleAsync(context);
        return context.HasSucceeded;
    }

    [Test]
    public async Task Candidate_ReadsAndEditsOwn_ButNeverAnothers()
    {
        Assert.That(await Allowed(Candidate, Roles.Candidate, Operations.Read, Candidate), Is.True);
        Assert.That(await Allowed(Candidate, Roles.Candidate, Operations.Edit, Candidate), Is.True);
        Assert.That(await Allowed(Other, Roles.Candidate, Operations.Read, Candidate), Is.False);
        Assert.That(await Allowed(Other, Roles.Candidate, Operations.Edit, Candidate), Is.False);
        Assert.That(await Allowed(Candidate, Roles.Candidate, Operations.Mentor, Candidate), Is.False);
    }

    [Test]
    public async Task Mentor_ReadsAndMentorsTheirMentee_ButCannotEditTheirWork()
    {
        Assert.That(await Allowed(MentorId, Roles.Mentor, Operations.Read, Candidate), Is.True);
        Assert.That(await Allowed(MentorId, Roles.Mentor, Operations.Mentor, Candidate), Is.True);
        Assert.That(await Allowed(MentorId, Roles.Mentor, Operations.Edit, Candidate), Is.False);
        Assert.That(await Allowed(MentorId, Roles.Mentor, Operations.Read, Other), Is.False);
    }

    [Test]
    public async Task Headteacher_OnlyReadsTheirSchoolsCandidates()
    {
        Assert.That(await Allowed(HeadId, Roles.Headteacher, Operations.Read, Candidate), Is.True);
        Assert.That(await Allowed(HeadId, Roles.Headteacher, Operations.Edit, Candidate), Is.False);
        Assert.That(await Allowed(HeadId, Roles.Headteacher, Operations.Mentor, Candidate), Is.False);
        Assert.That(await Allowed(HeadId, Roles.Headteacher, Operations.Read, Other), Is.False);
    }

    [Test]
    public async Task ProviderAdmin_DoesEverythingForTheirProvidersCandidates()
    {
        Assert.That(await Allowed(AdminId, Roles.ProviderAdmin, Operations.Read, Candidate), Is.True);
        Assert.That(await Allowed(AdminId, Roles.ProviderAdmin, Operations.Edit, Candidate), Is.True);
        Assert.That(await Allowed(AdminId, Roles.ProviderAdmin, Operations.Mentor, Candidate), Is.True);
        Assert.That(await Allowed(AdminId, Roles.ProviderAdmin, Operations.Read, Other), Is.False);
    }

    [Test]
    public async Task RoleClaimMissing_EvenTheRightRelationshipIsNotEnough()
    {
        Assert.That(await Allowed(MentorId, Roles.Candidate, Operations.Read, Candidate), Is.False);
        Assert.That(await Allowed(AdminId, Roles.Assessor, Operations.Read, Candidate), Is.False);
    }
}

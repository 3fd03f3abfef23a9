using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Notifications;

namespace Npq.Tests.Builders;

/// <summary>
/// People of the demo provider, invited by its admin (<see cref="UserAdministration.InviteAsync"/>: roles, school,
/// the invitation email and its audit entry), and the schools and delivery partners they belong to.
/// </summary>
public sealed class PeopleBuilder(Build build)
{
    /// <summary>A school (no use case makes schools: they come with the installation, so through the Core interface).</summary>
    public Task<int> SchoolAsync(string name, string country = "United Kingdom", string timeZone = "Europe/London") =>
        build.Service<IOrganisationRepository>().EnsureSchoolAsync(name, country, timeZone);

    /// <summary>A delivery partner of the demo provider (no use case makes partners either).</summary>
    public async Task<int> PartnerAsync(string name) =>
        await build.Service<IOrganisationRepository>().EnsureDeliveryPartnerAsync(await build.ProviderIdAsync(), name);

    /// <summary>Someone the admin invites, in one role, at a school or none; their id.</summary>
    public async Task<int> PersonAsync(string email, string name, string role, int? schoolId = null)
    {
        var admin = await build.AdminAsync();
        var (result, userId) = await build.RunAsync<UserAdministration, (AdminResult, int?)>(null, users =>
            users.InviteAsync(admin, new Invitation(email, name, [role], schoolId), ipAddress: null));
        return userId ?? Build.Refused<int>($"invitation of {email}", [result.Message ?? "no reason given"]);
    }

    public Task<int> CandidateAsync(string email, string name, int? schoolId = null) => PersonAsync(email, name, Roles.Candidate, schoolId);

    public Task<int> MentorAsync(string email, string name) => PersonAsync(email, name, Roles.Mentor);

    public Task<int> HeadteacherAsync(string email, string name, int schoolId) => PersonAsync(email, name, Roles.Headteacher, schoolId);

    public Task<int> AssessorAsync(string email, string name) => PersonAsync(email, name, Roles.Assessor);

    /// <summary>
    /// An in-app notification as it stands (what another capability's event would have left, such as a mentor told
    /// of a submission): through the Core interface, since the builders do not replay those events.
    /// </summary>
    public Task<int> NotificationAsync(int userId, string kind, string title, DateTime? createdUtc = null) =>
        build.Service<INotificationRepository>().AddAsync(new Notification
        {
            UserId = userId, Kind = kind, Title = title, CreatedUtc = createdUtc ?? DateTime.UtcNow,
        });
}

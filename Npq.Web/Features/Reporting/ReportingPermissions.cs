using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reporting;

/// <summary>
/// Who may use reporting. Roles open the pages; what a person sees inside them is their <see cref="ReportScope"/>
/// (from <c>ViewerScope</c>): a cohort, export or declaration outside it answers 404, decided by the Core use cases.
/// Data rights need only a signed-in person (the global policy); erasure is a provider admin's.
/// </summary>
public static class ReportingPermissions
{
    /// <summary>The completion report and its exports: admins (their provider), headteachers (their school), mentors (their mentees).</summary>
    public const string ReportReaders = $"{Roles.ProviderAdmin},{Roles.Headteacher},{Roles.Mentor}";

    /// <summary>Dashboards: admins (their cohorts) and headteachers (their school's page).</summary>
    public const string DashboardReaders = $"{Roles.ProviderAdmin},{Roles.Headteacher}";

    /// <summary>DfE declarations, outcomes and erasure.</summary>
    public const string ProviderAdmins = Roles.ProviderAdmin;

    /// <summary>The signed-in person asking, and from where, for the audit trail.</summary>
    public static ReportActor Actor(this ControllerBase controller) =>
        new(controller.User.GetUserId(), controller.HttpContext.Connection.RemoteIpAddress?.ToString());
}

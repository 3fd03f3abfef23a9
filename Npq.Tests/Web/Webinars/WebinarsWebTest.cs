using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>What the webinar page tests share: the app, the demo's people and cohorts, and sessions made for a test.</summary>
public abstract class WebinarsWebTest : WebFixture
{
    protected IWebinarRepository Webinars => Factory.Services.GetRequiredService<IWebinarRepository>();

    protected IAttendanceRepository Attendance => Factory.Services.GetRequiredService<IAttendanceRepository>();

    protected async Task<(int Uk, int Dubai)> CohortsAsync()
    {
        var cohorts = await Webinars.GetCohortsForUserAsync(await UserIdAsync("admin@npq.example"), isProviderAdmin: true);
        // The base demo cohorts are the first of their zones (later demo data adds more cohorts).
        return (cohorts.Where(c => c.TimeZone == "Europe/London").OrderBy(c => c.Id).First().Id, cohorts.Where(c => c.TimeZone == "Asia/Dubai").OrderBy(c => c.Id).First().Id);
    }

    protected async Task<WebinarSession> AddSessionAsync(int cohortId, DateTime startUtc, string title, int minutes = 60)
    {
        var now = DateTime.UtcNow;
        var id = (await Webinars.CreateSessionsAsync(
        [
            new WebinarSession
            {
                CohortId = cohortId, Title = title, StartUtc = startUtc, DurationMinutes = minutes, JoinUrl = "https://meet.example/room",
                Capacity = 30, FacilitatorUserId = await UserIdAsync("mentor@npq.example"), CreatedUtc = now, UpdatedUtc = now,
            },
        ])).Single();
        return (await Webinars.GetSessionAsync(id))!;
    }

    protected static string Unfold(string ics) => ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
}

using Microsoft.Extensions.Options;
using Npq.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Npq.Core.Webinars;
using Npq.Web.Features.Webinars.Sessions;

namespace Npq.Web.Features.Webinars;

public static class WebinarsFeature
{
    /// <summary>
    /// Webinars: the use cases (scheduling, attendance, calendar feeds, reminders), the queries other capabilities
    /// read (<see cref="IAttendanceQueries"/>), the access handler, the options and the reminder timer.
    /// </summary>
    public static IServiceCollection AddWebinars(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebinarsOptions>(configuration.GetSection("Webinars"));
        services.AddSingleton<IAttendanceQueries, AttendanceQueries>();
        services.AddSingleton<SessionQueries>();
        services.AddSingleton<WebinarScheduling>();
        services.AddSingleton<AttendanceRecording>();
        services.AddSingleton<AttendanceOverview>();
        services.AddSingleton<CalendarFeeds>();
        services.AddSingleton<SessionReminders>();
        services.AddSingleton<IAuthorizationHandler, CohortSessionsHandler>();
        services.AddRecurringJob<SessionReminderJob>("webinar-reminders", sp =>
        {
            var o = sp.GetRequiredService<IOptions<WebinarsOptions>>().Value;
            return o.RemindersEnabled ? TimeSpan.FromSeconds(Math.Max(5, o.ReminderPollSeconds)) : null;
        });
        return services;
    }
}

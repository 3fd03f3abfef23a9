using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Infrastructure;
using Npq.Core.Webinars;

namespace Npq.Data.Webinars;

public static class WebinarsDataServices
{
    /// <summary>Sessions, attendance, calendar feeds and the attendance queries other features read.</summary>
    public static IServiceCollection AddWebinarsData(this IServiceCollection services)
    {
        services.AddRepository<IWebinarRepository, WebinarRepository>();
        services.AddRepository<IAttendanceRepository, AttendanceRepository>();
        services.AddRepository<ICalendarFeedRepository, CalendarFeedRepository>();
        services.AddSingleton<IAttendanceQueries, AttendanceQueries>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;

namespace Npq.Data.Webinars;

public static class WebinarsDataServices
{
    /// <summary>Sessions, attendance, calendar feeds and the attendance queries other features read.</summary>
    public static IServiceCollection AddWebinarsData(this IServiceCollection services)
    {
        services.AddSingleton<WebinarRepository>();
        services.AddSingleton<AttendanceRepository>();
        services.AddSingleton<CalendarFeedRepository>();
        services.AddSingleton<IAttendanceQueries, AttendanceQueries>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

public static class WebinarsDataServices
{
    /// <summary>Where sessions, attendance and calendar feeds are kept.</summary>
    public static IServiceCollection AddWebinarsData(this IServiceCollection services)
    {
        services.AddRepository<IWebinarRepository, WebinarRepository>();
        services.AddRepository<IAttendanceRepository, AttendanceRepository>();
        services.AddRepository<ICalendarFeedRepository, CalendarFeedRepository>();
        return services;
    }
}

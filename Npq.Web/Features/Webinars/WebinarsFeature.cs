using Npq.Web.Features.Webinars.Sessions;
using Microsoft.AspNetCore.Authorization;

namespace Npq.Web.Features.Webinars;

public static class WebinarsFeature
{
    /// <summary>Webinars, attendance, calendar feeds, reminders and the time-zone setting.</summary>
    public static IServiceCollection AddWebinars(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebinarsOptions>(configuration.GetSection("Webinars"));
        services.AddSingleton<IAuthorizationHandler, CohortSessionsHandler>();
        services.AddSingleton<SessionReminderJob>();
        services.AddHostedService<SessionReminderService>();
        return services;
    }
}

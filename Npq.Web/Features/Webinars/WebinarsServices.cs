using Microsoft.AspNetCore.Authorization;

namespace Npq.Web.Features.Webinars;

public static class WebinarsServices
{
    /// <summary>Webinars, attendance, calendar feeds, reminders and the time-zone setting.</summary>
    public static IServiceCollection AddNpqWebinars(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebinarsOptions>(configuration.GetSection("Webinars"));
        services.AddSingleton<IAuthorizationHandler, CohortSessionsHandler>();
        services.AddSingleton<SessionReminderJob>();
        services.AddHostedService<SessionReminderService>();
        services.AddScoped<Seed.IDemoSeedStep, WebinarDemoSeedStep>();
        return services;
    }
}

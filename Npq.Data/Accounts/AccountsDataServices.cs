using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Notifications;
using Npq.Core.Reporting;
using Npq.Data.Auditing;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;
using Npq.Data.Notifications;

namespace Npq.Data.Accounts;

public static class AccountsDataServices
{
    /// <summary>
    /// People, their roles, sessions and zones, relationships, notifications and the audit log; and the user store
    /// ASP.NET Core Identity's managers work through (they are configured by the web's accounts feature).
    /// </summary>
    public static IServiceCollection AddAccountsData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(sp => new UserSessionCache(
            sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<SharedCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        services.AddSingleton<IUserSessions>(sp => sp.GetRequiredService<UserSessionCache>());
        services.AddRepository<IUserRepository, UserRepository>();
        services.AddScoped<IUserStore<AppUser>, DapperUserStore>();
        services.AddRepository<IUserTimeZones, UserTimeZoneRepository>();
        services.AddRepository<IRelationships, RelationshipRepository>();
        services.AddRepository<INotificationRepository, NotificationRepository>();
        services.AddRepository<IMailOutboxRepository, MailOutboxRepository>();
        services.AddSingleton<IPersonalDataContributor, MailOutboxPersonalData>();
        services.AddRepository<IAuditLog, AuditLogRepository>();
        services.AddSingleton<IAuditLogReader>(sp => sp.GetRequiredService<AuditLogRepository>());
        return services;
    }
}

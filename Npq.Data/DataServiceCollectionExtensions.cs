using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.DataRights;
using Npq.Core.Reports;
using Npq.Data.Applications;
using Npq.Data.Courses;
using Npq.Data.Enrolments;
using Npq.Data.Accounts;
using Npq.Data.Assessment;
using Npq.Data.Auditing;
using Npq.Data.Infrastructure;
using Npq.Data.Migrations;
using Npq.Data.Notifications;
using Npq.Data.Organisations;
using Npq.Data.Webinars;
using Npq.Data.Evidence;
using Npq.Data.Feedback;
using Npq.Data.Progress;
using Npq.Data.Reports;
using Npq.Data.Tasks;

namespace Npq.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the connection factory for the configured provider, the migrator and the repositories.</summary>
    public static IServiceCollection AddNpqData(this IServiceCollection services, DatabaseOptions options)
    {
        DapperSetup.Configure();
        IDbConnectionFactory factory = options.Provider == DatabaseProvider.SqlServer
            ? new SqlServerConnectionFactory(options.ConnectionString ?? throw new InvalidOperationException("ConnectionStrings:Npq is required for SQL Server"))
            : new SqliteConnectionFactory(options.ConnectionString!, options.CommandTimeoutSeconds);
        // Registered through a factory method so that the container disposes it (SQLite's writer connection) on shut-down.
        services.AddSingleton(_ => factory);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<OrganisationRepository>();
        services.AddMemoryCache();
        services.AddSingleton(sp => new UserSessionCache(
            factory, sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        services.AddSingleton(sp => new CandidateFrameworks(
            sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        services.AddSingleton<UserRepository>();
        services.AddSingleton<RelationshipRepository>();
        services.AddSingleton<IRelationships>(sp => sp.GetRequiredService<RelationshipRepository>());
        services.AddSingleton<EnrolmentRepository>();
        services.AddSingleton<CohortRepository>();
        services.AddSingleton<ApplicationRepository>();
        services.AddSingleton<EnrolmentLifecycleRepository>();
        services.AddSingleton<ImportRepository>();
        services.AddSingleton<NotificationRepository>();
        services.AddSingleton<AuditLogRepository>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLogRepository>());
        services.AddNpqWebinarsData();
        services.AddSingleton<PlacementRepository>();
        services.AddSingleton<EvidenceRepository>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<FeedbackRepository>();
        services.AddSingleton<ProgressRepository>();
        services.AddSingleton<MarkingRepository>();
        services.AddSingleton<FinalOutcomeRepository>();
        services.AddSingleton<IFinalOutcomeSource>(sp => sp.GetRequiredService<FinalOutcomeRepository>());
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<FinalOutcomeRepository>());
        services.AddNpqReportsData();
        return services;
    }
}

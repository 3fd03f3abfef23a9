using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Accounts;
using Npq.Data.Discussions;
using Npq.Data.Dfe;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npq.Data.Materials;
using Npq.Data.Migrations;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;
using Npq.Data.Webinars;

namespace Npq.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the connection factory for the configured provider, the migrator and every capability's repositories.</summary>
    public static IServiceCollection AddNpqData(this IServiceCollection services, DatabaseOptions options)
    {
        DapperSetup.Configure();
        IDbConnectionFactory factory = options.Provider == DatabaseProvider.SqlServer
            ? new SqlServerConnectionFactory(options.ConnectionString ?? throw new InvalidOperationException("ConnectionStrings:Npq is required for SQL Server"))
            : new SqliteConnectionFactory(options.ConnectionString!, options.CommandTimeoutSeconds, options.SqliteMemoryMapMegabytes, options.SqlitePageCacheMegabytes);
        // Registered through a factory method so that the container disposes it (SQLite's writer connection) on shut-down.
        services.AddSingleton(_ => factory);
        services.AddSingleton(options);
        services.AddSingleton<Npq.Core.Changes.IWriteTogether, WriteTogether>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseStatistics>();
        services.AddSingleton<DemoSeedRuns>();
        services.AddMemoryCache();

        // Memory alone, unless the web tier adds Redis as HybridCache's second level and as the way instances signal
        // each other (IInstanceSignals) before this runs.
        services.AddHybridCache();
        services.TryAddSingleton<IInstanceSignals, SingleInstanceSignals>();
        services.AddSingleton<SharedCache>();
        services.AddAccountsData(options);
        services.AddEnrolmentData();
        services.AddPortfolioData(options);
        services.AddFinalAssessmentData();
        services.AddWebinarsData();
        services.AddReportingData(options);
        services.AddMaterialsData(options);
        services.AddDiscussionsData();
        services.AddDfeData();
        return services;
    }
}

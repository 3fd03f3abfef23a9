using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Notifications;
using Npq.Data;
using Npq.Data.Files;
using Npq.Data.Infrastructure;
using Npq.Web.Demo;
using Npq.Web.Features.Accounts;
using Npq.Web.Features.Dfe;
using Npq.Web.Features.Discussions;
using Npq.Web.Features.Enrolment;
using Npq.Web.Features.FinalAssessment;
using Npq.Web.Features.Materials;
using Npq.Web.Features.Frameworks;
using Npq.Web.Features.Portfolio;
using Npq.Web.Features.Reporting;
using Npq.Web.Features.Webinars;
using Npq.Web.Infrastructure.Caching;
using Npq.Web.Infrastructure.Health;
using Npq.Web.Infrastructure.Authorization;
using Npq.Web.Infrastructure.Email;
using Npq.Web.Infrastructure.Jobs;
using Npq.Web.Infrastructure.Telemetry;

namespace Npq.Web.Infrastructure;

public static class NpqServices
{
    public const string FrameworkCache = "frameworks";

    /// <summary>The one place where the application's services are wired up.</summary>
    public static IServiceCollection AddNpq(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);

        // Outside Development cookies are Secure-only, with HSTS and HTTPS redirection; a deployment behind a
        // TLS-terminating proxy keeps the default. Only local HTTP test rigs set Security:RequireHttps=false.
        var requireHttps = RequireHttps(configuration, environment);
        var cookieSecurity = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddNpqRedis(configuration);
        var database = ResolveDatabaseOptions(configuration, environment);
        services.AddNpqData(database);
        services.AddNpqJobs(configuration, database);

        services.AddFrameworks(configuration, environment);

        // Uploaded files, outside wwwroot, each at most Storage:MaxFileBytes (20 MB): in a local folder, Storage:Root
        // (default App_Data/files under the content root), or with Storage:Provider=AzureBlob in a private blob
        // container that several instances share (its container is made at start, see NpqPipeline).
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.AddSingleton<IFileStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            IFileStore store = storage.UsesAzureBlob
                ? AzureBlobFileStore.Create(storage.AzureBlob)
                : new LocalFileStore(Path.IsPathRooted(storage.Root) ? storage.Root : Path.Combine(environment.ContentRootPath, storage.Root));
            return new Telemetry.MeasuredFileStore(store, sp.GetRequiredService<Telemetry.NpqMetrics>());
        });

        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddNpqDemo();
        services.AddSingleton<Features.Shared.ViewerScope>();

        services.AddNpqMail(configuration);
        services.AddWebinars(configuration);
        services.AddEnrolment(configuration);
        services.AddPortfolio(configuration, environment);
        services.AddFinalAssessment(configuration);
        services.AddReporting(configuration);
        services.AddMaterials();
        services.AddDiscussions();
        services.AddDfe(configuration);

        services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/sign-in";
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/error/403";
                options.Cookie.Name = "npq.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = cookieSecurity;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        services.AddMemoryCache();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<Microsoft.Extensions.Caching.Memory.IMemoryCache>((options, cache) =>
            {
                if (options.TicketDataFormat is { } inner)
                {
                    options.TicketDataFormat = new Authentication.RememberedTickets(inner, cache);
                }
            });

        services.AddAccounts(configuration, environment);

        // Deny by default for every endpoint, MVC or not: those without authorisation metadata need a signed-in user.
        // Requests that match no endpoint pass through, so a missing page is a 404 (and static files stay public).
        // This policy is MVC's deny-by-default too: a global AuthorizeFilter as well evaluated every action's policy a
        // second time, after the middleware had (1.4 % of the admin's sessions page's CPU samples, issue 23).
        services.AddAuthorization(options =>
            options.FallbackPolicy = new AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                    || (context.Resource is HttpContext http && http.GetEndpoint() is null))
                .Build());
        services.AddSingleton<IAuthorizationHandler, CandidateAccessHandler>();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "npq.af";
            options.Cookie.SecurePolicy = cookieSecurity;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        services
            .AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            })
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));

        // Framework pages are the same for every anonymous visitor and change only with a deploy: cache them.
        // The default policy never caches signed-in requests or responses that set cookies.
        services.AddOutputCache(options =>
            options.AddPolicy(FrameworkCache, policy => policy.Expire(TimeSpan.FromMinutes(10)).SetVaryByQuery("q")));

        // A candidate's own pages, and the discussion pages they read, are output-cached until a write that could change them (see CandidatePageGenerations).
        services.AddSingleton<Caching.CandidatePageGenerations>();
        services.AddOptions<OutputCacheOptions>()
            .Configure<Caching.CandidatePageGenerations, IOptions<AntiforgeryOptions>, IOptions<CookieTempDataProviderOptions>>(
                (options, generations, antiforgery, tempData) =>
                {
                    options.AddPolicy(Caching.CandidatePageCachePolicy.Name, new Caching.CandidatePageCachePolicy(generations, antiforgery, tempData, configuration));
                    options.AddPolicy(
                        Caching.CandidatePageCachePolicy.SharedName,
                        new Caching.CandidatePageCachePolicy(generations, antiforgery, tempData, configuration, Caching.CandidatePageCachePolicy.SharedRouteKeys));
                });

        services.AddProblemDetails();
        services.AddNpqHealthChecks();
        services.AddNpqStartupChecks();
        services.AddNpqForwardedHeaders(configuration);
        services.AddNpqTelemetry(configuration, environment);
        return services;
    }

    public static bool RequireHttps(IConfiguration configuration, IWebHostEnvironment environment) =>
        configuration.GetValue("Security:RequireHttps", !environment.IsDevelopment());

    /// <summary>Reads <c>Database</c> and <c>ConnectionStrings:Npq</c>; SQLite gets a file under App_Data by default.</summary>
    public static DatabaseOptions ResolveDatabaseOptions(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        var connectionString = configuration.GetConnectionString("Npq");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.ConnectionString = connectionString;
        }

        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var path = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(environment.ContentRootPath, options.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            options.ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        }

        return options;
    }
}

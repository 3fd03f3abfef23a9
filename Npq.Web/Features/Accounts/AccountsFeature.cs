using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Notifications;
using Npq.Web.Features.Accounts.Account;
using Npq.Web.Infrastructure.Authentication;
using Npq.Web.Infrastructure.RateLimiting;
using Npq.Web.Infrastructure.DataProtection;
using Npq.Web.Infrastructure.Email;

namespace Npq.Web.Features.Accounts;

/// <summary>
/// The accounts capability: its use cases, Identity (over the user store the data layer registers), session checks on
/// the cookie, Data Protection keys, the rate limit on account posts and who may manage an account.
/// </summary>
public static class AccountsFeature
{
    /// <summary>The rate-limit policy on sign-in, forgotten-password, reset and invitation posts.</summary>
    public const string RateLimitPolicy = "account";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        AddDataProtection(services, configuration, environment);
        AddIdentity(services, configuration);

        services.AddScoped<IAccountIdentity, IdentityAccounts>();
        services.AddSingleton<ProviderStaff>();
        services.AddOptions<AccountMailOptions>().Configure<IOptions<EmailOptions>>((options, email) =>
        {
            options.PublicBaseUrl = email.Value.PublicBaseUrl;
            options.ResetLinkHours = configuration.GetValue("Account:ResetLinkHours", 2.0);
            options.InvitationDays = configuration.GetValue("Account:InvitationDays", 7.0);
        });
        services.AddScoped<AccountAudit>();
        services.AddScoped<AccountMail>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<AccountPasswords>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<AuditLogViewer>();
        services.AddScoped<TimeZoneSettings>();
        services.AddScoped<NotificationInbox>();

        services.AddScoped<AccountSessions>();
        services.AddScoped<NpqCookieEvents>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure(options => options.EventsType = typeof(NpqCookieEvents));
        services.AddSingleton<IAuthorizationHandler, ManagedUserHandler>();
        AddRateLimit(services, configuration);
        return services;
    }

    private static void AddDataProtection(IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddNpqDataProtection(configuration, environment);
        RememberAntiforgeryCookies(services);
    }

    /// <summary>Identity's managers; the user store (<c>IUserStore&lt;AppUser&gt;</c>) is registered by the data layer.</summary>
    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty; // the user name is the email address
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Tokens.PasswordResetTokenProvider = ResetTokenProvider.ProviderName;
            })
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.ProviderName)
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);

        services.Configure<ResetTokenProviderOptions>(options =>
        {
            options.Name = ResetTokenProvider.ProviderName;
            options.TokenLifespan = TimeSpan.FromHours(configuration.GetValue("Account:ResetLinkHours", 2.0));
        });
        services.Configure<InvitationTokenProviderOptions>(options =>
        {
            options.Name = InvitationTokenProvider.ProviderName;
            options.TokenLifespan = TimeSpan.FromDays(configuration.GetValue("Account:InvitationDays", 7.0));
        });
    }

    private static void AddRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimiting:Account:PermitLimit", 20);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Account:WindowSeconds", 60));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context => SharedRateLimits.FixedWindow(context, RateLimitPolicy, permitLimit, window));
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Npq.Account")
                    .LogWarning("Rate limit reached on {Path}", context.HttpContext.Request.Path);
                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>
    /// Wraps the data protection provider that AddDataProtection registered in <see cref="RememberedAntiforgeryCookies"/>.
    /// Only antiforgery's protector changes; sign-in cookies, TempData and emailed links get the registered provider's
    /// own protectors.
    /// </summary>
    private static void RememberAntiforgeryCookies(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(sp => new RememberedAntiforgeryCookies(
            (IDataProtectionProvider)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}

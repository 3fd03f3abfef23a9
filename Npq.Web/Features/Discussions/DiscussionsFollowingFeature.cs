using Microsoft.Extensions.Options;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure.Email;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Web.Features.Discussions;

/// <summary>Discussions' settings (the <c>Discussions</c> configuration section).</summary>
public sealed class DiscussionsOptions
{
    /// <summary>How often the digest job looks for digests that are due (minutes).</summary>
    public int DigestEveryMinutes { get; set; } = 5;
}

public static class DiscussionsFollowingFeature
{
    /// <summary>Following topics and threads, discussion emails and the digest job.</summary>
    public static IServiceCollection AddDiscussionFollowing(this IServiceCollection services)
    {
        services.AddOptions<DiscussionsOptions>().BindConfiguration("Discussions");
        services.AddOptions<DiscussionEmailOptions>().Configure<IOptions<EmailOptions>>((d, e) => d.PublicBaseUrl = e.Value.PublicBaseUrl);
        services.AddScoped<DiscussionFollowing>();
        services.AddScoped<DiscussionDigests>();
        services.AddScoped<DiscussionMail>();
        services.AddRecurringJob<DiscussionDigestJob>("discussion-digests", sp =>
            TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<DiscussionsOptions>>().Value.DigestEveryMinutes)));
        return services;
    }
}

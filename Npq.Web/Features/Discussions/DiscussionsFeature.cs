using Microsoft.AspNetCore.Authorization;
using Npq.Core.Discussions;

namespace Npq.Web.Features.Discussions;

public static class DiscussionsFeature
{
    /// <summary>Cohort discussions and study groups: reading, posting, moderation, groups, and who may do each.</summary>
    public static IServiceCollection AddDiscussions(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, DiscussionsAccessHandler>();
        services.AddSingleton<DiscussionsAccess>();
        services.AddScoped<DiscussionReading>();
        services.AddScoped<DiscussionPosting>();
        services.AddScoped<DiscussionAttachments>();
        services.AddOptions<DiscussionOptions>().BindConfiguration("Discussions");
        services.AddScoped<DiscussionModeration>();
        services.AddScoped<StudyGroupAdministration>();
        services.AddDiscussionFollowing();
        services.AddSingleton<IAuthorizationHandler, CourseSpaceAccessHandler>();
        services.AddScoped<CourseSpaces>();
        return services;
    }
}

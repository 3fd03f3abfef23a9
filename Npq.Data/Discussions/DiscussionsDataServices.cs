using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Discussions;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

public static class DiscussionsDataServices
{
    /// <summary>Cohorts' discussion spaces, moderation, study groups, and their part of the data rights.</summary>
    public static IServiceCollection AddDiscussionsData(this IServiceCollection services)
    {
        services.AddRepository<IDiscussionRepository, DiscussionRepository>();
        services.AddRepository<IDiscussionModerationRepository, ModerationRepository>();
        services.AddRepository<IStudyGroupRepository, StudyGroupRepository>();
        services.AddRepository<IPersonalDataContributor, DiscussionsPersonalData>();
        services.AddRepository<IDiscussionAttachmentRepository, DiscussionAttachmentRepository>();
        services.AddRepository<IPersonalDataContributor, DiscussionAttachmentsPersonalData>();
        services.AddRepository<IDiscussionFollowRepository, FollowRepository>();
        services.AddRepository<IPersonalDataContributor, FollowPersonalData>();
        services.AddRepository<ICourseSpaceRepository, CourseSpaceRepository>();
        return services;
    }
}

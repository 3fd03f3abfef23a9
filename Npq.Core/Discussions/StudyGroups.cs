using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.Discussions;

/// <summary>
/// A facilitator splits a cohort into study groups, by hand or evenly at random. A random split can be made again
/// until someone posts in a group's space; after that only moves by hand. Access (a moderator of the cohort) is
/// checked before these are called.
/// </summary>
public sealed class StudyGroupAdministration(IStudyGroupRepository groups, IAuditLog audit, TimeProvider time, ILogger<StudyGroupAdministration> logger)
{
    public const string CountField = "count";
    public const string AlreadyPosted = "Someone has posted in a study group, so the groups can no longer be made again. Move people by hand instead.";

    public async Task<StudyGroupsPage> PageAsync(SpaceCohort cohort, CancellationToken cancellationToken = default) =>
        new(cohort, await groups.GetGroupsAsync(cohort.CohortId, cancellationToken), await groups.GetCandidatesAsync(cohort.CohortId, cancellationToken),
            !await groups.AnyGroupPostsAsync(cohort.CohortId, cancellationToken));

    /// <summary>Splits the cohort's candidates evenly at random into <paramref name="count"/> groups, replacing the groups it had.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SplitAsync(SpaceCohort cohort, Viewer viewer, int? count, Random random, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (count is not { } n || n < 1 || n > GroupSplitter.MaxGroups)
        {
            return new Dictionary<string, string> { [CountField] = $"Enter a number of groups from 1 to {GroupSplitter.MaxGroups}." };
        }

        if (await groups.AnyGroupPostsAsync(cohort.CohortId, cancellationToken))
        {
            return new Dictionary<string, string> { [CountField] = AlreadyPosted };
        }

        var candidates = await groups.GetCandidatesAsync(cohort.CohortId, cancellationToken);
        var split = GroupSplitter.Split(candidates.Select(c => c.UserId).ToList(), n, random);
        var now = time.GetUtcNow().UtcDateTime;
        await groups.ReplaceGroupsAsync(cohort.CohortId, split, now, cancellationToken);
        await audit.WriteNowAsync(time, "discussions.groups-split", viewer.UserId, "cohort:" + cohort.CohortId, $"{n} groups", ipAddress, cancellationToken);
        logger.LogInformation("Cohort {CohortId} split into {Groups} study groups by {UserId}", cohort.CohortId, n, viewer.UserId);
        return new Dictionary<string, string>();
    }

    /// <summary>Moves one candidate of the cohort into a group of it (or out of every group); false for someone or a group not of the cohort.</summary>
    public async Task<bool> AssignAsync(SpaceCohort cohort, Viewer viewer, int userId, int? groupId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var candidates = await groups.GetCandidatesAsync(cohort.CohortId, cancellationToken);
        var existing = await groups.GetGroupsAsync(cohort.CohortId, cancellationToken);
        if (candidates.All(c => c.UserId != userId) || (groupId is { } g && existing.All(x => x.Id != g)))
        {
            return false;
        }

        await groups.SetMemberAsync(cohort.CohortId, userId, groupId, cancellationToken);
        await audit.WriteNowAsync(time, "discussions.group-member-moved", viewer.UserId, "user:" + userId, groupId is null ? "no group" : $"group {groupId}", ipAddress, cancellationToken);
        return true;
    }
}

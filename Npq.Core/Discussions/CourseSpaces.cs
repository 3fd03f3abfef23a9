using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.Discussions;

/// <summary>A course of the admin's provider and whether its course-wide discussion space (across its cohorts) is switched on.</summary>
public sealed record CourseSpaceSetting
{
    public int CourseId { get; init; }
    public string CourseName { get; init; } = "";
    public int Cohorts { get; init; }
    public bool Enabled { get; init; }
    public DateTime? ChangedUtc { get; init; }
}

/// <summary>The per-course switch of the course-wide space (implemented in Npq.Data). A course with no row is off.</summary>
public interface ICourseSpaceRepository
{
    /// <summary>The courses of the provider the person administers (a provider admin), each with its switch; empty for anyone else.</summary>
    Task<IReadOnlyList<CourseSpaceSetting>> GetAdministeredAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>True when the person is an admin of the provider whose course this is.</summary>
    Task<bool> AdministersCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default);

    /// <summary>Whether the course's space is on (false when never switched).</summary>
    Task<bool> IsEnabledAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>Switches the course's space on or off, recording who and when; one row per course whatever the number of calls.</summary>
    Task SetEnabledAsync(int courseId, bool enabled, int userId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>
/// The opt-in course-wide space: off by default, switched on or off per course by an admin of the course's provider
/// (access is checked before <see cref="SwitchAsync"/> is called). Each change is audit-logged with ids only.
/// </summary>
public sealed class CourseSpaces(ICourseSpaceRepository spaces, IAuditLog audit, TimeProvider time, ILogger<CourseSpaces> logger)
{
    public Task<IReadOnlyList<CourseSpaceSetting>> SettingsAsync(int userId, CancellationToken cancellationToken = default) =>
        spaces.GetAdministeredAsync(userId, cancellationToken);

    /// <summary>Sets the switch; false (nothing written) when it already was so.</summary>
    public async Task<bool> SwitchAsync(int courseId, bool enabled, int adminUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (await spaces.IsEnabledAsync(courseId, cancellationToken) == enabled)
        {
            return false;
        }

        await spaces.SetEnabledAsync(courseId, enabled, adminUserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var action = enabled ? "discussions.course-space-on" : "discussions.course-space-off";
        await audit.WriteNowAsync(time, action, adminUserId, "course:" + courseId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ipAddress, cancellationToken);
        logger.LogInformation("Course-wide discussion space of course {CourseId} switched {State} by {UserId}", courseId, enabled ? "on" : "off", adminUserId);
        return true;
    }
}

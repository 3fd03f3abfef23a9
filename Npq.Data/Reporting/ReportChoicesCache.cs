using Npq.Core.Reporting;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Reporting;

/// <summary>
/// The report filter choices (courses, delivery partners, the newest cohorts) of a provider and of a mentor, remembered
/// for a few seconds (<c>Database:SessionCacheSeconds</c>). Every visit to the completion report offers them, and they
/// change only when a course, cohort or delivery partner is added or edited, or (for a mentor, whose choices are the
/// cohorts holding their mentees) an enrolment is made, moved or given another mentor: each such write calls
/// <see cref="Changed"/> once it has committed, which forgets every remembered choice at once, on this instance and
/// every other (<see cref="SharedCache"/>); a read that started before the write does not put the old choices back. A
/// school's choices follow where its staff work as well and are not remembered.
/// </summary>
public sealed class ReportChoicesCache(SharedCache cache, TimeSpan lifetime)
{
    private const string Tag = "report-choices";

    /// <summary>The choices of <paramref name="scope"/> for these filters: remembered for a provider or a mentor, loaded
    /// when not remembered (and always for a school).</summary>
    internal async Task<ReportFilterChoices> GetAsync(
        ReportScope scope, int? courseId, int? cohortId, int cohortLimit, Func<CancellationToken, Task<ReportFilterChoices>> load,
        CancellationToken cancellationToken)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var key = scope switch
        {
            { ProviderId: { } providerId } => string.Create(invariant, $"report-choices:provider:{providerId}:{courseId}:{cohortId}:{cohortLimit}"),
            { MentorUserId: { } mentorUserId } => string.Create(invariant, $"report-choices:mentor:{mentorUserId}:{courseId}:{cohortId}:{cohortLimit}"),
            _ => null,
        };
        if (key is null)
        {
            return await load(cancellationToken);
        }

        // Kept only when the course and cohort asked for are among the choices: ids made up in the address (or of
        // another scope) are answered but not remembered, so the entries stay bounded by the scope's real courses and cohorts.
        var found = await cache.GetOrLoadAsync(key, Tag, lifetime, load,
            static async (load, cancel) => new Remembered(await load(cancel)), cancellationToken,
            keep: found => (courseId is null || found.Choices.Courses.Any(c => c.Id == courseId))
                && (cohortId is null || found.Choices.Cohorts.Any(c => c.Id == cohortId)));
        return found.Choices;
    }

    /// <summary>
    /// How many enrolments a provider has, of every status (the count of its whole report, which pages it): remembered as
    /// its choices are, and forgotten with them. Only a new enrolment, or one moved to another cohort, changes it, and
    /// every write that does forgets the choices. Read from the cohorts' counts, it costs a key lookup per cohort of the
    /// provider.
    /// </summary>
    internal async Task<int> ProviderEnrolmentsAsync(int providerId, Func<CancellationToken, Task<int>> load, CancellationToken cancellationToken)
    {
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"report-choices:provider-enrolments:{providerId}");
        var found = await cache.GetOrLoadAsync(key, Tag, lifetime, load,
            static async (load, cancel) => new Counted(await load(cancel)), cancellationToken);
        return found.Enrolments;
    }

    /// <summary>Forgets every remembered choice and count; called after a write to courses, cohorts, delivery partners or
    /// who is enrolled where with which mentor commits.</summary>
    public void Changed() => cache.ForgetTag(Tag);

    /// <summary>What is kept: shared between requests as it is (HybridCache copies no type marked immutable), so nothing may change it.</summary>
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Remembered(ReportFilterChoices Choices);

    /// <summary>A provider's enrolments as kept (immutable, as <see cref="Remembered"/>).</summary>
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Counted(int Enrolments);
}

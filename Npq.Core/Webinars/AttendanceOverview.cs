using Npq.Core.Accounts;

namespace Npq.Core.Webinars;

/// <summary>A candidate on a cohort, named, for attendance lists.</summary>
public sealed record EnrolledPerson
{
    public int CandidateUserId { get; init; }
    public string DisplayName { get; init; } = string.Empty;
    public int CohortId { get; init; }
    public string CohortName { get; init; } = string.Empty;
}

/// <summary>A person's attendance on one cohort, named.</summary>
public sealed record PersonAttendance(EnrolledPerson Person, AttendanceSummary Summary);

/// <summary>Who is looking at attendance, and in which roles.</summary>
public sealed record AttendanceViewer(int UserId, bool IsCandidate, bool IsMentor, bool IsHeadteacher, bool IsProviderAdmin);

/// <summary>
/// The attendance a person sees: their own (candidate), their mentees' (mentor), their school's (headteacher), and one
/// page of the cohorts they run (<paramref name="ManagedTotal"/> in all, <paramref name="ManagedPage"/> the page shown).
/// </summary>
public sealed record AttendanceLists(
    IReadOnlyList<PersonAttendance> Own,
    IReadOnlyList<PersonAttendance> Mentees,
    IReadOnlyList<PersonAttendance> School,
    IReadOnlyList<SessionCohort> ManagedCohorts,
    int ManagedTotal = 0,
    int ManagedPage = 1);

/// <summary>One candidate's attendance on each of their cohorts, with the viewer's zone.</summary>
public sealed record CandidateAttendance(string DisplayName, IReadOnlyList<(PersonAttendance Line, SessionCohort Cohort)> Cohorts, string? ViewerZone);

/// <summary>
/// The attendance figures each role sees. The lists say who is related; <c>mayRead</c> (the web's candidate
/// handler) is asked for every person too, so these pages and every other agree.
/// </summary>
public sealed class AttendanceOverview(IWebinarRepository webinars, IAttendanceQueries queries, IUserTimeZones timeZones)
{
    /// <summary>
    /// The lists, with one page of the cohorts the person runs: read with their standing in one query for the page,
    /// each kept only when <paramref name="manages"/> (the web's rule for running a cohort's sessions) agrees; a page
    /// past the end gives the first.
    /// </summary>
    public async Task<AttendanceLists> ListsAsync(
        AttendanceViewer viewer, Func<int, Task<bool>> mayRead, Func<CohortReach, bool> manages, int cohortPage = 1, int cohortSize = 25,
        CancellationToken cancellationToken = default)
    {
        var userId = viewer.UserId;
        var own = viewer.IsCandidate ? await LinesAsync(await webinars.GetEnrolmentsOfAsync(userId, cancellationToken), mayRead, cancellationToken) : [];
        var mentees = viewer.IsMentor ? await LinesAsync(await webinars.GetMenteesAsync(userId, cancellationToken), mayRead, cancellationToken) : [];
        var school = viewer.IsHeadteacher ? await LinesAsync(await webinars.GetSchoolCandidatesAsync(userId, cancellationToken), mayRead, cancellationToken) : [];
        if (!viewer.IsProviderAdmin && !viewer.IsMentor)
        {
            return new AttendanceLists(own, mentees, school, []);
        }

        var skip = (int)Math.Min(int.MaxValue, ((long)cohortPage - 1) * cohortSize);
        var (total, reach) = await webinars.GetManagedCohortsPageAsync(userId, viewer.IsProviderAdmin, viewer.IsMentor, skip, cohortSize, cancellationToken);
        if (cohortPage > 1 && reach.Count == 0)
        {
            cohortPage = 1;
            (total, reach) = await webinars.GetManagedCohortsPageAsync(userId, viewer.IsProviderAdmin, viewer.IsMentor, 0, cohortSize, cancellationToken);
        }

        return new AttendanceLists(own, mentees, school, reach.Where(manages).Select(r => r.Cohort).ToList(), total, cohortPage);
    }

    /// <summary>A candidate's attendance on each cohort they are enrolled on; null when they are enrolled on none.</summary>
    public async Task<CandidateAttendance?> CandidateAsync(int candidateUserId, int viewerUserId, Func<int, Task<bool>> mayRead, CancellationToken cancellationToken = default)
    {
        var enrolments = await webinars.GetEnrolmentsOfAsync(candidateUserId, cancellationToken);
        if (enrolments.Count == 0)
        {
            return null;
        }

        var lines = new List<(PersonAttendance, SessionCohort)>();
        foreach (var line in await LinesAsync(enrolments, mayRead, cancellationToken))
        {
            lines.Add((line, (await webinars.GetCohortAsync(line.Person.CohortId, cancellationToken))!));
        }

        return new CandidateAttendance(enrolments[0].DisplayName, lines, await timeZones.ZoneOfAsync(viewerUserId, cancellationToken));
    }

    /// <summary>
    /// One page of the people enrolled on a cohort, by name, with their attendance, and how many are enrolled: only the
    /// page's people have their figures computed, set-based (a fixed number of queries whatever the page's size), so
    /// the page costs the same whatever the cohort's size.
    /// </summary>
    public async Task<(IReadOnlyList<PersonAttendance> People, int Total)> CohortPageAsync(
        SessionCohort cohort, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (members, total) = await webinars.GetRosterPageAsync(cohort.Id, skip, take, cancellationToken);
        var summaries = await queries.GetAttendanceForPeopleAsync(cohort, members.Select(m => m.UserId).ToList(), cancellationToken);
        var people = members
            .Select(member => new PersonAttendance(
                new EnrolledPerson { CandidateUserId = member.UserId, DisplayName = member.DisplayName, CohortId = cohort.Id, CohortName = cohort.Name },
                summaries[member.UserId]))
            .ToList();
        return (people, total);
    }

    /// <summary>
    /// The readable people's attendance, in the order given: per cohort, its sessions, segments and marks in one query
    /// each for all its people (issue 23: a mentor's twenty mentees were four queries each), each figure what
    /// <see cref="IAttendanceQueries.GetAttendanceAsync"/> gives that person alone.
    /// </summary>
    private async Task<IReadOnlyList<PersonAttendance>> LinesAsync(IReadOnlyList<EnrolledPerson> people, Func<int, Task<bool>> mayRead, CancellationToken cancellationToken)
    {
        var readable = new List<EnrolledPerson>();
        foreach (var person in people)
        {
            if (await mayRead(person.CandidateUserId))
            {
                readable.Add(person);
            }
        }

        var summaries = new Dictionary<(int CohortId, int UserId), AttendanceSummary>();
        foreach (var cohortPeople in readable.GroupBy(p => p.CohortId))
        {
            var cohort = await webinars.GetCohortAsync(cohortPeople.Key, cancellationToken);
            if (cohort is null)
            {
                continue;
            }

            var figures = await queries.GetAttendanceForPeopleAsync(cohort, cohortPeople.Select(p => p.CandidateUserId).Distinct().ToList(), cancellationToken);
            foreach (var (userId, summary) in figures)
            {
                summaries[(cohort.Id, userId)] = summary;
            }
        }

        return readable
            .Where(person => summaries.ContainsKey((person.CohortId, person.CandidateUserId)))
            .Select(person => new PersonAttendance(person, summaries[(person.CohortId, person.CandidateUserId)]))
            .ToList();
    }
}

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
/// The attendance a person sees: their own (candidate), and a page each of their mentees' (mentor), their school's
/// (headteacher) and the cohorts they run (<paramref name="ManagedTotal"/> in all, <paramref name="ManagedPage"/> the
/// page shown).
/// </summary>
public sealed record AttendanceLists(
    IReadOnlyList<PersonAttendance> Own,
    IReadOnlyList<PersonAttendance> Mentees,
    IReadOnlyList<PersonAttendance> School,
    IReadOnlyList<SessionCohort> ManagedCohorts,
    int ManagedTotal = 0,
    int ManagedPage = 1)
{
    /// <summary>How many lines the mentor's list has in all (one per mentee's enrolment), and the page shown.</summary>
    public ListPage MenteesPage { get; init; } = ListPage.None;

    /// <summary>How many lines the school's list has in all, and the page shown.</summary>
    public ListPage SchoolPage { get; init; } = ListPage.None;
}

/// <summary>Where a paged list is: the page shown (past the end gives the first) and how many lines there are in all.</summary>
public sealed record ListPage(int Page, int Total)
{
    public static readonly ListPage None = new(1, 0);
}

/// <summary>The page and size asked for of each list <see cref="AttendanceOverview.ListsAsync"/> pages (25 a page unless said).</summary>
public sealed record AttendancePages
{
    public int MenteesPage { get; init; } = 1;
    public int MenteesSize { get; init; } = 25;
    public int SchoolPage { get; init; } = 1;
    public int SchoolSize { get; init; } = 25;
    public int CohortPage { get; init; } = 1;
    public int CohortSize { get; init; } = 25;
}

/// <summary>One candidate's attendance on each of their cohorts, with the viewer's zone.</summary>
public sealed record CandidateAttendance(string DisplayName, IReadOnlyList<(PersonAttendance Line, SessionCohort Cohort)> Cohorts, string? ViewerZone);

/// <summary>
/// The attendance figures each role sees. The lists say who is related; <c>mayRead</c> (the web's candidate
/// handler) is asked for every person too, so these pages and every other agree.
/// </summary>
public sealed class AttendanceOverview(IWebinarRepository webinars, IAttendanceQueries queries, IUserTimeZones timeZones)
{
    /// <summary>
    /// The lists: the person's own attendance, and a page each of their mentees', their school's candidates' (each page's
    /// people read by name, then their figures set-based, so a page costs the same however long the list) and the
    /// cohorts they run (read with their standing in one query for the page, each kept only when
    /// <paramref name="manages"/>, the web's rule for running a cohort's sessions, agrees). A page past the end of its
    /// list gives the first.
    /// </summary>
    public async Task<AttendanceLists> ListsAsync(
        AttendanceViewer viewer, Func<int, Task<bool>> mayRead, Func<CohortReach, bool> manages, AttendancePages? pages = null,
        CancellationToken cancellationToken = default)
    {
        pages ??= new AttendancePages();
        var userId = viewer.UserId;
        var own = viewer.IsCandidate ? await LinesAsync(await webinars.GetEnrolmentsOfAsync(userId, cancellationToken), mayRead, cancellationToken) : [];
        var (mentees, menteesPage) = viewer.IsMentor
            ? await PeoplePageAsync((skip, take) => webinars.GetMenteesPageAsync(userId, skip, take, cancellationToken), pages.MenteesPage, pages.MenteesSize, mayRead, cancellationToken)
            : ([], ListPage.None);
        var (school, schoolPage) = viewer.IsHeadteacher
            ? await PeoplePageAsync((skip, take) => webinars.GetSchoolCandidatesPageAsync(userId, skip, take, cancellationToken), pages.SchoolPage, pages.SchoolSize, mayRead, cancellationToken)
            : ([], ListPage.None);
        if (!viewer.IsProviderAdmin && !viewer.IsMentor)
        {
            return new AttendanceLists(own, mentees, school, []) { MenteesPage = menteesPage, SchoolPage = schoolPage };
        }

        var ((total, reach), cohortPage) = await PageOrFirstAsync(
            (skip, take) => webinars.GetManagedCohortsPageAsync(userId, viewer.IsProviderAdmin, viewer.IsMentor, skip, take, cancellationToken),
            pages.CohortPage, pages.CohortSize, read => read.Rows.Count == 0);
        return new AttendanceLists(own, mentees, school, reach.Where(manages).Select(r => r.Cohort).ToList(), total, cohortPage)
        {
            MenteesPage = menteesPage,
            SchoolPage = schoolPage,
        };
    }

    /// <summary>
    /// A list's page read by <paramref name="read"/> (skip, take), or its first when the one asked for is past the end
    /// (<paramref name="isEmpty"/> on a later page), with the page read: the web's <c>Paging.ReadAsync</c> rule.
    /// </summary>
    private static async Task<(T List, int Page)> PageOrFirstAsync<T>(Func<int, int, Task<T>> read, int page, int size, Func<T, bool> isEmpty)
    {
        page = Math.Max(1, page);
        var list = await read((int)Math.Min(int.MaxValue, ((long)page - 1) * size), size);
        if (page > 1 && isEmpty(list))
        {
            page = 1;
            list = await read(0, size);
        }

        return (list, page);
    }

    /// <summary>A page of a list of people read by <paramref name="read"/> (skip, take), the first when the one asked for is past the end, with their figures.</summary>
    private async Task<(IReadOnlyList<PersonAttendance> Lines, ListPage Page)> PeoplePageAsync(
        Func<int, int, Task<(IReadOnlyList<EnrolledPerson> People, int Total)>> read, int page, int size, Func<int, Task<bool>> mayRead,
        CancellationToken cancellationToken)
    {
        var ((people, total), shown) = await PageOrFirstAsync(read, page, size, found => found.People.Count == 0);
        return (await LinesAsync(people, mayRead, cancellationToken), new ListPage(shown, total));
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

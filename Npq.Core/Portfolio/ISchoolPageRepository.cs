using Npq.Core.Materials;

namespace Npq.Core.Portfolio;

/// <summary>
/// A page of a headteacher's school, read in one go: how many candidates the school has (places but withdrawn ones),
/// a page of their places by name (then place), and for those on the page what the figures job keeps (each place's
/// progress through its course's materials, by enrolment id; each candidate's statements covered of the framework of
/// each place, by candidate and framework code: a place with none kept is absent), and each candidate's newest progress
/// update in brief (a candidate with none is absent).
/// </summary>
public sealed record SchoolPage(
    int Total,
    IReadOnlyList<CandidatePlacement> Placements,
    IReadOnlyDictionary<int, MaterialsSummary> KeptMaterials,
    IReadOnlyDictionary<(int CandidateUserId, string Framework), int> KeptCoverage,
    IReadOnlyDictionary<int, LatestUpdateSummary> LatestUpdates);

/// <summary>
/// A headteacher's home (issue 23): the page of their school's candidates and what it shows of each, every part found
/// from the headteacher, as one command on one connection instead of four reads (the page, then its places'
/// materials, its candidates' latest updates and their coverage, each by the ids read before).
/// </summary>
public interface ISchoolPageRepository
{
    Task<SchoolPage> ReadAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default);
}

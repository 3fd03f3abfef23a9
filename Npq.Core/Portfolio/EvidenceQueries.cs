using Npq.Core.Frameworks;
using Npq.Core.Materials;

namespace Npq.Core.Portfolio;

/// <summary>One page of a candidate's evidence list, newest first.</summary>
public sealed record EvidenceListing(string CandidateName, IReadOnlyList<EvidenceSummary> Items, int Page, bool HasNext);

/// <summary>
/// A candidate's coverage of their framework (null when there is no framework to cover), with the materials of their
/// course that teach each statement still without evidence (by statement id).
/// </summary>
public sealed record EvidenceCoverage(string CandidateName, CoverageReport? Report)
{
    public IReadOnlyDictionary<string, IReadOnlyList<MaterialLink>> Materials { get; init; } = new Dictionary<string, IReadOnlyList<MaterialLink>>();
}

/// <summary>What the evidence form shows around the input: the framework to choose statements from, and the item's files.</summary>
public sealed record EvidenceFormContext(string CandidateName, Framework Framework, IReadOnlyList<EvidenceFile> Files);

/// <summary>An item with everything its page shows: the statements it claims, its files, history and feedback thread.</summary>
public sealed record EvidenceDetail(
    EvidenceItem Item,
    string CandidateName,
    Framework? Framework,
    IReadOnlyList<Statement> Statements,
    IReadOnlyList<EvidenceFile> Files,
    IReadOnlyList<EvidenceLogEntry> Log,
    IReadOnlyList<FeedbackComment> Thread,
    string CohortZone);

/// <summary>What the evidence pages read: the list, coverage, the form's context and an item's page. Read-only.</summary>
public sealed class EvidenceQueries(IEvidenceRepository evidence, IFeedbackRepository feedback, CandidateLookup candidates, MaterialsFinder? materials = null)
{
    public const int PageSize = 25;

    /// <summary>A page of the list; a nonsense page number shows the first page (one past the end is simply empty).</summary>
    public async Task<EvidenceListing> ListAsync(int candidateUserId, int? page, CancellationToken cancellationToken)
    {
        var number = Math.Clamp(page ?? 1, 1, 100_000);
        var (items, more) = await evidence.GetPageForCandidateAsync(candidateUserId, (number - 1) * PageSize, PageSize, cancellationToken);
        return new EvidenceListing(await candidates.NameAsync(candidateUserId, cancellationToken) ?? string.Empty, items, number, more);
    }

    /// <summary>
    /// The candidate's coverage; with <paramref name="viewerUserId"/>, the materials teaching each uncovered statement
    /// too (linked to their pages when the viewer is the candidate, titles for anyone else).
    /// </summary>
    public async Task<EvidenceCoverage> CoverageAsync(int candidateUserId, CancellationToken cancellationToken, int? viewerUserId = null)
    {
        var framework = await candidates.FrameworkOfAsync(candidateUserId, cancellationToken);
        var report = framework is null ? null : CoverageReport.Build(framework, await evidence.GetStatementCountsAsync(candidateUserId, cancellationToken));
        var coverage = new EvidenceCoverage(await candidates.NameAsync(candidateUserId, cancellationToken) ?? string.Empty, report);
        if (report is null || materials is null || viewerUserId is null)
        {
            return coverage;
        }

        var gaps = report.Uncovered.Select(s => s.Statement.Id);
        return coverage with { Materials = await materials.ForCandidateAsync(candidateUserId, viewerUserId == candidateUserId, gaps, cancellationToken) };
    }

    /// <summary>The form's context for a new item (<paramref name="item"/> null) or a draft; null when there is no framework at all.</summary>
    public async Task<EvidenceFormContext?> FormAsync(int candidateUserId, EvidenceItem? item, CancellationToken cancellationToken)
    {
        var framework = await candidates.FrameworkOfAsync(candidateUserId, cancellationToken);
        if (framework is null)
        {
            return null;
        }

        var itemFiles = item is null ? [] : await evidence.GetFilesAsync(item.Id, cancellationToken);
        return new EvidenceFormContext(await candidates.NameAsync(candidateUserId, cancellationToken) ?? string.Empty, framework, itemFiles);
    }

    public async Task<EvidenceDetail> DetailAsync(EvidenceItem item, CancellationToken cancellationToken)
    {
        var placement = await candidates.PlacementAsync(item.CandidateUserId, cancellationToken);
        var framework = candidates.FrameworkFor(placement);
        var statements = item.StatementIds.Select(s => framework?.FindStatement(s)).OfType<Statement>().ToList();
        var thread = await feedback.GetThreadAsync(FeedbackTarget.Evidence, item.Id, cancellationToken);
        return new EvidenceDetail(
            item,
            await candidates.NameAsync(item.CandidateUserId, cancellationToken) ?? string.Empty,
            framework,
            statements,
            await evidence.GetFilesAsync(item.Id, cancellationToken),
            await evidence.GetLogAsync(item.Id, cancellationToken),
            thread,
            CandidateLookup.ZoneOf(placement));
    }
}

using Dapper;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>Progress updates with their ratings, and each cohort's cadence.</summary>
public sealed class ProgressRepository(IDbConnectionFactory db) : IProgressRepository
{
    internal const string Select = """
        SELECT p.Id, p.CandidateUserId, p.CohortId, p.MentorUserId, u.DisplayName AS MentorName, p.Narrative, p.NextSteps, p.CreatedUtc, p.UpdatedUtc, p.Version
        FROM ProgressUpdates p JOIN Users u ON u.Id = p.MentorUserId
        """;

    /// <summary>Weeks between updates for the cohort (the default when none is set).</summary>
    public async Task<int> GetCadenceWeeksAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT EveryWeeks FROM ProgressCadences WHERE CohortId = @cohortId", new { cohortId }, cancellationToken: cancellationToken))
            ?? ProgressSchedule.DefaultEveryWeeks;
    }

    /// <summary>
    /// One page of the provider's cohorts, soonest first, each with its cadence (the default when none is set), and
    /// how many cohorts the provider has: two queries whatever the number of cohorts.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<CohortCadence> Rows)> GetCadencesPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE co.ProviderId = @providerId",
            new { providerId }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Npq.Core.Enrolment.Cohort, CadenceRow, CohortCadence>(new CommandDefinition(
            """
            SELECT ch.Id, ch.CourseId, ch.DeliveryPartnerId, ch.Name, ch.StartYear, ch.Suffix, ch.StartDate, ch.EndDate, ch.DeliveryModel,
                   ch.IsInternational, ch.TimeZone, ch.Capacity, ch.Version, pc.EveryWeeks
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            LEFT JOIN ProgressCadences pc ON pc.CohortId = ch.Id
            WHERE co.ProviderId = @providerId
            ORDER BY ch.StartDate, ch.Name, ch.Id
            """ + db.Dialect.Page, new { providerId, Skip = skip, Take = take }, cancellationToken: cancellationToken),
            (cohort, cadence) => new CohortCadence(cohort, (int?)cadence?.EveryWeeks ?? ProgressSchedule.DefaultEveryWeeks), splitOn: "EveryWeeks");
        return (total, rows.AsList());
    }

    /// <summary>True when the cohort belongs to one of the provider's courses.</summary>
    public async Task<bool> IsCohortOfProviderAsync(int cohortId, int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE ch.Id = @cohortId AND co.ProviderId = @providerId",
            new { cohortId, providerId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task SetCadenceWeeksAsync(int cohortId, int everyWeeks, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ProgressCadences WHERE CohortId = @cohortId", new { cohortId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ProgressCadences (CohortId, EveryWeeks) VALUES (@cohortId, @everyWeeks)", new { cohortId, everyWeeks }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> CreateAsync(ProgressUpdate update, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO ProgressUpdates (CandidateUserId, CohortId, MentorUserId, Narrative, NextSteps, CreatedUtc, UpdatedUtc, Version)
            VALUES (@CandidateUserId, @CohortId, @MentorUserId, @Narrative, @NextSteps, @CreatedUtc, @UpdatedUtc, 1)
            """ + db.Dialect.SelectLastInsertedId, update, transaction, cancellationToken: cancellationToken));
        await WriteRatingsAsync(connection, transaction, id, update.Ratings, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Saves an edit if nobody saved since <paramref name="expectedVersion"/>; otherwise a conflict and nothing changes.</summary>
    public async Task<(SaveOutcome Outcome, int Version)> UpdateAsync(ProgressUpdate update, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ProgressUpdates SET Narrative = @Narrative, NextSteps = @NextSteps, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """, new { update.Id, update.Narrative, update.NextSteps, update.UpdatedUtc, expectedVersion }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return (SaveOutcome.Conflict, expectedVersion);
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ProgressRatings WHERE ProgressUpdateId = @Id", new { update.Id }, transaction, cancellationToken: cancellationToken));
        await WriteRatingsAsync(connection, transaction, update.Id, update.Ratings, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SaveOutcome.Saved, expectedVersion + 1);
    }

    public async Task<ProgressUpdate?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var update = await connection.QuerySingleOrDefaultAsync<ProgressUpdate>(new CommandDefinition(Select + " WHERE p.Id = @id", new { id }, cancellationToken: cancellationToken));
        return update is null ? null : update with { Ratings = await ReadRatingsAsync(connection, update.Id, cancellationToken) };
    }

    /// <summary>The candidate's updates, newest first, with ratings.</summary>
    public async Task<IReadOnlyList<ProgressUpdate>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var updates = (await connection.QueryAsync<ProgressUpdate>(new CommandDefinition(
            Select + " WHERE p.CandidateUserId = @candidateUserId ORDER BY p.CreatedUtc DESC, p.Id DESC", new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
        var result = new List<ProgressUpdate>(updates.Count);
        foreach (var update in updates)
        {
            result.Add(update with { Ratings = await ReadRatingsAsync(connection, update.Id, cancellationToken) });
        }

        return result;
    }

    /// <summary>The candidate's newest update with its ratings, or null: what dashboards show.</summary>
    public async Task<ProgressUpdate?> GetLatestForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var update = await connection.QueryFirstOrDefaultAsync<ProgressUpdate>(new CommandDefinition(
            Select + " WHERE p.CandidateUserId = @candidateUserId ORDER BY p.CreatedUtc DESC, p.Id DESC" + db.Dialect.Page,
            new { candidateUserId, Skip = 0, Take = 1 }, cancellationToken: cancellationToken));
        return update is null ? null : update with { Ratings = await ReadRatingsAsync(connection, update.Id, cancellationToken) };
    }

    /// <summary>
    /// Each candidate's newest update in brief, of the candidates <paramref name="candidates"/> selects (a subquery
    /// giving their ids): a row per rating given (none for an update without ratings), counted in SQL from the ratings'
    /// own index, and not the update's texts: a headteacher's home shows when and how, not what. The newest is the one
    /// no later update of the candidate's follows (by time, then id), found by the candidates' index without sorting
    /// their updates (<see cref="IsNewest"/>). Read by <see cref="SchoolPageRepository"/>; <see cref="LatestSummaries"/> puts the rows together.
    /// Grouped in the order the rows come from that index and then the ratings' (the update's id decides the other
    /// columns, so the groups are the update's ratings either way), which SQLite groups as they come, not in a
    /// temporary tree: 37 → 28 µs for a headteacher's first page of ten.
    /// </summary>
    internal static string LatestSummariesSql(string candidates) => $"""
        SELECT p.CandidateUserId, p.CreatedUtc, r.Rating, COUNT(r.Rating) AS Areas
        FROM ProgressUpdates p
        LEFT JOIN ProgressRatings r ON r.ProgressUpdateId = p.Id
        WHERE p.CandidateUserId IN ({candidates}) AND {IsNewest}
        GROUP BY p.CandidateUserId, p.CohortId, p.CreatedUtc, p.Id, r.Rating
        """;

    /// <summary>
    /// The update <c>p</c> is its candidate's newest: no later update of theirs follows it (by time written, then id).
    /// Found by the candidates' index (<c>IX_ProgressUpdates_Candidate</c>) without sorting their updates, as a
    /// <c>ROW_NUMBER()</c> over them does.
    /// </summary>
    internal const string IsNewest = """
        NOT EXISTS (SELECT 1 FROM ProgressUpdates q WHERE q.CandidateUserId = p.CandidateUserId
                    AND (q.CreatedUtc > p.CreatedUtc OR (q.CreatedUtc = p.CreatedUtc AND q.Id > p.Id)))
        """;

    /// <summary>The rows of <see cref="LatestSummariesSql"/> as each candidate's newest update in brief (candidates with none are left out).</summary>
    internal static Dictionary<int, LatestUpdateSummary> LatestSummaries(IEnumerable<LatestRatingRow> rows) =>
        rows.GroupBy(r => r.CandidateUserId).ToDictionary(
            g => g.Key,
            g => new LatestUpdateSummary(
                g.Key,
                DateTime.SpecifyKind(g.First().CreatedUtc, DateTimeKind.Utc),
                g.Where(r => r.Rating is not null).ToDictionary(r => Enum.Parse<ProgressRating>(r.Rating!), r => (int)r.Areas)));

    internal sealed record LatestRatingRow
    {
        public int CandidateUserId { get; init; }
        public DateTime CreatedUtc { get; init; }
        public string? Rating { get; init; }
        public long Areas { get; init; }
    }

    private static async Task<IReadOnlyDictionary<string, ProgressRating>> ReadRatingsAsync(System.Data.Common.DbConnection connection, int id, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string AreaSlug, string Rating)>(new CommandDefinition(
            "SELECT AreaSlug, Rating FROM ProgressRatings WHERE ProgressUpdateId = @id", new { id }, cancellationToken: cancellationToken));
        return RatingsOf(rows);
    }

    /// <summary>An update's ratings by area, as read from ProgressRatings.</summary>
    internal static IReadOnlyDictionary<string, ProgressRating> RatingsOf(IEnumerable<(string AreaSlug, string Rating)> rows) =>
        rows.ToDictionary(r => r.AreaSlug, r => Enum.Parse<ProgressRating>(r.Rating), StringComparer.OrdinalIgnoreCase);

    private static async Task WriteRatingsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int id, IReadOnlyDictionary<string, ProgressRating> ratings, CancellationToken cancellationToken)
    {
        foreach (var (areaSlug, rating) in ratings)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ProgressRatings (ProgressUpdateId, AreaSlug, Rating) VALUES (@id, @areaSlug, @rating)",
                new { id, areaSlug, rating = rating.ToString() }, transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>A cohort's cadence as read beside the cohort (null when none is set).</summary>
internal sealed class CadenceRow
{
    public long? EveryWeeks { get; init; }
}

internal sealed record LastUpdateRow
{
    public int CandidateUserId { get; init; }
    public int CohortId { get; init; }
    public DateTime Last { get; init; }
}

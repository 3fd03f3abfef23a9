using Dapper;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// A page of candidates' statements covered, as the figures job kept them (the headteacher's home), on SQLite: the
/// candidates' enrolments first, then each one's figures by key, with or without statistics. Without them (a database
/// the site has not analysed yet) the join was planned as a walk of every enrolment's figures for the framework.
/// </summary>
public sealed class StatementsCoveredPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task KeptCounts_ReadTheCandidatesEnrolmentsFirst_WhateverTheStatistics(bool analysed)
    {
        var parameters = new DynamicParameters();
        var sql = EvidenceRepository.KeptCoveredSql(IdList.Parameters("ids", [1, 2, 3, 4, 5], parameters));
        parameters.Add("CoveredOf", "npqsl:digest");
        (string, string?, string)[] benchmarks = [("Enrolments", "IX_Enrolments_Candidate", "10000 1"), ("Enrolments", "sqlite_autoindex_Enrolments_1", "10000 200 1")];
        var plan = await QueryPlan.WithStatisticsAsync(Db, sql, parameters, analysed ? benchmarks : []);
        var shown = string.Join("\n", plan);

        Assert.That(plan[0], Does.StartWith("SEARCH e USING COVERING INDEX IX_Enrolments_Candidate (CandidateUserId=?)"), shown);
        Assert.That(plan[1], Does.StartWith("SEARCH f USING PRIMARY KEY (EnrolmentId=?)"), shown);
        Assert.That(plan, Has.None.Contains("IX_EnrolmentFigures_CoveredOf").And.None.StartsWith("SCAN"), shown);
    }
}

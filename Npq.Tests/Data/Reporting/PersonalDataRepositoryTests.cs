using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class PersonalDataRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private int _mentorId;

    [OneTimeSetUp]
    public async Task Mentor() => _mentorId = await Data.UserAsync("mo@contract.example", "Mo Mentor", Roles.Mentor);

    /// <summary>A candidate with an application, an enrolment, evidence with a kept and a removed file, and a notification about them.</summary>
    private async Task<(int UserId, int EnrolmentId)> CandidateAsync(string name)
    {
        var school = await Data.SchoolAsync(name + " School");
        var email = name.ToLowerInvariant() + "@contract.example";
        var userId = await Data.UserAsync(email, name + " Person", Roles.Candidate, school);
        var course = await Data.CourseAsync("npq-" + name.ToLowerInvariant(), leadership: false);
        var cohort = await Data.CohortAsync(course, name + " Cohort");
        var enrolment = await Data.EnrolAsync(cohort, userId, _mentorId);
        await Data.ApplicationAsync(cohort, userId, "participant-" + name, "application-" + name);
        var evidence = await Data.EvidenceAsync(userId, At(2, 1, 12), draft: false, Data.StatementIds[0]);
        await Data.EvidenceFileAsync(evidence, name + "-kept", "plan.docx", userId);
        var removed = await Data.EvidenceFileAsync(evidence, name + "-removed", "old.docx", userId);
        await Data.ExecuteAsync("UPDATE EvidenceFiles SET RemovedUtc = @now WHERE Id = @removed", new { now = At(2, 2, 12), removed });
        await Data.ExecuteAsync(
            "INSERT INTO Notifications (UserId, CreatedUtc, Kind, Title) VALUES (@mentor, @now, 'Evidence', @title)",
            new { mentor = _mentorId, now = At(2, 1, 12), title = name + " Person added evidence" });
        return (userId, enrolment);
    }

    [Test]
    public async Task Export_Candidate_TheirRowsAndKeptFilesWithoutSecrets()
    {
        var (userId, enrolmentId) = await CandidateAsync("Eve");

        var export = await new PersonalDataRepository(Db).ExportAsync(userId);

        var sections = export.Sections.ToDictionary(s => s.Name);
        var account = sections["account"].Rows.Single();
        Assert.That(account["Email"], Is.EqualTo("eve@contract.example"));
        Assert.That(account.Keys, Has.None.EqualTo("PasswordHash").And.None.EqualTo("SecurityStamp"));
        Assert.That(sections["school"].Rows.Single()["Name"], Is.EqualTo("Eve School"));
        Assert.That(sections["roles"].Rows.Single()["Name"], Is.EqualTo(Roles.Candidate));
        Assert.That(Convert.ToInt32(sections["enrolments"].Rows.Single()["Id"]), Is.EqualTo(enrolmentId));
        Assert.That(sections["evidence"].Rows, Has.Count.EqualTo(1));
        Assert.That(sections["evidence_files"].Rows, Has.Count.EqualTo(2));
        Assert.That(sections["notifications"].Rows, Is.Empty, "the mentor's notification is theirs");
        Assert.That(export.Files, Is.EqualTo(new[] { new PersonalFile("Eve-kept", "plan.docx") }));
    }

    [Test]
    public async Task Erase_Candidate_RowsRemovedCountsKeptAnonymousAndEveryFileReturned()
    {
        var (userId, enrolmentId) = await CandidateAsync("Zoe");
        var repository = new PersonalDataRepository(Db);

        var outcome = await repository.EraseAsync(userId);

        Assert.That(outcome.StoredFiles, Is.EquivalentTo(new[] { "Zoe-kept", "Zoe-removed" }));
        Assert.That(outcome.RowsRemoved, Is.GreaterThanOrEqualTo(5), "statement, 2 files, evidence, role");
        Assert.That(outcome.RowsAnonymised, Is.EqualTo(3), "the mentor's notification, the application, the account");
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EvidenceItems WHERE CandidateUserId = @userId", new { userId }), Is.Zero);
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM Enrolments WHERE Id = @enrolmentId", new { enrolmentId }), Is.EqualTo(1), "kept for the counts");
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM Applications WHERE ApplicantUserId = @userId AND DfeParticipantId IS NULL", new { userId }), Is.EqualTo(1));
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM Users WHERE Id = @userId AND Email = @email AND DisplayName = @name AND IsActive = 0",
            new { userId, email = ErasedAccount.Email(userId), name = ErasedAccount.DisplayName }), Is.EqualTo(1));
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM Notifications WHERE Title = @title", new { title = ErasedAccount.DisplayName + " added evidence" }), Is.EqualTo(1));
        var after = await repository.ExportAsync(userId);
        Assert.That(after.Sections.Single(s => s.Name == "evidence").Rows, Is.Empty);
        Assert.That(after.Files, Is.Empty);
    }

    [Test]
    public async Task RecordErasure_TwoErasures_EachGetsItsOwnId()
    {
        var repository = new PersonalDataRepository(Db);

        var first = await repository.RecordAsync(new ErasureRecord(At(5, 1, 9), _mentorId, 10, 3, 2));
        var second = await repository.RecordAsync(new ErasureRecord(At(5, 2, 9), _mentorId, 1, 0, 0));

        Assert.That(second, Is.GreaterThan(first));
        Assert.That(await Data.ScalarAsync("SELECT RowsRemoved FROM Erasures WHERE Id = @first", new { first }), Is.EqualTo(10));
    }
}

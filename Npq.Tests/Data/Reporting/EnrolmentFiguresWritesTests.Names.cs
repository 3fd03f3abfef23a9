namespace Npq.Tests.Data.Reporting;

public sealed partial class EnrolmentFiguresWritesTests<TDatabase>
{
    /// <summary>
    /// The writes that change a name or DfE id a kept row holds beside its figures (migration 0059): the candidate's
    /// name and school, the school's name, the cohort's name, DfE cohort and delivery partner, the partner's name, the
    /// mentor and their name, and the candidate's accepted application to the cohort.
    /// </summary>
    private static IEnumerable<Write> NameWrites() =>
    [
        W("a candidate renamed", Only(t => Sql(t, "UPDATE Users SET DisplayName = 'Ben Renamed' WHERE Id = @id", new { id = t.Id("ben") })), "ben-e"),
        W("a mentor renamed", Only(t => Sql(t, "UPDATE Users SET DisplayName = @name WHERE Id = @id", new { id = t.Id("mentor"), name = $"Mo {Guid.NewGuid():N}" })),
            "ada-e", "ben-e", "cy-e"),
        W("a candidate's school changed", async t =>
        {
            var school = await t.Data.SchoolAsync($"School {Guid.NewGuid():N}");
            return Sql(t, "UPDATE Users SET SchoolId = @school WHERE Id = @id", new { school, id = t.Id("ben") });
        }, "ben-e"),
        W("a school renamed", async t =>
        {
            var school = await t.Data.SchoolAsync($"School {Guid.NewGuid():N}");
            await t.Data.ExecuteAsync("UPDATE Users SET SchoolId = @school WHERE Id = @id", new { school, id = t.Id("cy") });
            return Sql(t, "UPDATE Schools SET Name = @name WHERE Id = @school", new { school, name = $"Renamed {Guid.NewGuid():N}" });
        }, "cy-e"),
        W("a cohort renamed", Only(t => Sql(t, "UPDATE Cohorts SET Name = @name WHERE Id = @id", new { id = t.Id("auckland"), name = $"Auckland {Guid.NewGuid():N}" })), "cy-e"),
        W("a cohort's DfE cohort changed", Only(t =>
            Sql(t, "UPDATE Cohorts SET Suffix = CASE WHEN Suffix = 'c' THEN 'd' ELSE 'c' END WHERE Id = @id", new { id = t.Id("auckland") })), "cy-e"),
        W("a cohort given another delivery partner", async t =>
        {
            var partner = await t.Data.PartnerAsync($"Partner {Guid.NewGuid():N}");
            return Sql(t, "UPDATE Cohorts SET DeliveryPartnerId = @partner WHERE Id = @id", new { partner, id = t.Id("auckland") });
        }, "cy-e"),
        W("a delivery partner renamed", async t =>
        {
            var partner = await t.Data.PartnerAsync($"Partner {Guid.NewGuid():N}");
            await t.Data.ExecuteAsync("UPDATE Cohorts SET DeliveryPartnerId = @partner WHERE Id = @id", new { partner, id = t.Id("elsewhere") });
            return Sql(t, "UPDATE DeliveryPartners SET Name = @name WHERE Id = @partner", new { partner, name = $"Renamed {Guid.NewGuid():N}" });
        }, "dan-e"),
        W("a mentor assigned", Only(t => Sql(t, "UPDATE Enrolments SET MentorUserId = CASE WHEN MentorUserId IS NULL THEN @mentor ELSE NULL END WHERE Id = @id",
            new { mentor = t.Id("mentor"), id = t.Id("dan-e") })), "dan-e"),
        W("an accepted application recorded", Only(t => () => t.Data.ApplicationAsync(t.Id("auckland"), t.Id("cy"), $"p-{Guid.NewGuid():N}", $"a-{Guid.NewGuid():N}")), "cy-e"),
        W("an application accepted", async t =>
        {
            var id = await t.Data.ApplicationAsync(t.Id("london"), t.Id("ben"), $"p-{Guid.NewGuid():N}", $"a-{Guid.NewGuid():N}", status: "Pending");
            return Sql(t, "UPDATE Applications SET Status = 'Accepted' WHERE Id = @id", new { id });
        }, "ben-e"),
        W("an accepted application's DfE ids changed", async t =>
        {
            var id = await t.Data.ApplicationAsync(t.Id("london"), t.Id("ada"), null, null);
            return Sql(t, "UPDATE Applications SET DfeParticipantId = @participant, DfeApplicationId = @application WHERE Id = @id",
                new { id, participant = $"p-{Guid.NewGuid():N}", application = $"a-{Guid.NewGuid():N}" });
        }, "ada-e"),
        W("an accepted application withdrawn", async t =>
        {
            var id = await t.Data.ApplicationAsync(t.Id("elsewhere"), t.Id("dan"), $"p-{Guid.NewGuid():N}", $"a-{Guid.NewGuid():N}");
            return Sql(t, "DELETE FROM Applications WHERE Id = @id", new { id });
        }, "dan-e"),
    ];

    [Test]
    public async Task Write_ThatChangesNoName_LeavesTheStoredRows()
    {
        await FillAsync(Later);

        // A person's every column written again (as a sign-in's store does), their name and school unchanged; their
        // mentor written again unchanged; an application of theirs still pending.
        await Data.ExecuteAsync("UPDATE Users SET DisplayName = DisplayName, SchoolId = SchoolId, SecurityStamp = 'signed-in' WHERE Id IN @ids", new { ids = new[] { Id("ben"), Id("mentor") } });
        await Data.ExecuteAsync("UPDATE Enrolments SET MentorUserId = MentorUserId WHERE Id = @id", new { id = Id("ben-e") });
        await Data.ApplicationAsync(Id("london"), Id("ben"), "p-pending", "a-pending", status: "Pending");

        Assert.That(await StoredAsync("ada-e", "ben-e", "cy-e"), Is.EqualTo(3));
        await AssertReportIsLiveAsync(Later);
    }
}

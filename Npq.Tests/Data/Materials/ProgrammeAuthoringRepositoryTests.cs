using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Data.Accounts;
using Npq.Data.Materials;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Materials;

/// <summary>The programme writes authoring relies on, on each database: versions, order, deletes refused with progress, editors.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ProgrammeAuthoringRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = WebinarsData.Now;

    private async Task<(int CourseId, int Candidate, int Mentor)> CourseAsync()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var course = (await new ProgrammeRepository(Db, ProgrammeCaching.Remembering()).GetCohortAsync(cohortId))!.CourseId;
        return (course, candidate, mentor);
    }

    private static MaterialItem Page(int moduleId, string title) => new()
    {
        ModuleId = moduleId, Kind = ItemKind.Page, Title = title, Body = "Text", StatementIds = ["sc-lt-1"], CreatedUtc = Now, UpdatedUtc = Now,
    };

    [Test]
    public async Task Module_CreateUpdate_StaleVersionLoses()
    {
        var (courseId, _, _) = await CourseAsync();
        var repository = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());
        var id = await repository.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = "One", ReleaseRule = ReleaseRule.AfterPrevious, CreatedUtc = Now, UpdatedUtc = Now });
        var read = (await repository.GetModuleAsync(id))!;
        Assert.That((read.Title, read.ReleaseRule, read.Version), Is.EqualTo(("One", ReleaseRule.AfterPrevious, 1)));

        Assert.That(await repository.UpdateModuleAsync(read with { Title = "Two" }, 1), Is.True);
        Assert.That(await repository.UpdateModuleAsync(read with { Title = "Stale" }, 1), Is.False);
        Assert.That((await repository.GetModuleAsync(id))!.Title, Is.EqualTo("Two"));
    }

    [Test]
    public async Task Item_UpdateKeepsProgress_StaleVersionLoses_DeleteRefusedWithProgress()
    {
        var (courseId, candidate, _) = await CourseAsync();
        var repository = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());
        var moduleId = await repository.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = "M", CreatedUtc = Now, UpdatedUtc = Now });
        var itemId = await repository.CreateItemAsync(Page(moduleId, "Read"));
        await using (var connection = await Db.OpenForWriteAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO MaterialProgress (CandidateUserId, ItemId, IsComplete, Attempts, CompletedUtc, UpdatedUtc) VALUES (@candidate, @itemId, 1, 0, @Now, @Now)",
                new { candidate, itemId, Now });
        }

        var item = (await repository.GetItemAsync(itemId))!;
        Assert.That(await repository.UpdateItemAsync(item with { State = ItemState.Published, Body = "Edited", StatementIds = ["t-lt-1"], PublishedUtc = Now }, item.Version), Is.True);
        Assert.That(await repository.UpdateItemAsync(item with { Body = "Stale" }, item.Version), Is.False);
        var after = (await repository.GetItemAsync(itemId))!;
        Assert.That((after.State, after.Body, after.Version), Is.EqualTo((ItemState.Published, "Edited", 2)));
        Assert.That(after.StatementIds, Is.EqualTo(new[] { "t-lt-1" }));
        Assert.That(await repository.HasProgressAsync(itemId), Is.True, "edits and publishing keep completions");

        Assert.That(await repository.DeleteItemAsync(itemId), Is.False);
        Assert.That(await repository.GetItemAsync(itemId), Is.Not.Null);
        Assert.That(await repository.DeleteEmptyModuleAsync(moduleId), Is.False, "it still holds the item");

        var spare = await repository.CreateItemAsync(Page(moduleId, "Spare"));
        Assert.That(await repository.DeleteItemAsync(spare), Is.True);
        Assert.That(await repository.GetItemAsync(spare), Is.Null);
    }

    [Test]
    public async Task Move_ModulesAndItems_RenumberInOrder()
    {
        var (courseId, _, _) = await CourseAsync();
        var repository = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());
        var a = await repository.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = "A", CreatedUtc = Now, UpdatedUtc = Now });
        var b = await repository.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = "B", CreatedUtc = Now, UpdatedUtc = Now });
        var one = await repository.CreateItemAsync(Page(a, "1"));
        var two = await repository.CreateItemAsync(Page(a, "2"));
        var three = await repository.CreateItemAsync(Page(b, "3"));

        await repository.MoveModuleAsync(b, 0, Now);
        await repository.MoveItemAsync(two, a, 0, Now);
        await repository.MoveItemAsync(one, b, 1, Now);

        var programme = await repository.GetProgrammeAsync(courseId);
        Assert.That(programme.Modules.Select(m => m.Module.Id), Is.EqualTo(new[] { b, a }));
        Assert.That(programme.Modules[0].Items.Select(i => i.Id), Is.EqualTo(new[] { three, one }));
        Assert.That(programme.Modules[1].Items.Select(i => i.Id), Is.EqualTo(new[] { two }));
        Assert.That(programme.Modules[0].Items.Select(i => i.Position), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Editors_SetRemovedAndPaged_StudyingTheCourse()
    {
        var (courseId, candidate, mentor) = await CourseAsync();
        var (otherCourse, otherCandidate, otherMentor) = await CourseAsync();
        var repository = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());

        await repository.SetEditorAsync(courseId, mentor, true);
        await repository.SetEditorAsync(courseId, mentor, true);
        Assert.That(await repository.IsEditorAsync(courseId, mentor), Is.True);
        Assert.That(await repository.IsEditorAsync(otherCourse, mentor), Is.False);
        var (editors, total) = await repository.GetEditorsPageAsync(courseId, 0, 25);
        Assert.That((editors.Single(), total), Is.EqualTo(((mentor, "Priya"), 1)));
        await repository.SetEditorAsync(courseId, candidate, true); // "Amira": before Priya by name
        var (firstPage, both) = await repository.GetEditorsPageAsync(courseId, 0, 1);
        Assert.That((firstPage.Single(), both), Is.EqualTo(((candidate, "Amira"), 2)), "one page by name, the total of all");
        var (secondPage, _) = await repository.GetEditorsPageAsync(courseId, 1, 1);
        Assert.That(secondPage.Single(), Is.EqualTo((mentor, "Priya")));
        Assert.That((await repository.GetEditorsPageAsync(otherCourse, 0, 25)).Total, Is.Zero);
        await repository.SetEditorAsync(courseId, candidate, false);
        await repository.SetEditorAsync(courseId, mentor, false);
        var (none, noneTotal) = await repository.GetEditorsPageAsync(courseId, 0, 25);
        Assert.That((none.Count, noneTotal), Is.EqualTo((0, 0)));

        Assert.That(await repository.IsStudyingCourseAsync(courseId, candidate), Is.True);
        Assert.That(await repository.IsStudyingCourseAsync(courseId, otherCandidate), Is.False);
        Assert.That(await repository.IsStudyingCourseAsync(courseId, mentor), Is.False);
        Assert.That(otherMentor, Is.Not.EqualTo(mentor));
    }

    [Test]
    public async Task Assets_ReadBack()
    {
        var (courseId, _, mentor) = await CourseAsync();
        var repository = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());
        var id = await repository.AddAssetAsync(new MaterialAsset(0, courseId, Guid.NewGuid().ToString("N"), "d.png", "image/png", 29, mentor, Now));

        var asset = (await repository.GetAssetAsync(id))!;
        Assert.That((asset.CourseId, asset.FileName, asset.ContentType, asset.SizeBytes), Is.EqualTo((courseId, "d.png", "image/png", 29L)));
    }
}

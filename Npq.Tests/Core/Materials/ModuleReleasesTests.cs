using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class ModuleReleasesTests
{
    private static readonly DateTime Now = new(2026, 10, 4, 23, 30, 0, DateTimeKind.Utc);
    private Mock<IProgrammeRepository> _programmes = null!;
    private Mock<IReleaseRepository> _releases = null!;
    private Mock<IAuditLog> _audit = null!;
    private ModuleReleases _use = null!;

    [SetUp]
    public void SetUp()
    {
        _programmes = new Mock<IProgrammeRepository>();
        _programmes.Setup(p => p.GetCohortAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(new MaterialsCohort(7, "Dubai", "Asia/Dubai", 3, "NPQSL", 1, "npqsl"));
        _programmes.Setup(p => p.GetModuleAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(new MaterialModule { Id = 1, CourseId = 3, Title = "M1" });
        _programmes.Setup(p => p.GetModuleAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(new MaterialModule { Id = 2, CourseId = 4, Title = "Other course" });
        _programmes.Setup(p => p.GetProgrammeAsync(3, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Programme(3, [new ProgrammeModule(new MaterialModule { Id = 1, CourseId = 3, Title = "M1" }, [])]));
        _programmes.Setup(p => p.GetReleasesAsync(7, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, ModuleRelease> { [1] = new(7, 1, new DateOnly(2026, 10, 5), null, null) });
        _releases = new Mock<IReleaseRepository>();
        _audit = new Mock<IAuditLog>();
        _use = new ModuleReleases(_programmes.Object, _releases.Object, _audit.Object, new FakeTimeProvider(Now), NullLogger<ModuleReleases>.Instance);
    }

    [Test]
    public async Task Plan_TodayIsTheCohortsDay()
    {
        var plan = (await _use.PlanAsync(7))!;

        Assert.That(plan.TodayInCohortZone, Is.EqualTo(new DateOnly(2026, 10, 5)), "23:30 UTC is 03:30 the next day in Dubai");
        Assert.That(plan.Modules.Single().ByDate.IsOpen, Is.True);
    }

    [Test]
    public async Task SetDate_SavesTheDayAsTyped_AndAudits()
    {
        var change = await _use.SetDateAsync(7, 1, "2026-11-02", 9, "::1");

        Assert.That(change.Done, Is.True);
        _releases.Verify(r => r.SetOpensOnAsync(7, 1, new DateOnly(2026, 11, 2), It.IsAny<CancellationToken>()));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "materials.release-date-set" && e.Subject == "cohort:7" && e.Detail == "module:1 opensOn:2026-11-02" && e.ActorUserId == 9), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task SetDate_BlankClears_NonsenseRefused_OtherCoursesModuleNotFound()
    {
        Assert.That((await _use.SetDateAsync(7, 1, " ", 9, null)).Done, Is.True);
        _releases.Verify(r => r.SetOpensOnAsync(7, 1, null, It.IsAny<CancellationToken>()));
        Assert.That((await _use.SetDateAsync(7, 1, "31/02/2026", 9, null)).Problems.Single().Field, Is.EqualTo(ModuleReleases.OpensOnField));
        Assert.That((await _use.SetDateAsync(7, 2, "2026-11-02", 9, null)).NotFound, Is.True);
        Assert.That((await _use.OpenEarlyAsync(7, 2, 9, null)).NotFound, Is.True);
        _releases.Verify(r => r.SetOpensOnAsync(It.IsAny<int>(), 2, It.IsAny<DateOnly?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task OpenEarlyAndUndo_WriteWhoAndWhen_AndAudit()
    {
        await _use.OpenEarlyAsync(7, 1, 9, null);
        await _use.UndoEarlyAsync(7, 1, 9, null);

        _releases.Verify(r => r.OpenEarlyAsync(7, 1, 9, Now, It.IsAny<CancellationToken>()));
        _releases.Verify(r => r.UndoEarlyAsync(7, 1, It.IsAny<CancellationToken>()));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "materials.module-opened-early"), It.IsAny<CancellationToken>()));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "materials.module-early-undone"), It.IsAny<CancellationToken>()));
    }
}

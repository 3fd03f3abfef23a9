using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

public sealed class SubmittedTasksTests
{
    [Test]
    public void CountOnTime_LondonInSummer_LateAfterMidnightBritishSummerTime()
    {
        // 23:30 UTC on 10 July is 00:30 on 11 July in London (UTC+1); in January it is still 23:30 on the day.
        var pairs = "2026-07-10 23:30:00.0000000>2026-07-10;2026-01-10 23:30:00.0000000>2026-01-10";

        Assert.That(new SubmittedTasks().CountOnTime(pairs, "Europe/London"), Is.EqualTo(1));
    }

    [Test]
    public void CountOnTime_SqlServerAndSqliteText_ReadTheSame()
    {
        // SQLite lists the stored text; SQL Server converts with styles 121 and 23. Both may carry fewer digits.
        var pairs = "2026-03-10 15:59:59.9999999>2026-03-10;2026-03-10 16:00:00>2026-03-10 00:00:00;;";

        Assert.That(new SubmittedTasks().CountOnTime(pairs, "Asia/Singapore"), Is.EqualTo(1), "16:00 UTC is midnight in Singapore");
    }

    [Test]
    public void CountOnTime_UnknownZone_ReadAsUtc()
    {
        Assert.That(new SubmittedTasks().CountOnTime("2026-03-10 23:59:00.0000000>2026-03-10", "Not/AZone"), Is.EqualTo(1));
        Assert.That(new SubmittedTasks().CountOnTime("2026-03-11 00:00:00.0000000>2026-03-10", "Not/AZone"), Is.Zero);
    }
}

using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>The stored-form reader of instants gives what the general parser gave, for every text it reads.</summary>
public sealed class UtcTextTests
{
    private static DateTime General(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    [TestCase("2026-10-15 06:00:00.0000000")]
    [TestCase("2026-10-15 06:00:00.1234567")]
    [TestCase("2026-10-15T06:00:00.1234567Z")]
    [TestCase("2024-02-29 23:59:59.9999999")]
    [TestCase("2026-12-31 00:00:00")]
    [TestCase("2026-12-31T00:00:00Z")]
    [TestCase("2026-01-02 03:04:05.6")]
    [TestCase("2026-01-02 03:04:05.067")]
    [TestCase("0001-01-01 00:00:00.0000000")]
    [TestCase("9999-12-31 23:59:59.9999999")]
    public void StoredForms_AreReadDigitByDigit_AsTheGeneralParserReadsThem(string text)
    {
        Assert.That(UtcText.TryParseStored(text, out var fast), Is.True, "the stored form takes the quick path");
        Assert.That(fast, Is.EqualTo(General(text)));
        Assert.That(fast.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(UtcText.Parse(text), Is.EqualTo(General(text)));
        Assert.That(UtcText.Parse(text).Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [TestCase("2026-10-15 06:00:00+01:00")]
    [TestCase("2026-10-15")]
    [TestCase("2026-10-15 06:00")]
    [TestCase(" 2026-10-15 06:00:00")]
    [TestCase("2026-10-15 06:00:00.")]
    [TestCase("10/15/2026 06:00:00")]
    [TestCase("2026-10-15 06:00:00.12345678")]
    public void OtherForms_GoToTheGeneralParser_WithTheSameResult(string text)
    {
        Assert.That(UtcText.TryParseStored(text, out _), Is.False);
        Assert.That(UtcText.Parse(text), Is.EqualTo(General(text)));
        Assert.That(UtcText.Parse(text).Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [TestCase("2026-02-30 06:00:00")]
    [TestCase("2025-02-29 06:00:00")]
    [TestCase("2026-13-01 06:00:00")]
    [TestCase("2026-10-15 24:00:00")]
    [TestCase("2026-10-15 06:60:00")]
    [TestCase("2026-1a-15 06:00:00")]
    public void NoSuchInstant_IsRefusedAsTheGeneralParserRefusesIt(string text)
    {
        Assert.That(UtcText.TryParseStored(text, out _), Is.False);
        Assert.Throws<FormatException>(() => General(text));
        Assert.Throws<FormatException>(() => UtcText.Parse(text));
    }

    [Test]
    public void EveryInstantWritten_IsReadBackExactly()
    {
        var random = new Random(23);
        for (var i = 0; i < 2000; i++)
        {
            var instant = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            var stored = instant.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
            Assert.That(UtcText.Parse(stored), Is.EqualTo(instant), stored);
            Assert.That(UtcText.Parse(stored), Is.EqualTo(General(stored)), stored);
        }
    }

    [Test]
    public async Task DapperReadsSqliteText_ThroughIt()
    {
        DapperSetup.Configure();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var read = await connection.QuerySingleAsync<DateTime>("SELECT '2026-10-15 06:00:00.1234567'");
        Assert.That(read, Is.EqualTo(new DateTime(2026, 10, 15, 6, 0, 0, DateTimeKind.Utc).AddTicks(1234567)));
        Assert.That(read.Kind, Is.EqualTo(DateTimeKind.Utc));
        var none = await connection.QuerySingleAsync<DateTime?>("SELECT NULL");
        Assert.That(none, Is.Null);
    }

    [Test]
    public void EveryDateWritten_IsReadBackExactly_AsTheGeneralParserReadsIt()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var date = DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1));
            var stored = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.That(UtcText.TryParseStoredDate(stored, out var read), Is.True, stored);
            Assert.That(read, Is.EqualTo(date), stored);
            Assert.That(UtcText.ParseDate(stored), Is.EqualTo(DateOnly.Parse(stored, CultureInfo.InvariantCulture)), stored);
        }
    }

    [TestCase("2026-10-15 06:00:00.0000000", 2026, 10, 15)]
    [TestCase("2024-02-29T23:59:59Z", 2024, 2, 29)]
    [TestCase("2026-01-01", 2026, 1, 1)]
    public void ADateWithATime_IsReadFromItsFirstTenCharacters(string text, int year, int month, int day) =>
        Assert.That(UtcText.ParseDate(text), Is.EqualTo(new DateOnly(year, month, day)));

    [TestCase("2025-02-29")]
    [TestCase("2026-13-01")]
    [TestCase("2026-04-31")]
    [TestCase("0000-01-01")]
    [TestCase("2026-1x-01")]
    public void NoSuchDate_IsRefusedAsTheGeneralParserRefusesIt(string text)
    {
        Assert.That(UtcText.TryParseStoredDate(text, out _), Is.False);
        Assert.Throws<FormatException>(() => DateOnly.Parse(text, CultureInfo.InvariantCulture));
        Assert.Throws<FormatException>(() => UtcText.ParseDate(text));
    }

    [TestCase("2026-1-5")]
    [TestCase("2026/10/15")]
    public void OtherDateForms_GoToTheGeneralParser_WithTheSameResult(string text)
    {
        Assert.That(UtcText.TryParseStoredDate(text, out _), Is.False);
        Assert.That(UtcText.ParseDate(text), Is.EqualTo(DateOnly.Parse(text, CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task DapperReadsSqliteDates_ThroughIt()
    {
        DapperSetup.Configure();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        Assert.That(await connection.QuerySingleAsync<DateOnly>("SELECT '2026-10-15'"), Is.EqualTo(new DateOnly(2026, 10, 15)));
        var row = await connection.QuerySingleAsync<(DateOnly Due, DateOnly? Extended)>("SELECT '2026-10-15' AS Due, NULL AS Extended");
        Assert.That(row, Is.EqualTo((new DateOnly(2026, 10, 15), (DateOnly?)null)));
    }
}

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
}

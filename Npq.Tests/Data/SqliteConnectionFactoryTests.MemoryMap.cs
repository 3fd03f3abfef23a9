using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>How much of the file SQLite's connections read through memory mapping (DatabaseOptions.SqliteMemoryMapMegabytes),
/// and how many pages each keeps (DatabaseOptions.SqlitePageCacheMegabytes).</summary>
public sealed partial class SqliteConnectionFactoryTests
{
    [Test]
    public async Task ReadersAndTheWriter_MapAsMuchOfTheFileAsTheyAreGiven()
    {
        using var factory = new SqliteConnectionFactory(
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "npq.db") }.ToString(), 30, memoryMapMegabytes: 64);
        using var unmapped = new SqliteConnectionFactory(
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "other.db") }.ToString(), 30, memoryMapMegabytes: 0);

        await using (var reader = await factory.OpenAsync())
        {
            Assert.That(await reader.ExecuteScalarAsync<long>("PRAGMA mmap_size"), Is.EqualTo(64L * 1024 * 1024));
        }

        await using (var writer = await factory.OpenForWriteAsync())
        {
            Assert.That(await writer.ExecuteScalarAsync<long>("PRAGMA mmap_size"), Is.EqualTo(64L * 1024 * 1024));
        }

        await using var plain = await unmapped.OpenAsync();
        Assert.That(await plain.ExecuteScalarAsync<long>("PRAGMA mmap_size"), Is.Zero);
        Assert.That(() => new SqliteConnectionFactory("Data Source=x.db", 30, memoryMapMegabytes: -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public async Task TheSitesFactory_ReadsWithoutAMap_UnlessConfigured()
    {
        // A write makes every mapped reader map the file again on its next read; a site that writes while people read
        // is faster unmapped (DatabaseOptions.SqliteMemoryMapMegabytes).
        var path = Path.Combine(_folder, "site.db");
        await using var unmapped = new ServiceCollection()
            .AddNpqData(new DatabaseOptions { ConnectionString = $"Data Source={path}" }).BuildServiceProvider();
        await using (var reader = await unmapped.GetRequiredService<IDbConnectionFactory>().OpenAsync())
        {
            Assert.That(await reader.ExecuteScalarAsync<long>("PRAGMA mmap_size"), Is.Zero);
        }

        await using var mapped = new ServiceCollection()
            .AddNpqData(new DatabaseOptions { ConnectionString = $"Data Source={path}", SqliteMemoryMapMegabytes = 16 }).BuildServiceProvider();
        await using var mappedReader = await mapped.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        Assert.That(await mappedReader.ExecuteScalarAsync<long>("PRAGMA mmap_size"), Is.EqualTo(16L * 1024 * 1024));
    }

    [Test]
    public async Task ReadersAndTheWriter_KeepAsManyPagesAsTheyAreGiven()
    {
        var path = Path.Combine(_folder, "cache.db");
        await using var defaults = new ServiceCollection()
            .AddNpqData(new DatabaseOptions { ConnectionString = $"Data Source={path}" }).BuildServiceProvider();
        var factory = defaults.GetRequiredService<IDbConnectionFactory>();
        await using (var reader = await factory.OpenAsync())
        {
            Assert.That(await reader.ExecuteScalarAsync<long>("PRAGMA cache_size"), Is.EqualTo(-8 * 1024L), "8 MB, in KiB");
        }

        await using (var writer = await factory.OpenForWriteAsync())
        {
            Assert.That(await writer.ExecuteScalarAsync<long>("PRAGMA cache_size"), Is.EqualTo(-8 * 1024L));
        }

        await using var configured = new ServiceCollection()
            .AddNpqData(new DatabaseOptions { ConnectionString = $"Data Source={path}", SqlitePageCacheMegabytes = 32 }).BuildServiceProvider();
        await using var larger = await configured.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        Assert.That(await larger.ExecuteScalarAsync<long>("PRAGMA cache_size"), Is.EqualTo(-32 * 1024L));
        Assert.That(() => new SqliteConnectionFactory("Data Source=x.db", 30, pageCacheMegabytes: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}

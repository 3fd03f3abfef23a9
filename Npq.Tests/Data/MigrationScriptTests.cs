using System.Text.RegularExpressions;
using Npq.Data.Infrastructure;
using Npq.Data.Migrations;

namespace Npq.Tests.Data;

public sealed partial class MigrationScriptTests
{
    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    [Test]
    public void Scripts_BothDialects_HaveTheSameNumbers()
    {
        static IEnumerable<string> Numbers(DatabaseProvider provider) =>
            DatabaseMigrator.ScriptNames(provider).Select(n => ScriptName().Match(n).Groups[1].Value);

        Assert.That(Numbers(DatabaseProvider.Sqlite), Is.Not.Empty);
        Assert.That(Numbers(DatabaseProvider.SqlServer), Is.EqualTo(Numbers(DatabaseProvider.Sqlite)));
    }

    [Test]
    public void Scripts_OnDisk_AreAllEmbeddedAndWellNamed()
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.SqlServer })
        {
            var folder = Path.Combine(RepoRoot.Path, "db", DatabaseMigrator.DialectFolder(provider));
            var onDisk = Directory.GetFiles(folder, "*.sql").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

            Assert.That(DatabaseMigrator.ScriptNames(provider), Is.EqualTo(onDisk), provider.ToString());
            Assert.That(onDisk, Has.All.Matches<string>(n => ScriptName().IsMatch(n)), provider.ToString());
            Assert.That(onDisk.Select(n => n[..4]), Is.Unique, provider.ToString());
        }
    }
}

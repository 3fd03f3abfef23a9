using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npq.Bench;

// Fills a migrated Npq SQLite database with a realistic provider for the benchmark:
//   dotnet run --project bench/Npq.Bench -- --db PATH [--candidates 10000] [--cohorts 50] [--seed 42] [--content content]
// The same seed and scale always produce the same data, so runs are comparable.
var options = GeneratorOptions.Parse(args);
var clock = Stopwatch.StartNew();
SQLitePCL.Batteries_V2.Init();
using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, ForeignKeys = false }.ToString());
connection.Open();
using (var pragma = connection.CreateCommand())
{
    pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;";
    pragma.ExecuteNonQuery();
}

var generator = new DataGenerator(connection, options);
var info = generator.Run();
using (var pragma = connection.CreateCommand())
{
    // No ANALYZE: the site gathers its own statistics when it starts (DatabaseStatistics), as on a provider's machine,
    // so the benchmark measures the plans a site makes (the generator's own once hid plans that sites ran without
    // any, such as the headteacher's home's 3.5 ms).
    pragma.CommandText = "PRAGMA synchronous = NORMAL;";
    pragma.ExecuteNonQuery();
}

File.WriteAllText(options.InfoPath, JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Generated {info.Candidates} candidates in {info.Cohorts} cohorts ({info.Rows:N0} rows) in {clock.Elapsed.TotalSeconds:0.0} s -> {options.DatabasePath}"));

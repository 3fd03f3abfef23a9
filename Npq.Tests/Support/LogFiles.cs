namespace Npq.Tests.Support;

/// <summary>The site's log files, read while the site may still be writing them.</summary>
public static class LogFiles
{
    /// <summary>
    /// Every line in the folder's log files once one of them satisfies <paramref name="wanted"/>: the file is written in
    /// the background and flushed at least every second, so this waits for up to 10 s.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitForLineAsync(string folder, Func<string, bool> wanted)
    {
        var lines = Read(folder);
        for (var waited = 0; waited < 100 && !lines.Any(wanted); waited++)
        {
            await Task.Delay(100);
            lines = Read(folder);
        }

        return lines;
    }

    private static List<string> Read(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).SelectMany(ReadShared).ToList() : [];

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

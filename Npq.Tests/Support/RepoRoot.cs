namespace Npq.Tests.Support;

/// <summary>The repository's top folder, found from the test binaries by looking for Npq.sln.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Npq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Npq.sln not found above " + AppContext.BaseDirectory);
    }
}

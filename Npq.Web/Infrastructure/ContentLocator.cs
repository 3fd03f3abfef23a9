namespace Npq.Web.Infrastructure;

public static class ContentLocator
{
    /// <summary>
    /// The folder holding <c>frameworks/&lt;course&gt;/</c>: the configured path, else the repository's
    /// <c>content/</c> (so an editor's change shows on the next start), else the copy shipped beside the binaries.
    /// </summary>
    public static string FindFrameworksFolder(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
        }

        foreach (var candidate in new[] { Path.Combine(contentRoot, "..", "content"), Path.Combine(AppContext.BaseDirectory, "content") })
        {
            if (Directory.Exists(Path.Combine(candidate, "frameworks")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("No content/frameworks folder found: set Content:Path");
    }
}

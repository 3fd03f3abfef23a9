using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>The folder background exports are written to, outside the web root, under names made here.</summary>
public sealed class ExportFiles
{
    public ExportFiles(IOptions<ReportsOptions> options, IWebHostEnvironment environment)
    {
        var folder = options.Value.ExportFolder;
        Folder = Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder));
    }

    public string Folder { get; }

    public static string NewName() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public string PathFor(string storedName)
    {
        if (storedName.Length != 32 || !storedName.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not an export file name", nameof(storedName));
        }

        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, storedName);
    }

    public void Delete(string? storedName)
    {
        if (string.IsNullOrEmpty(storedName))
        {
            return;
        }

        var path = PathFor(storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

using Microsoft.Extensions.Options;
using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>The folder background exports are written to, outside the web root, under names Core makes.</summary>
public sealed class ExportFiles : IExportFileStore
{
    private const int BufferSize = 64 * 1024;

    public ExportFiles(IOptions<ReportsOptions> options, IWebHostEnvironment environment)
    {
        var folder = options.Value.ExportFolder;
        Folder = Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder));
    }

    public string Folder { get; }

    public string PathFor(string storedName)
    {
        if (storedName.Length != 32 || !storedName.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not an export file name", nameof(storedName));
        }

        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, storedName);
    }

    public Stream Create(string storedName) =>
        new FileStream(PathFor(storedName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true);

    public Stream? OpenRead(string storedName)
    {
        var path = PathFor(storedName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true) : null;
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

namespace Npq.Data.Materials;

/// <summary>
/// Rows read into settable properties, then into Core's positional records: Dapper builds a positional record only
/// when every column's type matches its constructor exactly, and SQLite gives every integer as Int64.
/// </summary>
public sealed partial class ProgrammeRepository
{
    private sealed class CourseRow
    {
        public int CourseId { get; set; }
        public string CourseName { get; set; } = "";
        public int ProviderId { get; set; }
        public string? FrameworkCode { get; set; }

        public Core.Materials.MaterialsCourse ToRecord() => new(CourseId, CourseName, ProviderId, FrameworkCode);
    }

    private sealed class AssetRow
    {
        public int Id { get; set; }
        public int CourseId { get; set; }
        public string StoredName { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long SizeBytes { get; set; }
        public int UploadedByUserId { get; set; }
        public DateTime UploadedUtc { get; set; }

        public Core.Materials.MaterialAsset ToRecord() => new(Id, CourseId, StoredName, FileName, ContentType, SizeBytes, UploadedByUserId, UploadedUtc);
    }
}

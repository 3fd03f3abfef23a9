using Npq.Core.Materials;

namespace Npq.Data.Materials;

/// <summary>
/// A cohort's release rows read into settable properties, then into <see cref="ModuleRelease"/> (SQLite gives every
/// integer as Int64, which never matches the positional record's constructor). Named as the study part names its
/// own row class, so the line that reads it is the same on both branches; once both are merged this nested copy
/// can go.
/// </summary>
public sealed partial class ProgrammeRepository
{
    private static class StudyRows
    {
        internal sealed class Release
        {
            public int CohortId { get; set; }
            public int ModuleId { get; set; }
            public DateOnly? OpensOn { get; set; }
            public DateTime? OpenedEarlyUtc { get; set; }
            public int? OpenedEarlyByUserId { get; set; }

            public ModuleRelease ToRecord() => new(CohortId, ModuleId, OpensOn, OpenedEarlyUtc, OpenedEarlyByUserId);
        }
    }
}

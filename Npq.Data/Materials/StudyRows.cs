using Npq.Core.Materials;

namespace Npq.Data.Materials;

/// <summary>
/// Rows of studying read into settable properties, then into Core's positional records: Dapper builds a positional
/// record only when every column's type matches its constructor exactly, and SQLite gives every integer as Int64.
/// </summary>
internal static class StudyRows
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

    internal sealed class Cohort
    {
        public int CohortId { get; set; }
        public string CohortName { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public int CourseId { get; set; }
        public string CourseName { get; set; } = "";
        public int ProviderId { get; set; }
        public string? FrameworkCode { get; set; }

        public MaterialsCohort ToRecord() => new(CohortId, CohortName, TimeZone, CourseId, CourseName, ProviderId, FrameworkCode);
    }

    internal sealed class Attempt
    {
        public int Id { get; set; }
        public int ItemId { get; set; }
        public int CandidateUserId { get; set; }
        public int ScorePercent { get; set; }
        public string Answers { get; set; } = "";
        public DateTime SubmittedUtc { get; set; }

        public KnowledgeCheckAttempt ToRecord() => new(Id, ItemId, CandidateUserId, ScorePercent, Answers, SubmittedUtc);
    }
}

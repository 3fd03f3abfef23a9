namespace Npq.Core.FinalAssessment;

/// <summary>
/// <c>FinalAssessment</c> configuration: the defaults a course or cohort policy falls back to.
/// </summary>
public sealed class FinalAssessmentOptions
{
    public int AttendanceThresholdPercent { get; set; } = FinalAssessmentPolicy.DefaultAttendanceThresholdPercent;
    public int ModerationSamplePercent { get; set; } = FinalAssessmentPolicy.DefaultModerationSamplePercent;
    public bool BlindMarking { get; set; }

    public FinalAssessmentPolicy ToPolicy() => new(AttendanceThresholdPercent, ModerationSamplePercent, BlindMarking);
}

using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Feedback;

/// <summary>A feedback thread and the form under it (on an evidence item's page, and under each attempt at a task).</summary>
public sealed record FeedbackThread(
    FeedbackTarget Target,
    int TargetId,
    IReadOnlyList<FeedbackComment> Comments,
    bool CanWrite,
    bool IsMentorView,
    IReadOnlyList<Statement> Statements,
    string CohortZone,
    string? ViewerZone);

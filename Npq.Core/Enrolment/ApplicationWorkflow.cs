namespace Npq.Core.Enrolment;

/// <summary>The outcome of asking for an application's move: allowed, or refused with the reason.</summary>
public sealed record ApplicationMove(bool Allowed, ApplicationStatus From, ApplicationStatus To, string? Reason, string? Refusal)
{
    public static ApplicationMove Refuse(ApplicationStatus from, ApplicationStatus to, string why) => new(false, from, to, null, why);
}

/// <summary>
/// Where an application may go. It starts pending; a pending application is accepted, put on the waiting list,
/// rejected (with a reason the applicant reads) or withdrawn; one on the waiting list is accepted, rejected or
/// withdrawn. Accepted, rejected and withdrawn are final. Every change of <c>Applications.Status</c> is one of these
/// moves: the repositories guard their updates with <see cref="From"/>.
/// </summary>
public static class ApplicationWorkflow
{
    public const ApplicationStatus Initial = ApplicationStatus.Pending;

    /// <summary>The longest rejection reason an applicant is sent.</summary>
    public const int MaxReasonLength = 1000;

    private static readonly IReadOnlyDictionary<ApplicationStatus, IReadOnlyList<ApplicationStatus>> Moves =
        new Dictionary<ApplicationStatus, IReadOnlyList<ApplicationStatus>>
        {
            [ApplicationStatus.Pending] = [ApplicationStatus.Accepted, ApplicationStatus.WaitingList, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn],
            [ApplicationStatus.WaitingList] = [ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn],
        };

    /// <summary>The statuses an application may move to next (none once decided).</summary>
    public static IReadOnlyList<ApplicationStatus> Next(ApplicationStatus from) => Moves.TryGetValue(from, out var next) ? next : [];

    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) => Next(from).Contains(to);

    /// <summary>The statuses from which an application may move to <paramref name="to"/>: the guard of the update that moves it.</summary>
    public static IReadOnlyList<ApplicationStatus> From(ApplicationStatus to) => Moves.Where(m => m.Value.Contains(to)).Select(m => m.Key).ToList();

    /// <summary>Still waiting for a decision (pending or on the waiting list).</summary>
    public static bool IsOpen(ApplicationStatus status) => Next(status).Count > 0;

    /// <summary>Open or accepted: the applicant's application to the cohort, so they are not asked to apply again.</summary>
    public static bool IsLive(ApplicationStatus status) => IsOpen(status) || status == ApplicationStatus.Accepted;

    /// <summary>What happened, as people read it: "The application was {Done}".</summary>
    public static string Done(ApplicationStatus to) => to switch
    {
        ApplicationStatus.Accepted => "accepted into the cohort",
        ApplicationStatus.WaitingList => "put on the waiting list",
        ApplicationStatus.Rejected => "rejected",
        ApplicationStatus.Withdrawn => "withdrawn",
        _ => to.ToString(),
    };

    /// <summary>What is wrong with a rejection reason (trimmed), or null when the applicant can be sent it.</summary>
    public static string? ReasonProblem(string? reason) => reason switch
    {
        null or "" => "Enter the reason: the applicant reads it.",
        { Length: > MaxReasonLength } => $"The reason must be {MaxReasonLength} characters or fewer (it has {reason.Length}).",
        _ => null,
    };

    /// <summary>Asks for a move; a rejection needs its reason (trimmed), no other move takes one.</summary>
    public static ApplicationMove Move(ApplicationStatus from, ApplicationStatus to, string? reason = null)
    {
        if (!CanMove(from, to))
        {
            return ApplicationMove.Refuse(from, to, IsOpen(from)
                ? $"An application {from.Label().ToLowerInvariant()} cannot be {Done(to)}."
                : "The application has already been decided.");
        }

        if (to != ApplicationStatus.Rejected)
        {
            return new(true, from, to, null, null);
        }

        var trimmed = reason?.Trim();
        return ReasonProblem(trimmed) is { } problem ? ApplicationMove.Refuse(from, to, problem) : new(true, from, to, trimmed, null);
    }
}

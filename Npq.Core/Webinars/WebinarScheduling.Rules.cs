using Npq.Core.Validation;
namespace Npq.Core.Webinars;

public sealed partial class WebinarScheduling
{
    public const int MaxTitleLength = 200;
    public const int MaxAgendaLength = 20_000;
    public const int MaxVenueLength = 300;
    public const int MaxJoinUrlLength = 1000;

    public const string CancelledMessage = "This session was cancelled, so it can no longer be changed.";

    /// <summary>
    /// Every problem with a draft, each for its field, in the order they are found. <paramref name="unreadable"/> names
    /// the fields whose posted text could not be read at all (already reported, so "missing" is not said as well).
    /// Facilitators must come from <paramref name="facilitators"/> and areas from <paramref name="areaSlugs"/>.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Check(
        SessionDraft draft, IReadOnlyList<RosterMember> facilitators, IEnumerable<string> areaSlugs, bool isEdit, IReadOnlySet<string> unreadable)
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string message) => problems.Add(new FieldProblem(field, message));
        void Replace(string field, string message) => problems.Add(new FieldProblem(field, message, Replaces: true));

        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            Add(nameof(draft.Title), "Enter a title");
        }
        else if (draft.Title.Trim().Length > MaxTitleLength)
        {
            Add(nameof(draft.Title), $"Title must be {MaxTitleLength} characters or fewer");
        }

        if (draft.Agenda is { Length: > MaxAgendaLength })
        {
            Add(nameof(draft.Agenda), $"Agenda must be {MaxAgendaLength:N0} characters or fewer");
        }

        if (draft.Date is null && !unreadable.Contains(nameof(draft.Date)))
        {
            Add(nameof(draft.Date), "Enter the date of the session");
        }

        if (draft.StartTime is null && !unreadable.Contains(nameof(draft.StartTime)))
        {
            Add(nameof(draft.StartTime), "Enter the start time, for example 09:00");
        }

        if (draft.DurationMinutes is null or < 15 or > 480)
        {
            Replace(nameof(draft.DurationMinutes), "Enter a duration between 15 and 480 minutes");
        }

        if (draft.Capacity is null or < 1 or > 1000)
        {
            Replace(nameof(draft.Capacity), "Enter a capacity between 1 and 1,000 people");
        }

        // The count only matters for a new series.
        if (!isEdit && draft.Recurrence != Recurrence.Once && draft.Occurrences is null or < 2 or > SessionSchedule.MaxOccurrences)
        {
            Replace(nameof(draft.Occurrences), $"A series has between 2 and {SessionSchedule.MaxOccurrences} sessions");
        }

        if (draft.Mode == SessionMode.Online && !SessionSchedule.IsHttpsUrl(draft.JoinUrl))
        {
            Add(nameof(draft.JoinUrl), "Enter the meeting's join link, starting https://");
        }

        if (draft.Mode == SessionMode.FaceToFace && string.IsNullOrWhiteSpace(draft.Venue))
        {
            Add(nameof(draft.Venue), "Enter the venue's name and address");
        }
        else if (draft.Venue is { Length: > MaxVenueLength })
        {
            Add(nameof(draft.Venue), $"Venue must be {MaxVenueLength} characters or fewer");
        }

        if (draft.JoinUrl is { Length: > MaxJoinUrlLength })
        {
            Replace(nameof(draft.JoinUrl), "The join link must be 1,000 characters or fewer");
        }

        if (draft.FacilitatorUserId is not null && facilitators.All(f => f.UserId != draft.FacilitatorUserId))
        {
            Replace(nameof(draft.FacilitatorUserId), "Choose a facilitator from the list");
        }

        var known = areaSlugs.ToHashSet(StringComparer.Ordinal);
        if (draft.Areas.Any(a => !known.Contains(a)))
        {
            Add(nameof(draft.Areas), "Choose framework areas from the list");
        }

        return problems;
    }

    /// <summary>
    /// The rules a finished session obeys, however it was made (the form, the demo's programme): a title, a duration of
    /// 15 to 480 minutes, 1 to 1,000 places, and an https join link for an online session or a venue for a face-to-face one.
    /// </summary>
    public static string? Breaks(WebinarSession session) => session switch
    {
        { Title: var t } when string.IsNullOrWhiteSpace(t) || t.Length > MaxTitleLength => "a title of 1 to 200 characters",
        { AgendaMarkdown.Length: > MaxAgendaLength } => "an agenda of at most 20,000 characters",
        { DurationMinutes: < 15 or > 480 } => "a duration of 15 to 480 minutes",
        { Capacity: < 1 or > 1000 } => "1 to 1,000 places",
        { IsFaceToFace: false } when !SessionSchedule.IsHttpsUrl(session.JoinUrl) => "an https join link (online) or a venue (face to face)",
        { Venue.Length: > MaxVenueLength } => "a venue of at most 300 characters",
        { JoinUrl.Length: > MaxJoinUrlLength } => "a join link of at most 1,000 characters",
        { RecordingUrl: not null } when !SessionSchedule.IsHttpsUrl(session.RecordingUrl) => "an https recording link",
        _ => null,
    };
}

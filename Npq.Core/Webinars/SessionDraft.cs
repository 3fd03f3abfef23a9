using Npq.Core.Time;

namespace Npq.Core.Webinars;

/// <summary>Online with a join link, or face to face at a venue.</summary>
public enum SessionMode
{
    Online,
    FaceToFace,
}

/// <summary>What the scheduling and edit forms post. Dates and times are in the cohort's zone.</summary>
public sealed class SessionDraft
{
    public string? Title { get; set; }
    public string? Agenda { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public int? DurationMinutes { get; set; }
    public Recurrence Recurrence { get; set; } = Recurrence.Once;
    public int? Occurrences { get; set; }
    public int? FacilitatorUserId { get; set; }
    public SessionMode Mode { get; set; } = SessionMode.Online;
    public string? JoinUrl { get; set; }
    public string? Venue { get; set; }
    public int? Capacity { get; set; }
    public List<string> Areas { get; set; } = [];
    public int Version { get; set; }

    /// <summary>
    /// A new session's starting values: 90 minutes for 30 people, once, face to face on a face-to-face cohort, and
    /// the person scheduling as facilitator when they are one.
    /// </summary>
    public static SessionDraft For(SessionCohort cohort, int? facilitatorUserId) => new()
    {
        FacilitatorUserId = facilitatorUserId,
        Capacity = 30,
        DurationMinutes = 90,
        Occurrences = 1,
        Mode = cohort.DeliveryModel == nameof(Enrolment.DeliveryModel.FaceToFace) ? SessionMode.FaceToFace : SessionMode.Online,
    };

    /// <summary>A session as its edit form shows it, in the cohort's zone.</summary>
    public static SessionDraft Of(WebinarSession session, SessionCohort cohort)
    {
        var local = ZonedTime.ToLocal(session.StartUtc, cohort.TimeZone);
        return new SessionDraft
        {
            Title = session.Title, Agenda = session.AgendaMarkdown, Date = DateOnly.FromDateTime(local), StartTime = TimeOnly.FromDateTime(local),
            DurationMinutes = session.DurationMinutes, FacilitatorUserId = session.FacilitatorUserId,
            Mode = session.IsFaceToFace ? SessionMode.FaceToFace : SessionMode.Online,
            JoinUrl = session.JoinUrl, Venue = session.Venue, Capacity = session.Capacity, Areas = session.FrameworkAreas.ToList(), Version = session.Version,
        };
    }

    /// <summary>The session this draft describes, starting at <paramref name="startUtc"/> (call only once it passed the rules).</summary>
    public WebinarSession ToSession(SessionCohort cohort, DateTime startUtc) => new()
    {
        CohortId = cohort.Id,
        Title = Title!.Trim(),
        AgendaMarkdown = Agenda?.Trim() ?? string.Empty,
        StartUtc = startUtc,
        DurationMinutes = DurationMinutes!.Value,
        FacilitatorUserId = FacilitatorUserId,
        JoinUrl = Mode == SessionMode.Online ? JoinUrl!.Trim() : null,
        Venue = Mode == SessionMode.FaceToFace ? Venue!.Trim() : null,
        Capacity = Capacity!.Value,
        FrameworkAreas = Areas.Distinct(StringComparer.Ordinal).ToList(),
    };
}


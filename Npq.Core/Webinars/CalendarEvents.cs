using Npq.Core.Text;

namespace Npq.Core.Webinars;

/// <summary>Sessions as calendar events: one stable UID per session, its Sequence, cancellations marked.</summary>
public static class CalendarEvents
{
    public static IcsEvent From(WebinarSession session, SessionCohort cohort, string siteUrl)
    {
        var page = $"{siteUrl}/webinars/sessions/{session.Id}";
        var agenda = SafeMarkdown.ToPlainText(session.AgendaMarkdown);
        var description = string.IsNullOrWhiteSpace(agenda) ? $"{cohort.Name}\n{page}" : $"{cohort.Name}\n\n{agenda}\n\n{page}";
        return new IcsEvent
        {
            Uid = $"session-{session.Id}@{new Uri(siteUrl).Host}",
            Summary = session.IsCancelled ? $"Cancelled: {session.Title}" : session.Title,
            Description = description,

            // Join through Npq's page, so the join is recorded; face-to-face events give their venue.
            Location = session.IsFaceToFace ? session.Venue : page,
            Url = page,
            StartUtc = session.StartUtc,
            EndUtc = session.EndUtc,
            Sequence = session.Sequence,
            Cancelled = session.IsCancelled,
            LastModifiedUtc = session.UpdatedUtc,
        };
    }
}

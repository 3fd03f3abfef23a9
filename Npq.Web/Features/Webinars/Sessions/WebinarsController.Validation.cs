using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Sessions;

public sealed partial class WebinarsController
{
    public const int MaxTitleLength = 200;
    public const int MaxAgendaLength = 20_000;

    /// <summary>Every problem goes next to its field; the form keeps what was typed.</summary>
    private void Validate(SessionForm form, SessionFormPage page, bool isEdit)
    {
        // Values the binder could not read ("abc" in a number box) get the same plain message as a missing one.
        foreach (var (key, message) in BindingMessages)
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                ReplaceError(key, message);
            }
        }

        if (isEdit || form.Recurrence == Recurrence.Once)
        {
            // The count only matters for a new series.
            ModelState.Remove(nameof(form.Occurrences));
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            ModelState.AddModelError(nameof(form.Title), "Enter a title");
        }
        else if (form.Title.Trim().Length > MaxTitleLength)
        {
            ModelState.AddModelError(nameof(form.Title), $"Title must be {MaxTitleLength} characters or fewer");
        }

        if (form.Agenda is { Length: > MaxAgendaLength })
        {
            ModelState.AddModelError(nameof(form.Agenda), $"Agenda must be {MaxAgendaLength:N0} characters or fewer");
        }

        if (form.Date is null && !ModelState.ContainsKey(nameof(form.Date)))
        {
            ModelState.AddModelError(nameof(form.Date), "Enter the date of the session");
        }

        if (form.StartTime is null && !ModelState.ContainsKey(nameof(form.StartTime)))
        {
            ModelState.AddModelError(nameof(form.StartTime), "Enter the start time, for example 09:00");
        }

        if (form.DurationMinutes is null or < 15 or > 480)
        {
            ReplaceError(nameof(form.DurationMinutes), "Enter a duration between 15 and 480 minutes");
        }

        if (form.Capacity is null or < 1 or > 1000)
        {
            ReplaceError(nameof(form.Capacity), "Enter a capacity between 1 and 1,000 people");
        }

        if (!isEdit && form.Recurrence != Recurrence.Once && form.Occurrences is null or < 2 or > SessionSchedule.MaxOccurrences)
        {
            ReplaceError(nameof(form.Occurrences), $"A series has between 2 and {SessionSchedule.MaxOccurrences} sessions");
        }

        if (form.Mode == SessionMode.Online && !SessionSchedule.IsHttpsUrl(form.JoinUrl))
        {
            ModelState.AddModelError(nameof(form.JoinUrl), "Enter the meeting's join link, starting https://");
        }

        if (form.Mode == SessionMode.FaceToFace && string.IsNullOrWhiteSpace(form.Venue))
        {
            ModelState.AddModelError(nameof(form.Venue), "Enter the venue's name and address");
        }
        else if (form.Venue is { Length: > 300 })
        {
            ModelState.AddModelError(nameof(form.Venue), "Venue must be 300 characters or fewer");
        }

        if (form.JoinUrl is { Length: > 1000 })
        {
            ReplaceError(nameof(form.JoinUrl), "The join link must be 1,000 characters or fewer");
        }

        if (form.FacilitatorUserId is not null && page.Facilitators.All(f => f.UserId != form.FacilitatorUserId))
        {
            ReplaceError(nameof(form.FacilitatorUserId), "Choose a facilitator from the list");
        }

        var known = page.Areas.Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        if (form.Areas.Any(a => !known.Contains(a)))
        {
            ModelState.AddModelError(nameof(form.Areas), "Choose framework areas from the list");
        }
    }

    private static readonly (string Key, string Message)[] BindingMessages =
    [
        (nameof(SessionForm.Date), "Enter a real date, for example 28/10/2026"),
        (nameof(SessionForm.StartTime), "Enter a real time, for example 09:00"),
        (nameof(SessionForm.DurationMinutes), "Enter a duration between 15 and 480 minutes"),
        (nameof(SessionForm.Occurrences), $"A series has between 2 and {SessionSchedule.MaxOccurrences} sessions"),
        (nameof(SessionForm.Capacity), "Enter a capacity between 1 and 1,000 people"),
        (nameof(SessionForm.FacilitatorUserId), "Choose a facilitator from the list"),
        (nameof(SessionForm.Recurrence), "Choose how often the session repeats"),
        (nameof(SessionForm.Mode), "Choose online or face to face"),
    ];

    private void ReplaceError(string key, string message)
    {
        ModelState.Remove(key);
        ModelState.AddModelError(key, message);
    }
}

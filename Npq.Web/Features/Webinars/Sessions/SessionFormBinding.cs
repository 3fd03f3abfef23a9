using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npq.Core.Validation;
using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>
/// Between the form and <see cref="WebinarScheduling"/>: plain messages for values the binder could not read
/// ("abc" in a number box), and the rules' problems put next to their fields. The form keeps what was typed.
/// </summary>
public static class SessionFormBinding
{
    private static readonly (string Key, string Message)[] BindingMessages =
    [
        (nameof(SessionDraft.Date), "Enter a real date, for example 28/10/2026"),
        (nameof(SessionDraft.StartTime), "Enter a real time, for example 09:00"),
        (nameof(SessionDraft.DurationMinutes), "Enter a duration between 15 and 480 minutes"),
        (nameof(SessionDraft.Occurrences), $"A series has between 2 and {SessionSchedule.MaxOccurrences} sessions"),
        (nameof(SessionDraft.Capacity), "Enter a capacity between 1 and 1,000 people"),
        (nameof(SessionDraft.FacilitatorUserId), "Choose a facilitator from the list"),
        (nameof(SessionDraft.Recurrence), "Choose how often the session repeats"),
        (nameof(SessionDraft.Mode), "Choose online or face to face"),
    ];

    /// <summary>
    /// Replaces the binder's messages with plain ones, drops a series' count where it does not apply (an edit, a
    /// one-off session), and returns the fields that could not be read.
    /// </summary>
    public static IReadOnlySet<string> Unreadable(ModelStateDictionary modelState, SessionDraft draft, bool isEdit)
    {
        foreach (var (key, message) in BindingMessages)
        {
            if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                Replace(modelState, key, message);
            }
        }

        if (isEdit || draft.Recurrence == Recurrence.Once)
        {
            modelState.Remove(nameof(SessionDraft.Occurrences));
        }

        return modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Puts each problem next to its field, in order; a replacing problem takes the place of what was there.</summary>
    public static void Show(ModelStateDictionary modelState, IEnumerable<FieldProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.Replaces)
            {
                Replace(modelState, problem.Field, problem.Message);
            }
            else
            {
                modelState.AddModelError(problem.Field, problem.Message);
            }
        }
    }

    private static void Replace(ModelStateDictionary modelState, string key, string message)
    {
        modelState.Remove(key);
        modelState.AddModelError(key, message);
    }
}

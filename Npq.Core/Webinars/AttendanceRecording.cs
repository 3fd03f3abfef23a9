using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;

namespace Npq.Core.Webinars;

/// <summary>Where the join button sends the person, or why it does not.</summary>
public sealed record JoinResult(string? JoinUrl, string? Refusal);

/// <summary>One register line: the candidate, their mark and note (as saved, or as typed), and the minutes recorded.</summary>
public sealed record RegisterLine(RosterMember Member, RegisterMark? Mark, string? Note, int Minutes);

/// <summary>A session's register: its lines, a problem per candidate that could not be saved, and whether it was saved.</summary>
public sealed record RegisterSheet(IReadOnlyList<RegisterLine> Lines, IReadOnlyDictionary<int, string> Errors, bool Saved, int Total);

/// <summary>
/// What is recorded about attendance: joins through the join button, the facilitator's register, imports from
/// the meeting platform (previewed, then confirmed), and the cohort's attendance rule. Audits and logs ids only.
/// </summary>
public sealed class AttendanceRecording(
    IWebinarRepository webinars,
    IAttendanceRepository attendance,
    IAuditLog audit,
    IOptions<WebinarsOptions> options,
    TimeProvider time,
    ILogger<AttendanceRecording> logger)
{
    public const int MaxNoteLength = 500;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Records the join (at the start when early) and gives the meeting's link, while the session is open
    /// (<see cref="WebinarSession.CanJoin"/>); otherwise says why not and records nothing.
    /// </summary>
    public async Task<JoinResult> JoinAsync(WebinarSession session, int userId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var opens = options.Value.JoinOpensMinutesBefore;
        if (!session.CanJoin(now, opens))
        {
            return new JoinResult(null, session.IsCancelled ? "This session was cancelled."
                : session.HasEnded(now) ? "This session has finished."
                : session.JoinUrl is null ? "This session has no online meeting to join."
                : $"You can join from {opens} minutes before the start.");
        }

        await attendance.AddSegmentAsync(new AttendanceSegment
        {
            SessionId = session.Id, UserId = userId, JoinUtc = now < session.StartUtc ? session.StartUtc : now, Source = AttendanceSource.JoinButton,
        }, now, cancellationToken);
        logger.LogInformation("User {UserId} joined session {SessionId}", userId, session.Id);
        return new JoinResult(session.JoinUrl!, null);
    }

    /// <summary>One page of the register as saved (candidates by name), with each candidate's recorded minutes and how many are on the cohort.</summary>
    public Task<RegisterSheet> RegisterAsync(WebinarSession session, int skip, int take, CancellationToken cancellationToken = default) =>
        SheetAsync(session, skip, take, saved: false, new Dictionary<int, string>(), null, cancellationToken);

    /// <summary>
    /// Saves the register from what was typed for the candidates on the cohort (<paramref name="typed"/>: the mark's
    /// name, empty for none, and the note; null for a candidate not on the page posted, whose line is left as it is).
    /// Nothing is saved when one line is wrong; the sheet (the page at <paramref name="skip"/>) then keeps what was typed.
    /// </summary>
    public async Task<RegisterSheet> SaveRegisterAsync(
        WebinarSession session, int skip, int take, Func<int, (string Mark, string Note)?> typed, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var entries = new List<(int, RegisterMark?, string?)>();
        var errors = new Dictionary<int, string>();
        var posted = new Dictionary<int, (RegisterMark?, string?)>();
        foreach (var member in await webinars.GetRosterAsync(session.CohortId, cancellationToken))
        {
            if (typed(member.UserId) is not { } line)
            {
                continue;
            }

            var (markText, noteText) = line;
            var note = noteText.Trim();
            RegisterMark? mark = null;
            if (markText.Length > 0)
            {
                if (Enum.TryParse<RegisterMark>(markText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
                {
                    mark = parsed;
                }
                else
                {
                    errors[member.UserId] = "Choose present, late, absent or excused";
                }
            }

            if (note.Length > MaxNoteLength)
            {
                errors[member.UserId] = "Keep the note to 500 characters";
            }

            posted[member.UserId] = (mark, note.Length == 0 ? null : note);
            entries.Add((member.UserId, mark, note.Length == 0 ? null : note));
        }

        if (errors.Count > 0)
        {
            return await SheetAsync(session, skip, take, saved: false, errors, posted, cancellationToken);
        }

        await MarkAsync(session.Id, entries, actorUserId, cancellationToken);
        await audit.WriteNowAsync(time, "attendance.register-saved", actorUserId, $"session:{session.Id}", null, ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} saved the register of session {SessionId}", actorUserId, session.Id);
        return await SheetAsync(session, skip, take, saved: true, errors, null, cancellationToken);
    }

    /// <summary>Writes register marks as given (a mark replaces the person's previous one; no mark clears it).</summary>
    public Task MarkAsync(int sessionId, IReadOnlyList<(int UserId, RegisterMark? Mark, string? Note)> entries, int recordedByUserId, CancellationToken cancellationToken = default) =>
        attendance.SaveRegisterAsync(sessionId, entries, recordedByUserId, Now, cancellationToken);

    /// <summary>What an import would write: the rows read from the file matched to the cohort's candidates. Writes nothing.</summary>
    public async Task<ImportPreview> PreviewImportAsync(
        WebinarSession session, IReadOnlyList<ImportedRow> rows, IReadOnlyList<MalformedRow> malformed, CancellationToken cancellationToken = default) =>
        AttendanceImportMatcher.Match(rows, malformed, await webinars.GetRosterAsync(session.CohortId, cancellationToken));

    /// <summary>
    /// Writes the confirmed rows of a preview, all in one transaction, leaving out anyone no longer on the cohort;
    /// returns how many were written.
    /// </summary>
    public async Task<int> ConfirmImportAsync(
        WebinarSession session, IReadOnlyList<ConfirmedRow> rows, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var roster = (await webinars.GetRosterAsync(session.CohortId, cancellationToken)).Select(m => m.UserId).ToHashSet();
        var segments = rows.Where(r => roster.Contains(r.UserId)).Select(r => new AttendanceSegment
        {
            SessionId = session.Id, UserId = r.UserId, JoinUtc = r.JoinUtc, LeaveUtc = r.LeaveUtc, Source = AttendanceSource.Import,
        }).ToList();
        await AddSegmentsAsync(segments, cancellationToken);
        await audit.WriteNowAsync(time, "attendance.imported", actorUserId, $"session:{session.Id}", $"segments:{segments.Count}", ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} imported {Count} attendance segments into session {SessionId}", actorUserId, segments.Count, session.Id);
        return segments.Count;
    }

    /// <summary>Writes join/leave segments in one transaction; a segment never leaves before it joins.</summary>
    public Task AddSegmentsAsync(IReadOnlyList<AttendanceSegment> segments, CancellationToken cancellationToken = default)
    {
        if (segments.Any(s => s.LeaveUtc < s.JoinUtc))
        {
            throw new ArgumentException("A segment cannot end before it starts.", nameof(segments));
        }

        return attendance.AddSegmentsAsync(segments, Now, cancellationToken);
    }

    /// <summary>
    /// Sets the cohort's attendance rule from what was typed: a whole percentage from 1 to 100. Returns the problem
    /// to show, or null once saved.
    /// </summary>
    public async Task<string?> ChangeRuleAsync(SessionCohort cohort, string? thresholdPercent, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(thresholdPercent, out var percent) || percent is < 1 or > 100)
        {
            return "Enter a whole number from 1 to 100";
        }

        await webinars.SetAttendanceThresholdAsync(cohort.Id, percent, cancellationToken);
        await audit.WriteNowAsync(time, "attendance.rule-changed", actorUserId, $"cohort:{cohort.Id}", $"threshold:{percent}", ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} set the attendance rule of cohort {CohortId} to {Percent}%", actorUserId, cohort.Id, percent);
        return null;
    }

    private async Task<RegisterSheet> SheetAsync(
        WebinarSession session, int skip, int take, bool saved, IReadOnlyDictionary<int, string> errors, IReadOnlyDictionary<int, (RegisterMark? Mark, string? Note)>? posted, CancellationToken cancellationToken)
    {
        var (roster, total) = await webinars.GetRosterPageAsync(session.CohortId, skip, take, cancellationToken);
        var marks = (await attendance.GetMarksForSessionAsync(session.Id, cancellationToken)).ToDictionary(m => m.UserId);
        var segments = (await attendance.GetSegmentsForSessionAsync(session.Id, cancellationToken)).ToLookup(s => s.UserId);
        var lines = roster.Select(member =>
        {
            var minutes = AttendanceCalculator.MinutesAttended(segments[member.UserId], session.StartUtc, session.EndUtc);
            if (posted is not null && posted.TryGetValue(member.UserId, out var typed))
            {
                return new RegisterLine(member, typed.Mark, typed.Note, minutes);
            }

            marks.TryGetValue(member.UserId, out var mark);
            return new RegisterLine(member, mark?.Mark, mark?.Note, minutes);
        }).ToList();
        return new RegisterSheet(lines, errors, saved, total);
    }
}

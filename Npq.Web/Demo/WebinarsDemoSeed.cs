using Npq.Core.Accounts;
using Npq.Core.Time;
using Npq.Core.Webinars;

namespace Npq.Web.Demo;

/// <summary>
/// Demo webinars: for each demo cohort, four weekly sessions before the demo "now" and three after it (the next
/// at least a day away), in the cohort's own zone, with attendance for the past ones; a face-to-face day for the
/// blended UK cohort. Runs once per cohort: a cohort that already has sessions is left alone. Written through the
/// webinar use cases, so the sessions obey the same rules as scheduled ones.
/// </summary>
public sealed class WebinarsDemoSeed(
    SessionQueries sessionQueries,
    WebinarScheduling scheduling,
    AttendanceRecording attendance,
    IUserTimeZones timeZones,
    ILogger<WebinarsDemoSeed> logger) : IDemoSeedStep
{
    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var mentor = context.User("mentor@npq.example");
        var admin = context.User("admin@npq.example");
        foreach (var email in new[] { "mentor@npq.example", "admin@npq.example" })
        {
            var zone = await timeZones.GetAsync(context.User(email));
            if (zone?.TimeZone is null)
            {
                await timeZones.SetAsync(context.User(email), "Europe/London");
            }
        }

        await SeedCohortAsync(context, context.UkCohortId, "Europe/London", new TimeOnly(16, 0), "https://meet.npq.example/riverside-npqsl", context.User("candidate2@npq.example"), mentor, admin, faceToFace: true);
        await SeedCohortAsync(context, context.InternationalCohortId, "Asia/Dubai", new TimeOnly(18, 0), "https://meet.npq.example/gulf-npqsl", context.User("candidate1@npq.example"), mentor, admin, faceToFace: false);
    }

    private async Task SeedCohortAsync(DemoSeedContext context, int cohortId, string zone, TimeOnly start, string joinUrl, int candidate, int mentor, int admin, bool faceToFace)
    {
        if (await sessionQueries.HasSessionsAsync(cohortId))
        {
            return;
        }

        var now = context.NowUtc;
        var today = ZonedTime.Today(now, zone);
        var topics = new (string Title, string Area, string Agenda)[]
        {
            ("Leading school culture", "school-culture", "## Agenda\n- What culture is, and how it is built\n- Case study: a school's routines\n- Planning your first intervention"),
            ("Curriculum and assessment", "curriculum-and-assessment", "## Agenda\n- Sequencing a curriculum\n- Assessment that informs teaching"),
            ("Additional and special educational needs", "additional-and-special-educational-needs-and-disabilities", "## Agenda\n- Identifying need early\n- Working with families"),
            ("Professional development that lasts", "professional-development", "## Agenda\n- Mechanisms of effective PD\n- Designing a programme"),
            ("Organisational management", "organisational-management", "## Agenda\n- Budgets and staffing\n- Prioritising"),
            ("Working in partnership", "working-in-partnership", "## Agenda\n- Partnerships that improve outcomes"),
            ("Governance and accountability", "governance-and-accountability", "## Agenda\n- Working with the board\n- Reporting honestly"),
        };
        var sessions = new List<WebinarSession>();
        var dates = new[] { -28, -21, -14, -7, 2, 9, 16 };
        var seriesId = Guid.NewGuid().ToString("N");
        for (var i = 0; i < dates.Length; i++)
        {
            var startUtc = ZonedTime.ToUtc(today.AddDays(dates[i]).ToDateTime(start), zone);
            sessions.Add(new WebinarSession
            {
                CohortId = cohortId,
                SeriesId = seriesId,
                Title = $"{topics[i].Title} ({i + 1} of {dates.Length})",
                AgendaMarkdown = topics[i].Agenda,
                StartUtc = startUtc,
                DurationMinutes = 90,
                FacilitatorUserId = mentor,
                JoinUrl = joinUrl,
                Capacity = 30,
                FrameworkAreas = [topics[i].Area],
                RecordingUrl = dates[i] < 0 ? $"https://recordings.npq.example/{cohortId}/{i + 1}" : null,
                CreatedUtc = now,
                UpdatedUtc = now,
            });
        }

        if (faceToFace)
        {
            sessions.Add(new WebinarSession
            {
                CohortId = cohortId,
                Title = "Face-to-face day: implementation planning",
                AgendaMarkdown = "## The day\n- 09:30 Arrival\n- 10:00 Implementation workshop\n- 15:00 Close",
                StartUtc = ZonedTime.ToUtc(today.AddDays(-10).ToDateTime(new TimeOnly(9, 30)), zone),
                DurationMinutes = 330,
                FacilitatorUserId = mentor,
                Venue = "Riverside Academy, Conference Room, 1 River Street, Riverside RV1 2AB",
                Capacity = 24,
                FrameworkAreas = ["implementation"],
                CreatedUtc = now,
                UpdatedUtc = now,
            });
        }

        var ids = await scheduling.AddPlannedAsync(sessions);
        var created = sessions.Select((s, i) => s with { Id = ids[i] }).ToList();
        var past = created.Where(s => s.EndUtc <= now && !s.IsFaceToFace).OrderBy(s => s.StartUtc).ToList();

        // Attended in full (joined two minutes late), attended with a drop-out and rejoin, half a session (missed),
        // and excused by the facilitator: three counted, two attended, one excused.
        await attendance.AddSegmentsAsync([new AttendanceSegment { SessionId = past[0].Id, UserId = candidate, JoinUtc = past[0].StartUtc.AddMinutes(2), Source = AttendanceSource.JoinButton }]);
        await attendance.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = past[1].Id, UserId = candidate, JoinUtc = past[1].StartUtc, LeaveUtc = past[1].StartUtc.AddMinutes(50), Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = past[1].Id, UserId = candidate, JoinUtc = past[1].StartUtc.AddMinutes(45), LeaveUtc = past[1].EndUtc, Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = past[2].Id, UserId = candidate, JoinUtc = past[2].StartUtc, LeaveUtc = past[2].StartUtc.AddMinutes(45), Source = AttendanceSource.Import },
        ]);
        await attendance.MarkAsync(past[3].Id, [(candidate, RegisterMark.Excused, "Inspection week at school: agreed in advance")], mentor);
        if (faceToFace)
        {
            var day = created.Single(s => s.IsFaceToFace);
            await attendance.MarkAsync(day.Id, [(candidate, RegisterMark.Present, null)], admin);
        }

        logger.LogInformation("Demo webinars added to cohort {CohortId} ({Count} sessions)", cohortId, created.Count);
    }
}

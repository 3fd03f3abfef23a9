namespace Npq.Bench;

public sealed partial class DataGenerator
{
    internal sealed record CohortIds(int[] Ids, string[] Zones, Dictionary<int, int> CohortOfCandidate, Dictionary<int, int> MentorOfCandidate);

    private CohortIds CohortsAndEnrolments(PeopleIds people) => Batch(tx =>
    {
        using var cohorts = new BulkInsert(connection, tx, "Cohorts", "CourseId", "DeliveryPartnerId", "Name", "StartYear", "Suffix", "StartDate", "EndDate",
            "DeliveryModel", "IsInternational", "TimeZone", "Capacity");
        var zones = new string[options.Cohorts];
        var ids = Enumerable.Range(0, options.Cohorts).Select(i =>
        {
            zones[i] = Zones[i % Zones.Length];
            var international = zones[i] != "Europe/London";
            return cohorts.Add(people.CourseId, people.Partners[i % people.Partners.Length], $"NPQSL 2026 cohort {i + 1:D2}", 2026, i % 2 == 0 ? string.Empty : "a",
                new DateOnly(2026, 10, 1).AddDays(i % 20), new DateOnly(2028, 3, 31), international ? "Online" : (i % 3 == 0 ? "FaceToFace" : "Blended"),
                international, zones[i], (options.Candidates / options.Cohorts) + 10);
        }).ToArray();

        using var applications = new BulkInsert(connection, tx, "Applications", "CohortId", "ApplicantUserId", "SchoolName", "Role", "Qualification", "QualificationGainedOn",
            "YearsTeachingSince", "FundingRoute", "DfeParticipantId", "DfeApplicationId", "Trn", "IsEligible", "EligibilityReason", "PriceNetPence", "VatPence", "PriceTotalPence",
            "Status", "SubmittedUtc", "DecidedUtc", "DecidedByUserId");
        using var enrolments = new BulkInsert(connection, tx, "Enrolments", "CohortId", "CandidateUserId", "MentorUserId", "TrainingStatus", "StatusReason", "EnrolledUtc");
        var cohortOf = new Dictionary<int, int>();
        var mentorOf = new Dictionary<int, int>();
        for (var i = 0; i < people.Candidates.Length; i++)
        {
            var candidate = people.Candidates[i];
            var cohort = ids[i % ids.Length];
            var mentor = people.Mentors[i % people.Mentors.Length];
            cohortOf[candidate] = cohort;
            mentorOf[candidate] = mentor;
            var self = i % 7 == 0;
            applications.Add(cohort, candidate, $"School {(i % people.Schools.Length) + 1:D5}", "Assistant headteacher", "Qts", new DateOnly(2015, 9, 1).AddDays(-_random.Next(2000)),
                2 + _random.Next(12), self ? "Self" : "School", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                true, null, 155_000, self ? 31_000 : 0, self ? 186_000 : 155_000, "Accepted", Now.AddDays(-200), Now.AddDays(-190), people.Admin);
            var status = (i % 50) switch { 0 => "Deferred", 1 => "Withdrawn", _ => "Active" };
            var reason = status switch { "Deferred" => "parental-leave", "Withdrawn" => "personal-reason-other", _ => null };
            enrolments.Add(cohort, candidate, mentor, status, reason, Now.AddDays(-180));
        }

        _rows += cohorts.Rows + applications.Rows + enrolments.Rows;
        return new CohortIds(ids, zones, cohortOf, mentorOf);
    });

    private void Work(PeopleIds people, CohortIds cohorts, string[] statements, string[] areas) => Batch(tx =>
    {
        using var tasks = new BulkInsert(connection, tx, "AssessmentTasks", "CourseId", "Title", "Instructions", "Kind", "WordLimit", "MaxAttempts", "MentorReviewsDrafts", "CreatedUtc");
        var taskIds = new[]
        {
            tasks.Add(people.CourseId, "Task 1: school culture audit", "Audit your school's culture against the framework.", "Standard", 1500, 2, true, Now.AddDays(-200)),
            tasks.Add(people.CourseId, "Task 2: curriculum plan", "Plan a curriculum change.", "Standard", 1500, 2, false, Now.AddDays(-200)),
            tasks.Add(people.CourseId, "Task 3: implementation review", "Review an implementation.", "Standard", 2000, 1, false, Now.AddDays(-200)),
        };
        using var taskDates = new BulkInsert(connection, tx, "AssessmentTaskDates", "TaskId", "CohortId", "OpensOn", "DueOn", "CutOffOn");
        foreach (var cohort in cohorts.Ids)
        {
            for (var t = 0; t < taskIds.Length; t++)
            {
                var opens = new DateOnly(2026, 11, 1).AddDays(t * 60);
                taskDates.Add(taskIds[t], cohort, opens, opens.AddDays(28), opens.AddDays(35));
            }
        }

        using var evidence = new BulkInsert(connection, tx, "EvidenceItems", "CandidateUserId", "Title", "EvidenceDate", "Reflection", "IsDraft", "CreatedUtc", "UpdatedUtc");
        using var links = new BulkInsert(connection, tx, "EvidenceStatements", "EvidenceId", "StatementId");
        using var log = new BulkInsert(connection, tx, "EvidenceLog", "EvidenceId", "OccurredUtc", "ActorUserId", "Action", "Detail");
        using var submissions = new BulkInsert(connection, tx, "Submissions", "TaskId", "CandidateUserId", "CohortId", "Attempt", "State", "Body", "WordCount", "SubmittedUtc",
            "SubmittedByUserId", "CreatedUtc", "UpdatedUtc");
        using var feedback = new BulkInsert(connection, tx, "FeedbackComments", "CandidateUserId", "EvidenceId", "SubmissionId", "AuthorUserId", "Body", "StatementId", "CreatedUtc");
        using var updates = new BulkInsert(connection, tx, "ProgressUpdates", "CandidateUserId", "CohortId", "MentorUserId", "Narrative", "NextSteps", "CreatedUtc", "UpdatedUtc");
        using var ratings = new BulkInsert(connection, tx, "ProgressRatings", "ProgressUpdateId", "AreaSlug", "Rating");
        const string reflection = "I led a series of **coaching conversations** with middle leaders about our approach to feedback. " +
            "We looked at pupils' work together and agreed three changes to how we plan lessons.\n\n- What went well: shared language\n- Next: monitor the impact";

        foreach (var candidate in people.Candidates)
        {
            var mentor = cohorts.MentorOfCandidate[candidate];
            var cohort = cohorts.CohortOfCandidate[candidate];
            var count = 15 + _random.Next(11);
            var firstEvidence = 0;
            for (var e = 0; e < count; e++)
            {
                var created = Now.AddDays(-150 + (e * 6)).AddMinutes(_random.Next(600));
                var id = evidence.Add(candidate, $"Evidence {e + 1}: {(e % 3 == 0 ? "coaching log" : e % 3 == 1 ? "meeting notes" : "lesson visit")}",
                    DateOnly.FromDateTime(created), reflection, e == count - 1, created, created);
                firstEvidence = firstEvidence == 0 ? id : firstEvidence;
                var linked = 1 + _random.Next(4);
                var start = _random.Next(statements.Length);
                for (var s = 0; s < linked; s++)
                {
                    links.Add(id, statements[(start + (s * 7)) % statements.Length]);
                }

                log.Add(id, created, candidate, "created", null);
            }

            for (var t = 0; t < taskIds.Length; t++)
            {
                var submitted = t < 2;
                var at = Now.AddDays(-120 + (t * 60));
                var submission = submissions.Add(taskIds[t], candidate, cohort, 1, submitted ? "Submitted" : "Draft", reflection, 60, submitted ? at : null, submitted ? candidate : null, at.AddDays(-5), at);
                if (submitted && t == 0)
                {
                    feedback.Add(candidate, null, submission, mentor, "A **clear** analysis; link it to the school's strategy.", statements[t], at.AddDays(2));
                }
            }

            feedback.Add(candidate, firstEvidence, null, mentor, "Good reflection: what evidence of impact will you collect?", null, Now.AddDays(-100));
            feedback.Add(candidate, firstEvidence, null, candidate, "I will compare book looks before and after.", null, Now.AddDays(-99));

            for (var u = 0; u < 3; u++)
            {
                var at = Now.AddDays(-126 + (u * 42));
                var update = updates.Add(candidate, cohort, mentor, "Steady progress across the areas; engaged in every session.", "Collect evidence of impact for the culture audit.", at, at);
                foreach (var area in areas)
                {
                    ratings.Add(update, area, Ratings[Math.Min(3, u + _random.Next(2))]);
                }
            }
        }

        _rows += tasks.Rows + taskDates.Rows + evidence.Rows + links.Rows + log.Rows + submissions.Rows + feedback.Rows + updates.Rows + ratings.Rows;
        return 0;
    });

    private void Webinars(PeopleIds people, CohortIds cohorts, string[] areas) => Batch(tx =>
    {
        using var sessions = new BulkInsert(connection, tx, "WebinarSessions", "CohortId", "SeriesId", "Title", "AgendaMarkdown", "StartUtc", "DurationMinutes", "FacilitatorUserId",
            "JoinUrl", "Venue", "Capacity", "FrameworkAreas", "Status", "Sequence", "CreatedUtc", "UpdatedUtc");
        using var segments = new BulkInsert(connection, tx, "AttendanceSegments", "SessionId", "UserId", "JoinUtc", "LeaveUtc", "Source", "CreatedUtc");
        var byCohort = people.Candidates.GroupBy(c => cohorts.CohortOfCandidate[c]).ToDictionary(g => g.Key, g => g.ToArray());
        for (var c = 0; c < cohorts.Ids.Length; c++)
        {
            var cohort = cohorts.Ids[c];
            var series = Guid.NewGuid().ToString("N");
            for (var s = 0; s < 12; s++)
            {
                var start = new DateTime(2026, 10, 15, 6 + (c % 8), 0, 0, DateTimeKind.Utc).AddDays(s * 14);
                var session = sessions.Add(cohort, series, $"Webinar {s + 1}: {areas[s % areas.Length]}", "Discussion and case study.", start, 90,
                    people.Mentors[c % people.Mentors.Length], "https://meet.example.org/npq-" + cohort, null, 80, areas[s % areas.Length], "Scheduled", 0, Now.AddDays(-200), Now.AddDays(-200));
                if (start > Now || !byCohort.TryGetValue(cohort, out var members))
                {
                    continue;
                }

                foreach (var candidate in members)
                {
                    if (_random.Next(10) == 0)
                    {
                        continue; // absent
                    }

                    var join = start.AddMinutes(_random.Next(10));
                    segments.Add(session, candidate, join, join.AddMinutes(60 + _random.Next(30)), "JoinButton", join);
                }
            }
        }

        _rows += sessions.Rows + segments.Rows;
        return 0;
    });

    /// <summary>
    /// The final assessment: a case study task, criteria linked to statements, and for one candidate in five a
    /// submitted answer of about 1,400 words whose script has been marked and released.
    /// </summary>
    private int? FinalAssessments(PeopleIds people, CohortIds cohorts, string[] statements) => Batch(tx =>
    {
        using var tasks = new BulkInsert(connection, tx, "AssessmentTasks", "CourseId", "Title", "Instructions", "Kind", "WordLimit", "MaxAttempts", "MentorReviewsDrafts", "CreatedUtc");
        var task = tasks.Add(people.CourseId, "Final assessment: leading whole-school change", "Read the case study and answer in at most 1,500 words.", "Final", 1500, 2, false, Now.AddDays(-200));
        using var dates = new BulkInsert(connection, tx, "AssessmentTaskDates", "TaskId", "CohortId", "OpensOn", "DueOn", "CutOffOn");
        foreach (var cohort in cohorts.Ids)
        {
            dates.Add(task, cohort, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 8), new DateOnly(2027, 2, 8));
        }

        using var criteria = new BulkInsert(connection, tx, "AssessmentCriteria", "CourseId", "Position", "Title", "Guidance");
        using var criterionStatements = new BulkInsert(connection, tx, "AssessmentCriterionStatements", "CriterionId", "StatementId");
        var criterionIds = Enumerable.Range(1, 5).Select(i =>
        {
            var id = criteria.Add(people.CourseId, i, $"Criterion {i}: applies the framework to the school's context", "Judged against the linked statements.");
            criterionStatements.Add(id, statements[(i * 11) % statements.Length]);
            criterionStatements.Add(id, statements[(i * 17) % statements.Length]);
            return id;
        }).ToArray();

        var paragraph = "Our school serves a diverse community in which a third of pupils speak English as an additional language. " +
            "As a senior leader I set out to build a shared understanding of high expectations, using the evidence on retrieval practice, " +
            "feedback and the culture of professional trust. I began by listening to middle leaders, then agreed three priorities with them, " +
            "planned the professional development that would make each one stick, and checked the impact on pupils' work every half term. ";
        var body = "## Context\n\n" + string.Concat(Enumerable.Repeat(paragraph, 6)) + "\n\n## What I did\n\n" + string.Concat(Enumerable.Repeat(paragraph, 6)) +
            "\n\n## Impact\n\n- Attendance at catch-up sessions rose\n- Book looks showed better feedback\n\n" + string.Concat(Enumerable.Repeat(paragraph, 6));
        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

        using var submissions = new BulkInsert(connection, tx, "Submissions", "TaskId", "CandidateUserId", "CohortId", "Attempt", "State", "Body", "WordCount", "SubmittedUtc",
            "SubmittedByUserId", "Result", "CreatedUtc", "UpdatedUtc");
        using var scripts = new BulkInsert(connection, tx, "MarkingScripts", "SubmissionId", "TaskId", "CohortId", "CandidateUserId", "Reference", "State", "AssessorUserId",
            "AllocatedUtc", "AssessorOutcome", "AssessorComment", "MarkedUtc", "FinalOutcome", "ReleasedUtc", "ReleasedByUserId", "CompletionDate", "UpdatedUtc");
        using var judgements = new BulkInsert(connection, tx, "MarkingJudgements", "ScriptId", "CriterionId", "Role", "Met", "Comment");
        int? first = null;
        for (var i = 0; i < people.Candidates.Length; i += 5)
        {
            var candidate = people.Candidates[i];
            var cohort = cohorts.CohortOfCandidate[candidate];
            var submitted = new DateTime(2027, 2, 6, 10, 0, 0, DateTimeKind.Utc);
            var pass = _random.Next(10) != 0;
            var submission = submissions.Add(task, candidate, cohort, 1, "Submitted", body, words, submitted, candidate, pass ? "Pass" : "Fail", submitted.AddDays(-3), submitted);
            var script = scripts.Add(submission, task, cohort, candidate, $"FA-{candidate:D6}", "Released", people.Assessors[i % people.Assessors.Length], submitted.AddDays(2),
                pass ? "Pass" : "Fail", "A well-argued case study.", submitted.AddDays(10), pass ? "Pass" : "Fail", Now.AddDays(-10), people.Admin,
                DateOnly.FromDateTime(Now.AddDays(-10)), Now.AddDays(-10));
            first ??= script;
            foreach (var criterion in criterionIds)
            {
                judgements.Add(script, criterion, "Assessor", pass || _random.Next(2) == 0, "Secure use of the evidence.");
            }
        }

        _rows += tasks.Rows + dates.Rows + criteria.Rows + criterionStatements.Rows + submissions.Rows + scripts.Rows + judgements.Rows;
        return first;
    });
}

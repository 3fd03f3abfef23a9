using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Web.Demo;

/// <summary>
/// Demo portfolio: evidence, tasks in several states, feedback threads and progress updates for the two demo
/// candidates, so every role's dashboard has something real on first start. Runs once: it does nothing when the
/// demo course already has its tasks. Tasks, their dates, cadences and evidence go through the portfolio's use cases
/// (the demo admin defines the tasks), so they obey the same rules as real ones; the history that is already past
/// (attempts handed in weeks ago, feedback, updates) is written as it stands.
/// </summary>
public sealed class PortfolioDemoSeed(
    IFrameworkCatalog catalog,
    EvidenceService evidence,
    TaskAdministration administration,
    ProgressService progressService,
    ITaskRepository tasks,
    IFeedbackRepository feedback,
    IProgressRepository progress,
    ILogger<PortfolioDemoSeed> logger) : IDemoSeedStep
{
    public const string CultureTaskTitle = "Task 1: Leading a change in school culture";
    public const string CurriculumTaskTitle = "Task 2: Reviewing a curriculum area";
    public const string PartnershipTaskTitle = "Task 3: Working in partnership";

    public int Order => 50;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var framework = catalog.Find("npqsl");
        if (framework is null || (await tasks.GetTasksForCourseAsync(context.CourseId)).Any(t => t.Title == CultureTaskTitle))
        {
            return;
        }

        var now = context.NowUtc;
        var amira = context.User("candidate1@npq.example");
        var ben = context.User("candidate2@npq.example");
        var mentor = context.User("mentor@npq.example");
        var admin = context.User("admin@npq.example");
        string S(int area, int index) => framework.Areas[area].AllStatements.ElementAt(index).Id;
        DateOnly Day(int offset) => DateOnly.FromDateTime(now).AddDays(offset);

        // Tasks: one open (mentor reviews drafts), one past its cut-off, one past due but not yet cut off.
        var culture = await DefineAsync(admin, new TaskDefinition
        {
            CourseId = context.CourseId, Title = CultureTaskTitle, Kind = TaskKind.Standard, WordLimit = 1500, MaxAttempts = 2, MentorReviewsDrafts = true,
            Instructions = "Describe a change to your school's culture that you are leading.\n\n- What did you **notice**, and what evidence did you use?\n- How did you bring staff with you?\n- What would you do differently?",
            StatementIds = [S(0, 0), S(0, 1), S(0, 2)],
        });
        var curriculum = await DefineAsync(admin, new TaskDefinition
        {
            CourseId = context.CourseId, Title = CurriculumTaskTitle, Kind = TaskKind.Standard, WordLimit = 1000, MaxAttempts = 2,
            Instructions = "Review one curriculum area with its leader. Set out what pupils should know, how it is sequenced, and how you will check it is learned.",
            StatementIds = [S(2, 0), S(2, 1)],
        });
        var partnership = await DefineAsync(admin, new TaskDefinition
        {
            CourseId = context.CourseId, Title = PartnershipTaskTitle, Kind = TaskKind.Standard, WordLimit = 800, MaxAttempts = 1,
            Instructions = "Reflect on a partnership with another school, a trust or a local service: what it achieved for pupils and what it cost.",
            StatementIds = [S(8, 0)],
        });
        foreach (var cohort in new[] { context.UkCohortId, context.InternationalCohortId })
        {
            await SetDatesAsync(admin, culture, cohort, Day(-21), Day(14), Day(21));
            await SetDatesAsync(admin, curriculum, cohort, Day(-60), Day(-21), Day(-14));
            await SetDatesAsync(admin, partnership, cohort, Day(-40), Day(-3), Day(7));
        }

        await SetCadenceAsync(admin, context.UkCohortId, 6);
        await SetCadenceAsync(admin, context.InternationalCohortId, 4);

        // Amira (Dubai): a growing portfolio, a draft her mentor is reviewing, a submitted task with feedback.
        var staffMeeting = await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = amira, Title = "Leading the staff meeting on our behaviour vision", EvidenceDate = Day(-35), IsDraft = false,
            Reflection = "I led a 40-minute session with all teaching staff on what *calm and purposeful* means in our corridors.\n\n- We agreed three routines.\n- I asked middle leaders to model them first.\n\nNext time I will share the data before the meeting, not during it.",
            CreatedUtc = now.AddDays(-35), UpdatedUtc = now.AddDays(-35), StatementIds = [S(0, 0), S(0, 1), S(3, 0)],
        }, amira);
        await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = amira, Title = "Coaching a new head of science", EvidenceDate = Day(-20), IsDraft = false,
            Reflection = "Six fortnightly coaching conversations using the GROW model. The head of science now runs her own department CPD.",
            CreatedUtc = now.AddDays(-20), UpdatedUtc = now.AddDays(-20), StatementIds = [S(5, 0), S(5, 1), S(0, 1)],
        }, amira);
        await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = amira, Title = "Curriculum map for Year 7 English", EvidenceDate = Day(-12), IsDraft = false,
            Reflection = "Worked with the English lead to sequence the Year 7 curriculum so that knowledge of narrative builds across the year.",
            CreatedUtc = now.AddDays(-12), UpdatedUtc = now.AddDays(-12), StatementIds = [S(2, 0), S(2, 1), S(2, 2)],
        }, amira);
        await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = amira, Title = "Governors' finance committee (notes so far)", EvidenceDate = Day(-2), IsDraft = true,
            Reflection = "First draft: what I learned presenting the budget forecast to governors.",
            CreatedUtc = now.AddDays(-2), UpdatedUtc = now.AddDays(-2), StatementIds = [S(9, 0)],
        }, amira);
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = amira, EvidenceId = staffMeeting, AuthorUserId = mentor, StatementId = S(0, 1), CreatedUtc = now.AddDays(-30),
            Body = "A strong start. You show **how** you built shared expectations; add what changed for pupils afterwards (a week of corridor observations would do).",
        });
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = amira, EvidenceId = staffMeeting, AuthorUserId = amira, CreatedUtc = now.AddDays(-29),
            Body = "Thank you. I have asked two heads of year to walk the corridors with me on Thursday and will add what we see.",
        });

        var cultureDraft = await tasks.EnsureFirstAttemptAsync(culture, amira, context.InternationalCohortId, now.AddDays(-5));
        await tasks.SaveAttemptAsync(cultureDraft with
        {
            State = SubmissionState.Draft, UpdatedUtc = now.AddDays(-1),
            Body = "When I arrived, staff described our culture as *friendly but inconsistent*. I began by listening: twelve conversations in two weeks.",
            WordCount = WordCount.Of("When I arrived, staff described our culture as *friendly but inconsistent*. I began by listening: twelve conversations in two weeks."),
        }, cultureDraft.Version);
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = amira, SubmissionId = cultureDraft.Id, AuthorUserId = mentor, CreatedUtc = now.AddHours(-20),
            Body = "Good opening. Link the twelve conversations to a framework statement and say what you did with what you heard.",
        });

        var curriculumAttempt = await tasks.EnsureFirstAttemptAsync(curriculum, amira, context.InternationalCohortId, now.AddDays(-30));
        var amiraText = "We reviewed Year 7 English with the subject lead. Pupils now meet narrative, then argument, each building on the last.\n\nWe check learning with short retrieval quizzes each fortnight.";
        await tasks.SaveAttemptAsync(curriculumAttempt with
        {
            State = SubmissionState.Submitted, Body = amiraText, WordCount = WordCount.Of(amiraText),
            SubmittedUtc = now.AddDays(-24), SubmittedByUserId = amira, UpdatedUtc = now.AddDays(-24),
        }, curriculumAttempt.Version);
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = amira, SubmissionId = curriculumAttempt.Id, AuthorUserId = mentor, StatementId = S(2, 0), CreatedUtc = now.AddDays(-20),
            Body = "Clear and well sequenced. The retrieval quizzes are a good check; say how you will act on what they show.",
        });

        await progress.CreateAsync(new ProgressUpdate
        {
            CandidateUserId = amira, CohortId = context.InternationalCohortId, MentorUserId = mentor,
            Narrative = "Amira has made a confident start. Her work on behaviour routines is already visible in school, and her coaching of a new head of science is a real strength.",
            NextSteps = "1. Add pupil-level impact to the staff meeting evidence.\n2. Draft Task 1 and share it before the due date.",
            CreatedUtc = now.AddDays(-14), UpdatedUtc = now.AddDays(-14),
            Ratings = Ratings(framework, ProgressRating.Developing, (0, ProgressRating.Secure), (5, ProgressRating.Secure), (9, ProgressRating.NotStarted)),
        });

        // Ben (Riverside, the demo headteacher's school): a reopened task, a late draft, an overdue update.
        var reading = await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = ben, Title = "Reading intervention for Year 8", EvidenceDate = Day(-28), IsDraft = false,
            Reflection = "Set up a 10-week reading fluency programme for 24 pupils, with reading ages checked before and after.",
            CreatedUtc = now.AddDays(-28), UpdatedUtc = now.AddDays(-28), StatementIds = [S(1, 0), S(4, 0)],
        }, ben);
        await evidence.ImportAsync(new EvidenceItem
        {
            CandidateUserId = ben, Title = "Timetable change consultation", EvidenceDate = Day(-9), IsDraft = false,
            Reflection = "Consulted staff, pupils and parents on moving to a two-week timetable; summarised the responses for SLT.",
            CreatedUtc = now.AddDays(-9), UpdatedUtc = now.AddDays(-9), StatementIds = [S(6, 0), S(7, 0), S(7, 1)],
        }, ben);
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = ben, EvidenceId = reading, AuthorUserId = mentor, StatementId = S(1, 0), CreatedUtc = now.AddDays(-25),
            Body = "What did the reading ages show after ten weeks? That is the heart of this evidence.",
        });

        var benFirst = await tasks.EnsureFirstAttemptAsync(curriculum, ben, context.UkCohortId, now.AddDays(-40));
        var benText = "A short review of maths in Key Stage 3.";
        await tasks.SaveAttemptAsync(benFirst with
        {
            State = SubmissionState.Submitted, Body = benText, WordCount = WordCount.Of(benText),
            SubmittedUtc = now.AddDays(-22), SubmittedByUserId = ben, UpdatedUtc = now.AddDays(-22),
        }, benFirst.Version);
        var submitted = (await tasks.GetAttemptsAsync(curriculum, ben))[^1];
        await tasks.ReopenAsync(submitted, submitted.Version, mentor, now.AddDays(-18), null);
        await feedback.AddAsync(new FeedbackComment
        {
            CandidateUserId = ben, SubmissionId = submitted.Id, AuthorUserId = mentor, CreatedUtc = now.AddDays(-18),
            Body = "This needs the detail of what pupils should know and in what order. I have reopened it for a second attempt.",
        });
        await tasks.GrantExtensionAsync(new TaskExtension(curriculum, ben, Day(10), mentor, now.AddDays(-18)));

        var benPartnership = await tasks.EnsureFirstAttemptAsync(partnership, ben, context.UkCohortId, now.AddDays(-10));
        await tasks.SaveAttemptAsync(benPartnership with
        {
            State = SubmissionState.Draft, Body = "Our partnership with the local library service…", WordCount = 6, UpdatedUtc = now.AddDays(-4),
        }, benPartnership.Version);

        await progress.CreateAsync(new ProgressUpdate
        {
            CandidateUserId = ben, CohortId = context.UkCohortId, MentorUserId = mentor,
            Narrative = "Ben has good instincts about curriculum but his first task was thin. He is keen and responds quickly to feedback.",
            NextSteps = "Resubmit Task 2 with a sequenced plan. Bring reading-age data to our next meeting.",
            CreatedUtc = now.AddDays(-50), UpdatedUtc = now.AddDays(-50),
            Ratings = Ratings(framework, ProgressRating.Emerging, (1, ProgressRating.Developing), (8, ProgressRating.NotStarted), (9, ProgressRating.NotStarted)),
        });

        logger.LogInformation("Demo portfolio seeded: tasks {CultureTaskId}, {CurriculumTaskId}, {PartnershipTaskId}", culture, curriculum, partnership);
    }

    private async Task<int> DefineAsync(int admin, TaskDefinition definition)
    {
        var defined = await administration.CreateAsync(admin, definition, formValid: true, CancellationToken.None);
        return defined.TaskId ?? throw new InvalidOperationException($"Demo task \"{definition.Title}\" refused: {string.Join(" ", defined.Problems.Select(p => p.Message))}");
    }

    private async Task SetDatesAsync(int admin, int taskId, int cohortId, DateOnly opensOn, DateOnly dueOn, DateOnly cutOffOn)
    {
        var set = await administration.SetDatesAsync(admin, taskId, new TaskDatesInput(cohortId, opensOn, dueOn, cutOffOn), formValid: true, CancellationToken.None);
        if (!set.Saved)
        {
            throw new InvalidOperationException($"Demo dates of task {taskId} refused: {string.Join(" ", set.Problems.Select(p => p.Message))}");
        }
    }

    private async Task SetCadenceAsync(int admin, int cohortId, int everyWeeks)
    {
        var set = await progressService.SetCadenceAsync(admin, cohortId, everyWeeks, CancellationToken.None);
        if (!set.Found || set.Error is not null)
        {
            throw new InvalidOperationException($"Demo cadence of cohort {cohortId} refused: {set.Error}");
        }
    }

    private static Dictionary<string, ProgressRating> Ratings(Framework framework, ProgressRating otherwise, params (int Area, ProgressRating Rating)[] specific)
    {
        var ratings = framework.Areas.ToDictionary(a => a.Slug, _ => otherwise, StringComparer.OrdinalIgnoreCase);
        foreach (var (area, rating) in specific)
        {
            ratings[framework.Areas[area].Slug] = rating;
        }

        return ratings;
    }
}

using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.FinalAssessment;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Web.Demo;

/// <summary>
/// Demo data for the final assessment: NPQSL criteria, and an NPQSL cohort that started in 2025 whose final
/// assessment has happened, with scripts in every marking state (not marked, allocated, in marking, waiting for
/// moderation, moderated with the moderator overturning a fail, ready for release, and released as a pass and as a
/// fail with the resubmission open). Runs once: it does nothing when the cohort already has scripts. Marking goes
/// through the final assessment's use cases, so every script got where it is by the rules real scripts follow.
/// </summary>
public sealed class FinalAssessmentDemoSeed(
    IOrganisationRepository organisations,
    IUserRepository users,
    IEnrolmentRepository enrolments,
    ITaskRepository tasks,
    AssessmentSetup setup,
    FinalAssessmentQueries queries,
    MarkingAllocation allocation,
    ScriptMarking marking,
    OutcomeRelease release,
    IFrameworkCatalog catalog) : IDemoSeedStep
{
    public const string CohortName = "NPQSL Spring 2025 – Riverside (online)";
    public const string TaskTitle = "Final assessment: leading whole-school change (case study)";

    private static readonly (string Email, string Name)[] Candidates =
    [
        ("zoe.obrien@npq.example", "Zoë O’Brien"),
        ("kwame.mensah@npq.example", "Kwame Mensah"),
        ("sofia.rossi@npq.example", "Sofia Rossi"),
        ("liam.walsh@npq.example", "Liam Walsh"),
        ("hannah.cohen@npq.example", "Hannah Cohen"),
        ("arjun.patel@npq.example", "Arjun Patel"),
        ("chloe.dupont@npq.example", "Chloé Dupont"),
        ("owen.price@npq.example", "Owen Price"),
    ];

    public int Order => 500;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var criteria = await EnsureCriteriaAsync(context.CourseId);
        var cohortId = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = context.CourseId,
            Name = CohortName,
            StartYear = 2025,
            Suffix = "b",
            StartDate = new DateOnly(2025, 2, 3),
            EndDate = new DateOnly(2026, 7, 31),
            DeliveryModel = DeliveryModel.Online,
            TimeZone = "Europe/London",
            Capacity = 20,
        });
        if ((await queries.GetCohortScriptsAsync(cohortId)).Count > 0)
        {
            return;
        }

        var taskId = await EnsureFinalTaskAsync(context.CourseId, cohortId, context.NowUtc);
        await setup.SetCohortRulesAsync(cohortId, new PolicyOverrides(90, 20, false));
        var mentor = context.User("mentor@npq.example");
        var tom = context.User("assessor@npq.example");
        var grace = context.User("assessor2@npq.example");
        var admin = context.User("admin@npq.example");
        var candidateIds = new List<int>();
        foreach (var (email, name) in Candidates)
        {
            var id = await EnsureCandidateAsync(email, name, context);
            // Grace Lin mentors the last candidate, so allocation must never give her that script.
            await enrolments.EnsureAsync(cohortId, id, candidateIds.Count == Candidates.Length - 1 ? grace : mentor, context.NowUtc);
            candidateIds.Add(id);
        }

        // Two scripts are marked, moderated and released first: a pass and a fail (whose resubmission opens).
        await SubmitAsync(taskId, cohortId, candidateIds[0], context.NowUtc, 0);
        await SubmitAsync(taskId, cohortId, candidateIds[1], context.NowUtc, 1);
        await allocation.OpenSubmittedScriptsAsync(cohortId);
        var first = await queries.GetCohortScriptsAsync(cohortId);
        await MarkAsync(first[0], tom, criteria, MarkingOutcome.Pass, admin, finish: true);
        await MarkAsync(first[1], grace, criteria, MarkingOutcome.Fail, admin, finish: true);
        await ModerateIfNeededAsync(cohortId, first[0].Id, grace, criteria, MarkingOutcome.Pass, admin);
        await ModerateIfNeededAsync(cohortId, first[1].Id, tom, criteria, MarkingOutcome.Fail, admin);
        await release.ApproveModeratedAsync(cohortId, admin);
        await release.ReleaseAsync(cohortId, admin);

        // The rest of the cohort, in every state short of release.
        for (var i = 2; i < candidateIds.Count; i++)
        {
            await SubmitAsync(taskId, cohortId, candidateIds[i], context.NowUtc, i);
        }

        await allocation.OpenSubmittedScriptsAsync(cohortId);
        var scripts = (await queries.GetCohortScriptsAsync(cohortId)).Where(s => s.State == MarkingState.NotMarked).ToList();
        // scripts[0]: not marked, unallocated. scripts[1]: allocated to Tom, not started.
        await Allocate(scripts[1], tom, admin);
        // scripts[2]: in marking (Tom, half done).
        await MarkAsync(scripts[2], tom, criteria.Take(2).ToList(), MarkingOutcome.Pass, admin, finish: false);
        // scripts[3]: a proposed fail waiting for its moderator (Grace).
        await MarkAsync(scripts[3], tom, criteria, MarkingOutcome.Fail, admin, finish: true);
        await AllocateModerator(cohortId, scripts[3].Id, grace, admin);
        // scripts[4]: a proposed fail the moderator (Tom) overturned to a pass: moderated, waiting for sign-off.
        await MarkAsync(scripts[4], grace, criteria, MarkingOutcome.Fail, admin, finish: true);
        await ModerateIfNeededAsync(cohortId, scripts[4].Id, tom, criteria, MarkingOutcome.Pass, admin);
        // scripts[5] (mentored by Grace): marked as a pass by Tom; ready for release, or moderated if sampled.
        await MarkAsync(scripts[5], tom, criteria, MarkingOutcome.Pass, admin, finish: true);
    }

    private async Task Allocate(ScriptDetails row, int assessor, int admin)
    {
        var current = (await queries.GetScriptAsync(row.Id))!;
        await allocation.AllocateAsync(current.ToScript(), assessor, current.Version, admin);
    }

    private async Task AllocateModerator(int cohortId, int scriptId, int moderator, int admin)
    {
        var current = (await queries.GetScriptAsync(scriptId))!;
        if (current.CohortId == cohortId && current.State == MarkingState.ReadyForModeration)
        {
            await allocation.AllocateModeratorAsync(current.ToScript(), moderator, current.Version, admin);
        }
    }

    private async Task MarkAsync(ScriptDetails row, int assessor, IReadOnlyList<AssessmentCriterion> criteria, MarkingOutcome outcome, int admin, bool finish)
    {
        await Allocate(row, assessor, admin);
        var current = (await queries.GetScriptAsync(row.Id))!;
        var inputs = criteria.Select((c, i) => new CriterionInput(c.Id, outcome == MarkingOutcome.Pass || i % 2 == 0, Comment(c, outcome == MarkingOutcome.Pass || i % 2 == 0))).ToList();
        await marking.SaveMarkingAsync(current, inputs, finish ? outcome : null, Overall(outcome), finish, current.Version, assessor);
    }

    private async Task ModerateIfNeededAsync(int cohortId, int scriptId, int moderator, IReadOnlyList<AssessmentCriterion> criteria, MarkingOutcome decision, int admin)
    {
        await AllocateModerator(cohortId, scriptId, moderator, admin);
        var current = (await queries.GetScriptAsync(scriptId))!;
        if (current.State != MarkingState.ReadyForModeration)
        {
            return;
        }

        var inputs = criteria.Select((c, i) => new CriterionInput(c.Id, decision == MarkingOutcome.Pass || i % 2 == 0,
            decision == MarkingOutcome.Pass ? "Moderator: the evidence is there when read against the whole answer." : "Moderator: agree, the analysis stays general.")).ToList();
        var comment = FinalDecision.Disagree(current.AssessorOutcome, decision)
            ? "Moderation: read as a whole, the answer meets every criterion; the proposed fail is overturned."
            : "Moderation: I agree with the assessor's judgements.";
        await marking.SaveModerationAsync(current, inputs, decision, comment, current.Version, moderator);
    }

    private async Task<IReadOnlyList<AssessmentCriterion>> EnsureCriteriaAsync(int courseId)
    {
        var existing = await setup.GetCriteriaAsync(courseId);
        if (existing.Count > 0)
        {
            return existing;
        }

        var framework = catalog.Find("npqsl");
        IReadOnlyList<string> Statements(string slug) => framework?.Areas.FirstOrDefault(a => a.Slug == slug)?.AllStatements.Take(2).Select(s => s.Id).ToList() ?? [];
        var definitions = new (string Title, string Guidance, string Area)[]
        {
            ("Analyses the school’s context and the problem to be solved", "Uses evidence about pupils, staff and community to define the problem precisely.", "school-culture"),
            ("Draws on the framework’s evidence about teaching and curriculum", "Refers accurately to the ‘learn that’ evidence and applies it to the case.", "curriculum-and-assessment"),
            ("Plans implementation in stages, with monitoring", "Explores, prepares, delivers and sustains; says what will be checked and when.", "implementation"),
            ("Leads people through the change", "Considers professional development, workload and communication with staff.", "professional-development"),
            ("Manages resources and accountability", "Budget (£), time and governance are weighed; risks are named with responses.", "organisational-management"),
        };
        for (var i = 0; i < definitions.Length; i++)
        {
            await setup.EnsureCriterionAsync(new AssessmentCriterion
            {
                CourseId = courseId,
                Position = i + 1,
                Title = definitions[i].Title,
                Guidance = definitions[i].Guidance,
                StatementIds = Statements(definitions[i].Area),
            });
        }

        return await setup.GetCriteriaAsync(courseId);
    }

    private async Task<int> EnsureFinalTaskAsync(int courseId, int cohortId, DateTime nowUtc)
    {
        var task = (await tasks.GetTasksForCourseAsync(courseId)).FirstOrDefault(t => t.Kind == TaskKind.Final && t.Title == TaskTitle);
        var id = task?.Id ?? await tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = courseId,
            Title = TaskTitle,
            Instructions = "Read the case study of Northfield Academy (about 2,000 words) and answer in at most 1,500 words: how would you lead the change it needs?",
            Kind = TaskKind.Final,
            WordLimit = 1500,
            MaxAttempts = 2,
            CreatedUtc = nowUtc,
        });
        await tasks.SetDatesAsync(new TaskDates(id, cohortId, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 8)));
        return id;
    }

    private async Task<int> EnsureCandidateAsync(string email, string name, DemoSeedContext context)
    {
        var user = await users.FindByNormalizedEmailAsync(email.ToUpperInvariant());
        if (user is null)
        {
            // No password: these people exist to fill the cohort, and cannot sign in.
            user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = context.ProviderId, CreatedUtc = context.NowUtc };
            await users.CreateAsync(user);
        }

        await users.AddToRoleAsync(user.Id, Roles.Candidate);
        return user.Id;
    }

    private async Task SubmitAsync(int taskId, int cohortId, int candidateId, DateTime nowUtc, int variant)
    {
        var attempt = await tasks.EnsureFirstAttemptAsync(taskId, candidateId, cohortId, nowUtc);
        if (attempt.State != SubmissionState.New)
        {
            return;
        }

        var body = Answer(variant);
        // Handed in through the window in candidate order, so scripts open in the same order.
        var submitted = new DateTime(2026, 6, 2, 8, 15, 0, DateTimeKind.Utc).AddHours(variant * 11);
        await tasks.SaveAttemptAsync(attempt with
        {
            State = SubmissionState.Submitted,
            Body = body,
            WordCount = WordCount.Of(body),
            SubmittedUtc = submitted,
            SubmittedByUserId = candidateId,
            UpdatedUtc = submitted,
        }, attempt.Version);
    }

    private static string Comment(AssessmentCriterion criterion, bool met) => met
        ? $"Met: the answer shows this clearly (see the section on {criterion.Title.Split(' ')[0].ToLowerInvariant()})."
        : "Not met: the answer asserts rather than shows; it needs the case’s own evidence.";

    private static string Overall(MarkingOutcome outcome) => outcome == MarkingOutcome.Pass
        ? "A secure answer: the plan is staged, evidence-informed and costed."
        : "The plan is sincere but general; it does not yet use the case’s evidence to justify its choices.";

    private static string Answer(int variant) => $"""
        ## The problem at Northfield

        Northfield’s Year 9 reading ages lag two years behind; the £12,500 literacy budget was spent on resources nobody
        uses. My first step is to *define the problem precisely* with staff, using the reading-age data and
        {(variant % 2 == 0 ? "pupil voice" : "lesson visits")}.

        ## What the evidence says

        - Explicit vocabulary teaching helps pupils who read least.
        - Professional development works when it is sustained and practical.
        - Change fails when it is launched everywhere at once.

        ## The plan

        1. **Explore** (one term): a working group of five teachers, including the SENCo.
        2. **Prepare**: training in disciplinary reading, with coaching.
        3. **Deliver** in English and history first, then everywhere.
        4. **Sustain**: half-termly checks of reading ages, and a report to governors.

        I would protect staff time by dropping one data drop, and I would tell parents what is changing and why – a
        ‘quiet’ change is one nobody notices until results move.
        """;
}

using Npq.Core.Accounts;
using Npq.Core.Enrolment;

namespace Npq.Web.Demo;

/// <summary>
/// Demo cohorts full of people: the UK cohort nearly full with a waiting list, the international one with
/// "5 of 66 places remain", pending applications (one ineligible) and enrolments in every training status.
/// Extra people have no password, so they cannot sign in and seeding stays fast. Idempotent. Applications, their
/// moves, status changes and cohort extras go through the Core use cases, so they obey the rules real data does.
/// </summary>
public sealed class EnrolmentDemoSeed(
    IUserRepository users,
    IEnrolmentRepository enrolments,
    IEnrolmentLifecycleRepository lifecycle,
    ApplicationIntake intake,
    ApplicationMoves moves,
    CohortAdministration cohorts,
    EnrolmentManagement management) : IDemoSeedStep
{
    public const int UkTaken = 23;
    public const int InternationalTaken = 61;
    private const string Domain = "demo.npq.example";

    private static readonly string[] First = ["Aisha", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Harry", "Imogen", "Jack", "Kemi", "Liam", "Maya", "Noah", "Olivia", "Pavel", "Qi", "Ruth", "Sami", "Tara"];
    private static readonly string[] Last = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis"];

    public int Order => 10;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var now = context.NowUtc;
        var admin = context.User("admin@npq.example");
        var mentor = context.User("mentor@npq.example");
        if (await users.FindByNormalizedEmailAsync($"PENDING-3@{Domain}".ToUpperInvariant()) is { } last
            && (await intake.MineAsync(last.Id)).Count > 0)
        {
            return; // Seeded already: the last thing this step writes is there.
        }

        var secondMentor = await EnsurePersonAsync("daniel.reyes@" + Domain, "Daniel Reyes", context.ProviderId, null, now, Roles.Mentor);
        await EnsureExtrasAsync(context, context.UkCohortId, new CohortExtras(
            [mentor, secondMentor],
            ["Riverside Academy, Bradford"],
            [
                new CohortEventInput(new DateOnly(2026, 11, 14), "Face-to-face day 1: school culture", "Riverside Academy, Bradford"),
                new CohortEventInput(new DateOnly(2027, 3, 13), "Face-to-face day 2: implementation", "Riverside Academy, Bradford"),
                new CohortEventInput(new DateOnly(2027, 10, 9), "Face-to-face day 3: governance", "Riverside Academy, Bradford"),
            ]));
        await EnsureExtrasAsync(context, context.InternationalCohortId, new CohortExtras([mentor], [], []));

        await RecordIfMissingAsync(context.User("candidate1@npq.example"), admin, now);
        await RecordIfMissingAsync(context.User("candidate2@npq.example"), admin, now);

        // UK cohort: candidate2 plus 22 more places taken, one more withdrawn (a withdrawal frees its place).
        var riverside = context.SchoolIds["Riverside Academy"];
        for (var i = 0; i < UkTaken; i++)
        {
            var id = await EnsurePersonAsync($"uk-{i:00}@{Domain}", Name(i), context.ProviderId, riverside, now, Roles.Candidate);
            var enrolmentId = await enrolments.EnsureAsync(context.UkCohortId, id, i % 2 == 0 ? mentor : secondMentor, now.AddMinutes(-i));
            await RecordIfMissingAsync(id, admin, now);
            (TrainingStatus To, string? Reason)? change = i switch
            {
                0 => (TrainingStatus.Deferred, "parental-leave"),
                1 => (TrainingStatus.Withdrawn, "change-in-school-circumstances"),
                2 => (TrainingStatus.Completed, null),
                _ => null,
            };
            if (change is { } c)
            {
                await ChangeIfActiveAsync(enrolmentId, c.To, c.Reason, admin);
            }
        }

        // International cohort: candidate1 plus 60 more, so 5 of 66 places remain; one deferred for long-term sickness.
        var alNoor = context.SchoolIds["Al Noor British School"];
        for (var i = 0; i < InternationalTaken - 1; i++)
        {
            var id = await EnsurePersonAsync($"intl-{i:00}@{Domain}", Name(i + 7), context.ProviderId, alNoor, now, Roles.Candidate);
            var enrolmentId = await enrolments.EnsureAsync(context.InternationalCohortId, id, i < 20 ? mentor : null, now.AddMinutes(-i));
            await RecordIfMissingAsync(id, admin, now);
            if (i == 0)
            {
                await ChangeIfActiveAsync(enrolmentId, TrainingStatus.Deferred, "long-term-sickness", admin);
            }
        }

        // The UK cohort's waiting list, and pending applications to both cohorts (one of them ineligible).
        await ApplyAsync(context, context.UkCohortId, "waiting-1", "Rosa Martin", "Hillside Primary", "Deputy headteacher", TeachingQualification.Qts, new DateOnly(2014, 7, 18), 9, FundingRoute.School, waitingList: true, admin);
        await ApplyAsync(context, context.UkCohortId, "waiting-2", "Owen Price", "Moorside Academy", "Head of year", TeachingQualification.Qtls, new DateOnly(2016, 6, 30), 7, FundingRoute.Trust, waitingList: true, admin);
        await ApplyAsync(context, context.InternationalCohortId, "pending-1", "Layla Nasser", "Dubai Heights Academy", "Assistant principal", TeachingQualification.InternationalEquivalent, new DateOnly(2015, 6, 1), 10, FundingRoute.Self, waitingList: false, admin);
        await ApplyAsync(context, context.InternationalCohortId, "pending-2", "Marco Rossi", "British School of Milan", "Head of department", TeachingQualification.Qts, new DateOnly(2019, 7, 20), 5, FundingRoute.Employer, waitingList: false, admin);
        await ApplyAsync(context, context.InternationalCohortId, "pending-3", "Sophie Turner", "Gulf English School", "Teacher", TeachingQualification.Qts, new DateOnly(2025, 7, 15), 1, FundingRoute.School, waitingList: false, admin);
    }

    private static string Name(int i) => $"{First[i % First.Length]} {Last[(i * 7 + i / First.Length) % Last.Length]}";

    private async Task ApplyAsync(
        DemoSeedContext context, int cohortId, string key, string name, string school, string role, TeachingQualification qualification, DateOnly gained, int years,
        FundingRoute route, bool waitingList, int admin)
    {
        var id = await EnsurePersonAsync($"{key}@{Domain}", name, context.ProviderId, null, context.NowUtc, Roles.Candidate);
        if ((await intake.MineAsync(id)).Any(a => a.Application.CohortId == cohortId))
        {
            return;
        }

        var cohort = (await cohorts.FindAsync(context.ProviderId, cohortId))!;
        var draft = new Application
        {
            CohortId = cohortId, ApplicantUserId = id, SchoolName = school, Role = role, Qualification = qualification, QualificationGainedOn = gained,
            YearsTeachingSince = years, FundingRoute = route,
        };
        var applicationId = await intake.RecordAsync(cohort, draft, context.NowUtc, context.NowUtc.AddDays(-3));
        if (waitingList)
        {
            await moves.ApplyAsync(applicationId, ApplicationWorkflow.Move(ApplicationWorkflow.Initial, ApplicationStatus.WaitingList), admin, context.NowUtc.AddDays(-1));
        }
    }

    /// <summary>Gives the cohort its facilitators, venues and days unless it has some, through the same checks as the cohort form.</summary>
    private async Task EnsureExtrasAsync(DemoSeedContext context, int cohortId, CohortExtras extras)
    {
        var summary = (await cohorts.FindAsync(context.ProviderId, cohortId))!;
        var current = await cohorts.InputAsync(summary);
        if (current.FacilitatorUserIds.Count > 0 || !string.IsNullOrEmpty(current.Venues) || !string.IsNullOrEmpty(current.Events))
        {
            return;
        }

        var check = await cohorts.CheckAsync(context.ProviderId, summary, CohortInput.From(summary.Cohort, extras));
        if (!check.IsValid)
        {
            throw new InvalidOperationException("Demo cohort extras break the cohort rules: " + string.Join(" ", check.Problems.Select(p => p.Message)));
        }

        await cohorts.SaveAsync(check, new ActingUser(context.User("admin@npq.example")));
    }

    private async Task ChangeIfActiveAsync(int enrolmentId, TrainingStatus to, string? reason, int admin)
    {
        if ((await lifecycle.GetAsync(enrolmentId))! is { Enrolment.TrainingStatus: TrainingStatus.Active } e)
        {
            await management.ChangeStatusAsync(e, e.Enrolment.Version, to, reason, new ActingUser(admin));
        }
    }

    private async Task RecordIfMissingAsync(int candidateId, int admin, DateTime now)
    {
        if ((await lifecycle.GetHistoryForCandidateAsync(candidateId)).Count > 0)
        {
            return;
        }

        foreach (var e in await lifecycle.GetForCandidateAsync(candidateId))
        {
            await lifecycle.RecordAsync(e.Enrolment.Id, "Enrolled", admin, e.Enrolment.EnrolledUtc);
        }
    }

    /// <summary>A demo person without a password: they appear in lists but cannot sign in.</summary>
    private async Task<int> EnsurePersonAsync(string email, string name, int providerId, int? schoolId, DateTime now, string role)
    {
        var existing = await users.FindByNormalizedEmailAsync(email.ToUpperInvariant());
        if (existing is not null)
        {
            return existing.Id;
        }

        var id = await users.CreateAsync(new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, PasswordHash = null, EmailConfirmed = true,
            ProviderId = providerId, SchoolId = schoolId, CreatedUtc = now,
        });
        await users.AddToRoleAsync(id, role);
        return id;
    }
}

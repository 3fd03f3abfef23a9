using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Web.Features.Dfe;
using Npq.Web.Features.Dfe.Fake;

namespace Npq.Web.Demo;

/// <summary>
/// DfE in the demo, when <c>Dfe:Mode=Fake</c> (Development's default). Every candidate of the demo cohorts carries DfE's ids (recorded through <see cref="DfeLinks"/>), and
/// the 2025 cohort (each of whom has recorded a piece of evidence) has its justified declarations recorded as made, with DfE's ids, so the DfE JSON exports have content.
/// The provider is connected to the in-process fake DfE, which is
/// filled on every start (it keeps nothing) with what DfE would hold: the accepted applications, the declarations in
/// several states (eligible, payable, paid, voided, awaiting clawback), all but one of them, and two new applications
/// waiting to be pulled, so the sync, the reconcile page and its fixes can be tried at once.
/// </summary>
public sealed class DfeDemoSeed(
    DfeLinks links,
    IDfeMirrorRepository mirror,
    CohortDeclarations declarations,
    DfeSettings settings,
    EvidenceService evidence,
    IFrameworkCatalog frameworks,
    IConfiguration configuration,
    IServiceProvider services) : IDemoSeedStep
{
    private static readonly string[] States = ["eligible", "payable", "paid", "submitted", "awaiting_clawback"];

    public int Order => 600;

    /// <summary>The fake DfE keeps what it holds in memory, so the demo fills it on every start.</summary>
    public bool RunsOnEveryStart => DfeFeature.IsFake(configuration);

    public async Task SeedAsync(DemoSeedContext context)
    {
        if (!DfeFeature.IsFake(configuration))
        {
            // Against DfE's sandbox or production the ids come from DfE itself (a pull), never from the demo.
            return;
        }

        var admin = context.User("admin@npq.example");
        var actor = new ActingUser(admin);
        var scope = ReportScope.ForProvider(context.ProviderId);
        var cohorts = await mirror.GetCohortsAsync(context.ProviderId);
        foreach (var cohort in cohorts)
        {
            foreach (var enrolment in await mirror.GetEnrolmentLinksOrBareAsync(cohort.CohortId))
            {
                if (enrolment.ParticipantId is null)
                {
                    await links.LinkAsync(context.ProviderId, cohort.CohortId, enrolment.EnrolmentId,
                        StableUuid($"participant:{enrolment.EnrolmentId}"), StableUuid($"application:{enrolment.EnrolmentId}"), actor);
                }
            }
        }

        // The 2025 cohort: every declaration the rules justify is recorded as made, with the id DfE gave it.
        var spring2025 = cohorts.FirstOrDefault(c => c.Name == FinalAssessmentDemoSeed.CohortName);
        if (spring2025 is not null && await declarations.ReviewAsync(scope, spring2025.CohortId) is { } before)
        {
            // Each 2025 candidate has recorded a piece of evidence: the start of their course, which DfE is told of.
            var statements = frameworks.Find("npqsl")?.AllStatements.Take(2).Select(x => x.Id).ToList() ?? [];
            foreach (var line in before.Lines.Where(l => l.Items.All(i => i.Type != DeclarationType.Started)))
            {
                var id = line.Candidate.CandidateUserId;
                await evidence.CreateAsync(id, new EvidenceInput
                {
                    Title = "Leading change: my starting point", EvidenceDate = DateOnly.FromDateTime(context.NowUtc),
                    Reflection = "Where our school's improvement plan stands, and the part I lead.", StatementIds = statements, Record = true,
                }, id, formValid: true, CancellationToken.None);
            }
        }

        // Every demo cohort: each declaration the rules justify is recorded as made, with the id DfE gave it.
        foreach (var cohort in cohorts)
        {
            if (await declarations.ReviewAsync(scope, cohort.CohortId) is not { } review)
            {
                continue;
            }

            foreach (var line in review.Lines)
            {
                foreach (var item in line.Items.Where(i => i.State == DeclarationState.Due))
                {
                    await declarations.DeclareAsync(scope, cohort.CohortId, line.Candidate.EnrolmentId, item.Type.ToDfe(),
                        StableUuid($"declaration:{line.Candidate.EnrolmentId}:{item.Type}"), new ReportActor(admin, null));
                }
            }
        }

        if (services.GetService<FakeDfeState>() is { } fake)
        {
            await ConnectAsync(context, actor);
            await FillFakeAsync(context, fake, cohorts, scope, spring2025);
        }
    }

    private async Task ConnectAsync(DemoSeedContext context, ActingUser actor)
    {
        if ((await settings.GetAsync(context.ProviderId)).HasToken)
        {
            return;
        }

        var site = configuration["Dfe:Fake:BaseUrl"] ?? (configuration["Email:PublicBaseUrl"] ?? "http://localhost:5000").TrimEnd('/') + FakeDfeEndpoints.Prefix;
        var token = services.GetRequiredService<IOptions<FakeDfeOptions>>().Value.Token;
        await settings.SaveAsync(context.ProviderId, site, enabled: true, token, actor);
    }

    private async Task FillFakeAsync(DemoSeedContext context, FakeDfeState fake, IReadOnlyList<DfeCohort> cohorts, ReportScope scope, DfeCohort? spring2025)
    {
        var spring2025Enrolments = spring2025 is null
            ? new HashSet<int>()
            : (await mirror.GetEnrolmentLinksOrBareAsync(spring2025.CohortId)).Select(l => l.EnrolmentId).ToHashSet();
        foreach (var cohort in cohorts)
        {
            foreach (var e in await mirror.GetEnrolmentLinksAsync(cohort.CohortId))
            {
                if (e.ParticipantId is null || e.DfeApplicationId is null)
                {
                    continue;
                }

                // DfE knows them as active: the deferred and withdrawn demo candidates show on the reconcile page.
                fake.AddAccepted(e.DfeApplicationId, e.ParticipantId, e.CandidateName, null, null, e.CourseIdentifier,
                    cohort.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture), cohort.Suffix, "active", null);
            }
        }

        var made = new List<(DeclarationLine Line, DeclarationRecord Record)>();
        foreach (var cohort in cohorts)
        {
            if (await declarations.ReviewAsync(scope, cohort.CohortId) is { } review)
            {
                made.AddRange(review.Lines.SelectMany(l => l.Items.Where(i => i.Live?.DfeDeclarationId is not null).Select(i => (l, i.Live!))));
            }
        }

        // DfE holds them in several states; the 2025 cohort's last one is left for its reconcile page to send.
        var unsent = made.LastOrDefault(m => InSpring2025(m.Line));
        for (var i = 0; i < made.Count; i++)
        {
            var (line, record) = made[i];
            if (made[i] == unsent)
            {
                continue;
            }

            fake.AddDeclaration(record.DfeDeclarationId!, line.Candidate.DfeParticipantId!, line.Candidate.CourseIdentifier, record.Type.ToDfe(), record.DeclarationUtc,
                record.Type == DeclarationType.Completed ? line.Outcome?.State == OutcomeState.Passed : null, States[i % States.Length]);
        }

        bool InSpring2025(DeclarationLine line) => spring2025Enrolments.Contains(line.Candidate.EnrolmentId);

        // Two people have registered with DfE for the UK cohort and chosen this provider: a pull brings them into the inbox.
        var uk = cohorts.FirstOrDefault(c => c.CohortId == context.UkCohortId);
        if (uk is not null && fake.Locked(() => fake.Applications.Values.All(a => a.Status != "pending")))
        {
            var year = uk.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fake.AddApplication("Imani Okoye", "imani.okoye@demo-school.example", "3141592", uk.CourseIdentifier, year, uk.Suffix);
            fake.AddApplication("Jonah Fleet", "jonah.fleet@demo-school.example", null, uk.CourseIdentifier, year, uk.Suffix, eligible: false);
        }
    }

    /// <summary>The same UUID for the same name on every start (SHA-1 name-based layout), so re-seeding never makes new ids.</summary>
    public static string StableUuid(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("npq-demo-dfe:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}

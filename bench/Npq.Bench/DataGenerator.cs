using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npq.Core.Frameworks;

namespace Npq.Bench;

/// <summary>
/// A provider with delivery partners, schools, cohorts, mentors, headteachers, assessors and candidates, and a
/// year's work for each candidate: evidence linked to statements, submissions, feedback, progress updates, webinar
/// sessions with attendance. Deterministic for a given seed.
/// </summary>
public sealed partial class DataGenerator(SqliteConnection connection, GeneratorOptions options)
{
    public const string Password = "Bench-Pass-2026!";
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string[] FirstNames = ["Amira", "Ben", "Chloe", "Dev", "Elif", "Farah", "George", "Hana", "Isaac", "Jia", "Kwame", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara"];
    private static readonly string[] LastNames = ["Haddad", "Carter", "Nguyen", "Okafor", "Shah", "Lin", "Morris", "Price", "Novak", "Silva", "Khan", "Evans", "Murphy", "Rossi", "Sato", "Jones"];
    private static readonly string[] Zones = ["Europe/London", "Asia/Dubai", "Asia/Bangkok", "America/Bogota", "Africa/Lagos", "Asia/Singapore"];
    private static readonly string[] Ratings = ["NotStarted", "Emerging", "Developing", "Secure"];

    private readonly Random _random = new(options.Seed);
    private long _rows;

    public BenchInfo Run()
    {
        var framework = LoadFramework();
        var statements = framework.AllStatements.Select(s => s.Id).ToArray();
        var areas = framework.Areas.Select(a => a.Slug).ToArray();
        var hash = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(new object(), Password);

        var people = People(hash);
        var cohorts = CohortsAndEnrolments(people);
        Work(people, cohorts, statements, areas);
        Webinars(people, cohorts, areas);
        var finalSubmission = FinalAssessments(people, cohorts, statements);
        var materials = Materials(people, cohorts, framework);
        var discussions = Discussions(people, cohorts, materials, framework);

        return new BenchInfo
        {
            Candidates = options.Candidates,
            Cohorts = options.Cohorts,
            Rows = _rows,
            Password = Password,
            CandidateEmail = "bench-candidate-1@npq.bench",
            // Another candidate of the same cohort (candidates are dealt to cohorts in turn): the one whose video sends
            // the progress reports while candidate 1 reads the Learn page.
            WatcherEmail = $"bench-candidate-{options.Cohorts + 1}@npq.bench",
            MentorEmail = "bench-mentor-1@npq.bench",
            AdminEmail = "bench-admin@npq.bench",
            // The headteacher of the first candidate's school, and an assessor (assessors mark every cohort's scripts).
            HeadteacherEmail = "bench-head-1@npq.bench",
            AssessorEmail = "bench-assessor-1@npq.bench",
            CandidateUserId = people.Candidates[0],
            FinalSubmissionId = finalSubmission,
            LearnCohortId = cohorts.CohortOfCandidate[people.Candidates[0]],
            LearnItemId = materials.ItemsByModule[0][0],
            VideoItemId = materials.ItemsByModule[0][2],
            DiscussionTopicId = discussions.GeneralTopicId,
            DiscussionLongThreadId = discussions.LongThreadId,
            DiscussionReplyThreadId = discussions.ReplyThreadId,
        };
    }

    private Framework LoadFramework()
    {
        var folder = Path.Combine(options.ContentPath, "frameworks", "npqsl");
        var files = Directory.GetFiles(folder, "*.md").Select(p => new ContentFile(Path.GetFileName(p), File.ReadAllText(p)));
        return FrameworkParser.Parse("npqsl", files).Framework;
    }

    private T Batch<T>(Func<SqliteTransaction, T> work)
    {
        using var transaction = connection.BeginTransaction();
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    private string Name() => $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";

    internal sealed record PeopleIds(int ProviderId, int CourseId, int[] Partners, int[] Schools, int[] Candidates, int[] Mentors, int[] Headteachers, int[] Assessors, int Admin);

    private PeopleIds People(string hash) => Batch(tx =>
    {
        using var providers = new BulkInsert(connection, tx, "Providers", "Name", "CreatedUtc");
        var provider = providers.Add("Bench Leadership Partnership", Now);
        using var partners = new BulkInsert(connection, tx, "DeliveryPartners", "ProviderId", "Name");
        var partnerIds = Enumerable.Range(1, 8).Select(i => partners.Add(provider, $"Delivery partner {i}")).ToArray();
        using var courses = new BulkInsert(connection, tx, "Courses", "ProviderId", "Identifier", "ShortCode", "Name", "FrameworkCode", "PricePence", "IsLeadership", "HasAssessment");
        var course = courses.Add(provider, "npq-senior-leadership", "NPQSL", "NPQ for Senior Leadership", "npqsl", 155_000, true, true);

        using var schools = new BulkInsert(connection, tx, "Schools", "Name", "Urn", "Country", "TimeZone");
        var schoolCount = Math.Max(1, options.Candidates / 5);
        var schoolIds = Enumerable.Range(1, schoolCount).Select(i =>
            schools.Add($"School {i:D5}", (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? "United Arab Emirates" : "United Kingdom", Zones[i % Zones.Length])).ToArray();

        using var users = new BulkInsert(connection, tx, "Users", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
            "EmailConfirmed", "LockoutEnabled", "AccessFailedCount", "IsActive", "ProviderId", "SchoolId", "TimeZone", "TimeZoneConfirmed", "CreatedUtc");
        using var roles = new BulkInsert(connection, tx, "UserRoles", "UserId", "RoleId");
        int AddUser(string email, int? school, int roleId)
        {
            var id = users.Add(email, email.ToUpperInvariant(), Name(), hash, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"),
                true, true, 0, true, provider, school, Zones[_random.Next(Zones.Length)], true, Now);
            roles.Add(id, roleId);
            return id;
        }

        // Role ids follow the order 0001 inserts them: Candidate, Mentor, Assessor, Headteacher, ProviderAdmin.
        var admin = AddUser("bench-admin@npq.bench", null, 5);
        var assessors = Enumerable.Range(1, 20).Select(i => AddUser($"bench-assessor-{i}@npq.bench", null, 3)).ToArray();
        var mentors = Enumerable.Range(1, Math.Max(1, options.Candidates / 20)).Select(i => AddUser($"bench-mentor-{i}@npq.bench", null, 2)).ToArray();
        var heads = schoolIds.Select((school, i) => AddUser($"bench-head-{i + 1}@npq.bench", school, 4)).ToArray();
        var candidates = Enumerable.Range(1, options.Candidates).Select(i => AddUser($"bench-candidate-{i}@npq.bench", schoolIds[(i - 1) % schoolIds.Length], 1)).ToArray();
        _rows += providers.Rows + partners.Rows + courses.Rows + schools.Rows + users.Rows + roles.Rows;
        return new PeopleIds(provider, course, partnerIds, schoolIds, candidates, mentors, heads, assessors, admin);
    });
}

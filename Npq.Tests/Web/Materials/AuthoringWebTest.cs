using System.Net.Http.Headers;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Materials;

namespace Npq.Tests.Web.Materials;

/// <summary>What the authoring page tests share: the demo course, a course of another provider with its own admin, and uploads.</summary>
public abstract class AuthoringWebTest : WebFixture
{
    protected ProgrammeAuthoring Authoring => Service<ProgrammeAuthoring>();

    protected IProgrammeRepository Programmes => Service<IProgrammeRepository>();

    /// <summary>The demo provider's NPQSL course (the demo cohorts' course).</summary>
    protected async Task<int> DemoCourseAsync()
    {
        var candidate = await UserIdAsync("candidate1@npq.example");
        for (var cohortId = 1; cohortId < 50; cohortId++)
        {
            if (await Programmes.IsStudyingAsync(cohortId, candidate))
            {
                return (await Programmes.GetCohortAsync(cohortId))!.CourseId;
            }
        }

        throw new InvalidOperationException("No demo cohort found for candidate1");
    }

    /// <summary>A new provider with an NPQSL course and an admin of its own ("{tag}@other.example").</summary>
    protected async Task<(int CourseId, string AdminEmail)> OtherProviderCourseAsync(string tag)
    {
        var organisations = Service<IOrganisationRepository>();
        var providerId = await organisations.EnsureProviderAsync($"Other provider {tag}", DateTime.UtcNow);
        var courseId = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = $"SL {tag}", FrameworkCode = "npqsl",
        });
        var users = Service<IUserRepository>();
        var email = $"{tag}@other.example";
        var id = await users.CreateAsync(new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Other admin", ProviderId = providerId, CreatedUtc = DateTime.UtcNow,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        });
        await users.AddToRoleAsync(id, Roles.ProviderAdmin);
        return (courseId, email);
    }

    protected async Task<int> ModuleAsync(int courseId, string title) =>
        (await Authoring.CreateModuleAsync((await Programmes.GetCourseAsync(courseId))!, new ModuleDraft { Title = title }, new Author(await UserIdAsync("admin@npq.example"), null))).Id!.Value;

    protected async Task<int> ItemAsync(int courseId, int moduleId, ItemKind kind, string title, string body = "Some text") =>
        (await Authoring.CreateItemAsync((await Programmes.GetCourseAsync(courseId))!, (await Programmes.GetModuleAsync(moduleId))!, kind,
            new ItemDraft { Title = title, Body = body, StatementIds = ["sc-lt-1"] }, new Author(await UserIdAsync("admin@npq.example"), null))).Id!.Value;

    /// <summary>POSTs a multipart form with the page's antiforgery token and one file.</summary>
    protected static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string pageUrl, string action, string field, string fileName, byte[] content, IDictionary<string, string>? values = null)
    {
        var token = await Forms.TokenFromAsync(client, pageUrl);
        using var form = new MultipartFormDataContent { { new StringContent(token), Forms.TokenField } };
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await client.PostAsync(action, form);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npq.Core.Frameworks;
using Npq.Core.Validation;

namespace Npq.Core.Enrolment;

/// <summary>A course as an admin enters it: which NPQ, the name people see, the framework it follows and its price in pounds.</summary>
public sealed record CourseInput(string? Identifier, string? Name, string? FrameworkCode, string? Price);

/// <summary>The provider's courses, and the framework codes that have content to read.</summary>
public sealed record CourseList(IReadOnlyList<Course> Courses, IReadOnlySet<string> FrameworksWithContent);

/// <summary>A course input checked for a provider: its problems, and the course to save when there are none.</summary>
public sealed class CourseCheck
{
    internal CourseCheck(IReadOnlyList<FieldProblem> problems, Course? course)
    {
        Problems = problems;
        Course = problems.Count == 0 ? course : null;
    }

    public IReadOnlyList<FieldProblem> Problems { get; }

    public Course? Course { get; }

    public bool IsValid => Course is not null;
}

/// <summary>The provider's courses: any NPQ DfE funds, once each, with a name, the framework it follows and a price.</summary>
public sealed partial class CourseCatalogue(ICohortRepository cohorts, IFrameworkCatalog frameworks, ILogger<CourseCatalogue> logger)
{
    public IReadOnlyList<Framework> Frameworks => frameworks.All;

    public async Task<CourseList> ListAsync(int providerId, CancellationToken cancellationToken = default) =>
        new(await cohorts.GetCoursesAsync(providerId, cancellationToken), frameworks.All.Select(f => f.Code).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public Task<Course?> FindAsync(int providerId, int courseId, CancellationToken cancellationToken = default) =>
        cohorts.GetCourseAsync(providerId, courseId, cancellationToken);

    /// <summary>
    /// Checks a new course (<paramref name="id"/> 0) or an edit: one of DfE's NPQs the provider does not already run,
    /// a framework we have or a well-formed code, and a price in pounds and pence.
    /// </summary>
    public async Task<CourseCheck> CheckAsync(int providerId, int id, CourseInput input, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        var definition = input.Identifier is null ? null : NpqCourses.Find(input.Identifier);
        if (input.Identifier is not null && definition is null)
        {
            problems.Add(new(nameof(CourseInput.Identifier), "Choose one of DfE's NPQs."));
        }
        else if (definition is not null && await cohorts.CourseIdentifierTakenAsync(providerId, definition.Identifier, id, cancellationToken))
        {
            problems.Add(new(nameof(CourseInput.Identifier), $"You already run {definition.ShortCode}: edit that course instead."));
        }

        if (!string.IsNullOrWhiteSpace(input.FrameworkCode) && frameworks.All.All(f => !f.Code.Equals(input.FrameworkCode, StringComparison.OrdinalIgnoreCase))
            && !FrameworkCodePattern().IsMatch(input.FrameworkCode))
        {
            problems.Add(new(nameof(CourseInput.FrameworkCode), "A framework code is lower-case letters, digits and hyphens, such as npqsl."));
        }

        int pence = 0;
        if (input.Price is { } price)
        {
            var text = price.Trim().TrimStart('£').Replace(",", string.Empty, StringComparison.Ordinal);
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds) || pounds < 0 || pounds > 100_000 || decimal.Round(pounds, 2) != pounds)
            {
                problems.Add(new(nameof(CourseInput.Price), "Enter the price in pounds, such as 1550 or 1550.00."));
            }
            else
            {
                pence = (int)(pounds * 100);
            }
        }

        var course = definition is null ? null : new Course
        {
            Id = id,
            ProviderId = providerId,
            Identifier = definition.Identifier,
            ShortCode = definition.ShortCode,
            Name = string.IsNullOrWhiteSpace(input.Name) ? $"NPQ for {definition.Name}" : input.Name.Trim(),
            FrameworkCode = string.IsNullOrWhiteSpace(input.FrameworkCode) ? null : input.FrameworkCode.Trim().ToLowerInvariant(),
            PricePence = pence,
            IsLeadership = definition.IsLeadership,
            HasAssessment = definition.HasAssessment,
        };
        return new CourseCheck(problems, course);
    }

    public async Task<int> CreateAsync(CourseCheck check, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var id = await cohorts.CreateCourseAsync(Valid(check), cancellationToken);
        logger.LogInformation("Course {CourseId} created by {UserId}", id, actor.UserId);
        return id;
    }

    public async Task SaveAsync(CourseCheck check, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var course = Valid(check);
        await cohorts.UpdateCourseAsync(course, cancellationToken);
        logger.LogInformation("Course {CourseId} saved by {UserId}", course.Id, actor.UserId);
    }

    private static Course Valid(CourseCheck check) =>
        check.Course ?? throw new InvalidOperationException("Only a checked course without problems can be saved.");

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex FrameworkCodePattern();
}

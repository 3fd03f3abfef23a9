using Npq.Core.Files;
using Npq.Core.Materials;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Materials;

/// <summary>
/// What the studying page tests share: a course of their own with a programme (an open module of every kind, a draft,
/// a module not open yet), its cohort with two candidates and a withdrawn one, and another course's open item.
/// </summary>
public abstract class StudyWebTest : WebFixture
{
    protected const string Learner = "learner@study.example";
    protected const string Other = "other@study.example";
    protected const string Withdrawn = "withdrawn@study.example";
    protected const string Xss = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    protected World W { get; private set; } = null!;

    protected sealed record World(
        int CohortId, int OtherCohortId, int Module1, int Module2,
        int Page, int Video, int Draft, int Check, int Reflection, int File, int Link, int Unopened, int OtherCoursePage);

    [OneTimeSetUp]
    public async Task ArrangeWorld()
    {
        var data = new Build(Factory.Services);
        var build = new MaterialsBuilder(Service<IProgrammeRepository>(), Service<IFileStore>());
        var releases = Service<IReleaseRepository>();
        var statement = data.StatementIds[0];

        var course = await data.Cohorts.CourseAsync("npq-headship");
        var cohort = await data.Cohorts.CohortAsync(course, "Study cohort");
        var m1 = await build.ModuleAsync(course, "Module 1: Culture");
        var m2 = await build.ModuleAsync(course, "Module 2: Later");
        var page = await build.PageAsync(m1, "Reading", $"# Heading\n\n{Xss}\n\n[bad](javascript:alert(1))");
        var video = await build.VideoAsync(m1, "Short video");
        var draft = await build.PageAsync(m1, "Draft reading", published: false);
        var check = await build.CheckAsync(m1, "Knowledge check", MaterialsBuilder.Questions(firstPrompt: "Prompt " + Xss, firstAnswer: "True " + Xss));
        var reflection = await build.ReflectionAsync(m1, "Reflection", "What did you notice?", statement);
        var file = await build.FileAsync(m1, "Slides", [1, 2, 3, 4], "slides.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        var link = await build.LinkAsync(m1, "Outside reading");
        var unopened = await build.PageAsync(m2, "Not yet");
        await releases.SetOpensOnAsync(cohort, m1, new DateOnly(2020, 1, 1));
        await releases.SetOpensOnAsync(cohort, m2, new DateOnly(2099, 1, 1));

        var otherCourse = await data.Cohorts.CourseAsync("npq-leading-teaching");
        var otherCohort = await data.Cohorts.CohortAsync(otherCourse, "Other cohort");
        var otherModule = await build.ModuleAsync(otherCourse, "Elsewhere");
        var otherPage = await build.PageAsync(otherModule, "Other course's reading");
        await releases.SetOpensOnAsync(otherCohort, otherModule, new DateOnly(2020, 1, 1));

        foreach (var (email, status) in new[] { (Learner, "Active"), (Other, "Active"), (Withdrawn, "Withdrawn") })
        {
            var enrolled = await data.Cohorts.CandidateAsync(cohort, email, email.Split('@')[0]);
            if (status == "Withdrawn")
            {
                await data.Cohorts.WithdrawAsync(enrolled.EnrolmentId);
            }
        }

        W = new World(cohort, otherCohort, m1, m2, page, video, draft, check, reflection, file, link, unopened, otherPage);
    }

    protected string ItemUrl(int itemId, int? cohortId = null) => $"/learn/{cohortId ?? W.CohortId}/items/{itemId}";
}

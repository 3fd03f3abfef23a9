namespace Npq.Web.Demo;

public static class DemoServices
{
    /// <summary>The demo data (Development only, <c>Seed:Demo</c>): the base seed and every capability's step, each run in its own order.</summary>
    public static IServiceCollection AddNpqDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        services.AddScoped<IDemoSeedStep, AccountsDemoSeed>();
        services.AddScoped<IDemoSeedStep, EnrolmentDemoSeed>();
        services.AddScoped<IDemoSeedStep, PortfolioDemoSeed>();
        services.AddScoped<IDemoSeedStep, WebinarsDemoSeed>();
        services.AddScoped<IDemoSeedStep, MaterialsDemoSeed>();
        services.AddScoped<IDemoSeedStep, DiscussionsDemoSeed>();
        services.AddScoped<IDemoSeedStep, DiscussionsFollowingDemoSeed>();
        services.AddScoped<IDemoSeedStep, CourseSpaceDemoSeed>();
        services.AddScoped<IDemoSeedStep, FinalAssessmentDemoSeed>();
        services.AddScoped<IDemoSeedStep, DfeDemoSeed>();
        return services;
    }
}

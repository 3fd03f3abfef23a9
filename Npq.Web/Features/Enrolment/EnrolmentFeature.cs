using Npq.Core.Enrolment;
using Npq.Web.Features.Enrolment.Applications;
using Npq.Web.Features.Enrolment.Imports;

namespace Npq.Web.Features.Enrolment;

public static class EnrolmentFeature
{
    /// <summary>Courses, cohorts, applications and enrolment (issue 4): the use cases, their web pieces and settings.</summary>
    public static IServiceCollection AddEnrolment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeeOptions>()
            .Bind(configuration.GetSection("Fees"))
            .Validate(o => o.VatRate is >= 0m and <= 1m, "Fees:VatRate is a fraction between 0 and 1 (0.2 for 20%).")
            .ValidateOnStart();

        services.AddScoped<ProviderMentors>();
        services.AddScoped<ApplicationMoves>();
        services.AddScoped<ApplicationReview>();
        services.AddScoped<ApplicationIntake>();
        services.AddScoped<CandidateRegistration>();
        services.AddScoped<CohortAdministration>();
        services.AddScoped<CourseCatalogue>();
        services.AddScoped<EnrolmentManagement>();
        services.AddScoped<MyEnrolments>();
        services.AddScoped<EnrolmentImports>();

        // The web's side of two Core ports: accounts through ASP.NET Core Identity, imports read with CsvHelper.
        services.AddScoped<IPasswordAccounts, IdentityPasswordAccounts>();
        services.AddSingleton<IImportReader, ImportParser>();
        return services;
    }
}

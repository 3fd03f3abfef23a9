using System.Data.Common;

namespace Npq.Core.Enrolment;

/// <summary>Where Import data is kept (implemented in Npq.Data).</summary>
public interface IImportRepository
{
    /// <summary>Stores the applications (the applicant id of each is filled in from its person).</summary>
    Task<int> ImportApplicationsAsync(IReadOnlyList<(ImportedPerson Person, Application Application)> rows, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enrols each person (active) with their mentor, under each cohort's lock. Returns null when done, or the id of a
    /// cohort that had no place left (nothing is written then).
    /// </summary>
    Task<int?> ImportEnrolmentsAsync(IReadOnlyList<(ImportedPerson Person, int CohortId, int? MentorUserId)> rows, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>A person named in an import: found by email, or created without a password (they cannot sign in until invited).</summary>
public sealed record ImportedPerson(string Email, string DisplayName, int ProviderId);

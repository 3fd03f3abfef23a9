namespace Npq.Core.Accounts;

/// <summary>The roles a person may hold; one person may hold several.</summary>
public static class Roles
{
    public const string Candidate = "Candidate";
    public const string Mentor = "Mentor";
    public const string Assessor = "Assessor";
    public const string Headteacher = "Headteacher";
    public const string ProviderAdmin = "ProviderAdmin";

    public static readonly IReadOnlyList<string> All = [Candidate, Mentor, Assessor, Headteacher, ProviderAdmin];
}

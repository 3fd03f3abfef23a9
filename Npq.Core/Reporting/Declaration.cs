namespace Npq.Core.Reporting;

/// <summary>DfE's declaration types (<c>declaration_type</c>).</summary>
public enum DeclarationType
{
    Started,
    Retained1,
    Retained2,
    Completed,
}

public static class DeclarationTypes
{
    /// <summary>The value DfE's API uses for a declaration type.</summary>
    public static string ToDfe(this DeclarationType type) => type switch
    {
        DeclarationType.Started => "started",
        DeclarationType.Retained1 => "retained-1",
        DeclarationType.Retained2 => "retained-2",
        DeclarationType.Completed => "completed",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseDfe(string? value, out DeclarationType type)
    {
        foreach (var candidate in Enum.GetValues<DeclarationType>())
        {
            if (string.Equals(candidate.ToDfe(), value, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}

/// <summary>A declaration Npq's rules say the provider could make, with the event that justifies it.</summary>
public sealed record DerivedDeclaration(DeclarationType Type, DateTime DeclarationUtc, string Justification);

/// <summary>A declaration the admin marked as made to DfE; voiding records who and when, and keeps the row.</summary>
public sealed record DeclarationRecord
{
    public int Id { get; init; }
    public int EnrolmentId { get; init; }
    public DeclarationType Type { get; init; }
    public DateTime DeclarationUtc { get; init; }
    public string Justification { get; init; } = string.Empty;
    public string? DfeDeclarationId { get; init; }
    public DateTime DeclaredUtc { get; init; }
    public int DeclaredByUserId { get; init; }
    public DateTime? VoidedUtc { get; init; }
    public int? VoidedByUserId { get; init; }
    public string? VoidReason { get; init; }
    public int Version { get; init; } = 1;

    /// <summary>DfE's state of the declaration (eligible, payable, paid, voided, …) as DfE last answered, when it has been sent.</summary>
    public string? DfeState { get; init; }

    public bool IsVoided => VoidedUtc is not null;
}

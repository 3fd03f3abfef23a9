using System.Text.RegularExpressions;

namespace Npq.Core.Dfe;

/// <summary>
/// The checks on DfE's identifiers where a person types them: participant, application and declaration ids are UUIDs
/// (kept as DfE wrote them, as opaque strings); a teacher reference number (TRN) is seven digits.
/// </summary>
public static partial class DfeIds
{
    public const string UuidExample = "d0b4a32e-a272-489e-b30a-cb17131457fc";

    /// <summary>True for a UUID written as DfE writes them: 8-4-4-4-12 hexadecimal digits, with hyphens, no braces.</summary>
    public static bool IsUuid(string? value) => value is { Length: 36 } && UuidPattern().IsMatch(value);

    public static bool IsTrn(string? value) => value is { Length: 7 } && TrnPattern().IsMatch(value);

    /// <summary>The problem with a DfE id typed into <paramref name="what"/> ("participant id"), or null when it is empty or a UUID.</summary>
    public static string? UuidProblem(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) || IsUuid(value.Trim())
            ? null
            : $"DfE's {what} is a UUID such as {UuidExample} (32 letters a–f and digits in groups of 8, 4, 4, 4 and 12, with hyphens).";

    /// <summary>The problem with a typed TRN, or null when it is empty or seven digits.</summary>
    public static string? TrnProblem(string? value) =>
        string.IsNullOrWhiteSpace(value) || IsTrn(value.Trim())
            ? null
            : "A teacher reference number (TRN) is 7 digits, such as 1234567, without letters or spaces.";

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex TrnPattern();
}

using System.Globalization;
using System.Text.Json;
using Npq.Core.Dfe;

namespace Npq.Web.Features.Dfe.Client;

/// <summary>Reads DfE's v3 resources (<c>{"id", "type", "attributes"}</c>) into Core's records, tolerating nulls where the contract allows them.</summary>
public static class DfeJson
{
    public static string Instant(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static DfeApplicationData Application(JsonElement resource)
    {
        var a = resource.GetProperty("attributes");
        return new DfeApplicationData
        {
            Id = resource.GetProperty("id").GetString()!,
            ParticipantId = Text(a, "participant_id") ?? string.Empty,
            CourseIdentifier = Text(a, "course_identifier") ?? string.Empty,
            Cohort = Text(a, "cohort"),
            CohortSuffix = Text(a, "cohort_suffix"),
            FullName = Text(a, "full_name") ?? string.Empty,
            Email = Text(a, "email"),
            Trn = Text(a, "teacher_reference_number"),
            Status = Text(a, "status"),
            FundingChoice = Text(a, "funding_choice"),
            EligibleForFunding = Bool(a, "eligible_for_funding") ?? false,
            FundedPlace = Bool(a, "funded_place"),
            IneligibleReason = Text(a, "ineligible_for_funding_reason"),
            EmployerName = Text(a, "employer_name"),
            EmploymentRole = Text(a, "employment_role"),
            UpdatedAt = Time(a, "updated_at") ?? DateTime.MinValue,
        };
    }

    public static DfeParticipantData Participant(JsonElement resource)
    {
        var a = resource.GetProperty("attributes");
        var enrolments = new List<DfeParticipantEnrolment>();
        if (a.TryGetProperty("npq_enrolments", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            enrolments.AddRange(list.EnumerateArray().Select(e => new DfeParticipantEnrolment(
                Text(e, "course_identifier") ?? string.Empty, Text(e, "npq_application_id"), Text(e, "training_status") ?? "active")));
        }

        var changes = new List<DfeIdChange>();
        if (a.TryGetProperty("participant_id_changes", out var changed) && changed.ValueKind == JsonValueKind.Array)
        {
            changes.AddRange(changed.EnumerateArray().Select(c => new DfeIdChange(Text(c, "from_participant_id") ?? string.Empty, Text(c, "to_participant_id") ?? string.Empty)));
        }

        return new DfeParticipantData
        {
            Id = resource.GetProperty("id").GetString()!,
            Enrolments = enrolments,
            IdChanges = changes,
            UpdatedAt = Time(a, "updated_at") ?? DateTime.MinValue,
        };
    }

    public static DfeDeclarationData Declaration(JsonElement resource)
    {
        var a = resource.GetProperty("attributes");
        return new DfeDeclarationData
        {
            Id = resource.GetProperty("id").GetString()!,
            ParticipantId = Text(a, "participant_id") ?? string.Empty,
            CourseIdentifier = Text(a, "course_identifier") ?? string.Empty,
            DeclarationType = Text(a, "declaration_type") ?? string.Empty,
            DeclarationDate = Time(a, "declaration_date") ?? DateTime.MinValue,
            State = Text(a, "state") ?? string.Empty,
            StatementId = Text(a, "statement_id"),
            ClawbackStatementId = Text(a, "clawback_statement_id"),
            UpdatedAt = Time(a, "updated_at") ?? DateTime.MinValue,
        };
    }

    public static DfeOutcomeData Outcome(JsonElement resource)
    {
        var a = resource.GetProperty("attributes");
        return new DfeOutcomeData(resource.GetProperty("id").GetString()!, Text(a, "participant_id") ?? string.Empty, Text(a, "course_identifier") ?? string.Empty,
            Text(a, "state") ?? string.Empty, Text(a, "completion_date") ?? string.Empty);
    }

    public static DfeStatementData Statement(JsonElement resource)
    {
        var a = resource.GetProperty("attributes");
        return new DfeStatementData(resource.GetProperty("id").GetString()!, Text(a, "month") ?? string.Empty, Text(a, "year") ?? string.Empty,
            Text(a, "cohort") ?? string.Empty, Text(a, "payment_date") ?? string.Empty, Bool(a, "paid") ?? false);
    }

    /// <summary>DfE's <c>errors[]</c> (or a single <c>error</c>), when the body has them.</summary>
    public static IReadOnlyList<DfeError> Errors(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray().Select(e => new DfeError(Text(e, "title") ?? string.Empty, Text(e, "detail") ?? string.Empty)).ToList();
            }

            if (root.ValueKind == JsonValueKind.Object && Text(root, "error") is { } single)
            {
                return [new DfeError(single, string.Empty)];
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status says enough.
        }

        return [];
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static DateTime? Time(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
            : null;
}

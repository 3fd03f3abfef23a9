using System.Globalization;
using System.Text.Json.Nodes;

namespace Npq.Web.Features.Dfe.Fake;

/// <summary>The fake DfE's resources in the v3 contract's shapes (every attribute the contract lists, nullable ones as null).</summary>
public static class FakeDfeShapes
{
    private static string Instant(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static JsonObject Application(FakeApplication a) => new()
    {
        ["id"] = a.Id,
        ["type"] = "npq_application",
        ["attributes"] = new JsonObject
        {
            ["course_identifier"] = a.CourseIdentifier,
            ["email"] = a.Email,
            ["email_validated"] = true,
            ["employer_name"] = a.EmployerName,
            ["employment_role"] = a.EmploymentRole,
            ["full_name"] = a.FullName,
            ["funding_choice"] = a.FundingChoice,
            ["headteacher_status"] = "no",
            ["ineligible_for_funding_reason"] = a.EligibleForFunding ? null : "establishment-ineligible",
            ["participant_id"] = a.ParticipantId,
            ["private_childcare_provider_urn"] = null,
            ["teacher_reference_number"] = a.Trn,
            ["teacher_reference_number_validated"] = a.Trn is not null,
            ["school_urn"] = "100000",
            ["school_ukprn"] = null,
            ["status"] = a.Status,
            ["reason_for_rejection"] = a.Status == "rejected" ? "Application does not meet eligibility criteria" : null,
            ["works_in_school"] = true,
            ["cohort"] = a.Cohort,
            ["cohort_suffix"] = a.CohortSuffix,
            ["eligible_for_funding"] = a.EligibleForFunding,
            ["targeted_delivery_funding_eligibility"] = false,
            ["teacher_catchment"] = true,
            ["teacher_catchment_country"] = "United Kingdom of Great Britain and Northern Ireland",
            ["teacher_catchment_iso_country_code"] = "GBR",
            ["itt_provider"] = null,
            ["lead_mentor"] = false,
            ["funded_place"] = a.FundedPlace,
            ["created_at"] = Instant(a.CreatedAt),
            ["updated_at"] = Instant(a.UpdatedAt),
            ["schedule_identifier"] = null,
            ["works_as_senco"] = false,
            ["senco_start_date"] = null,
        },
    };

    public static JsonObject Participant(FakeParticipant p) => new()
    {
        ["id"] = p.Id,
        ["type"] = "npq-participant",
        ["attributes"] = new JsonObject
        {
            ["full_name"] = p.FullName,
            ["previous_names"] = new JsonArray(),
            ["teacher_reference_number"] = p.Trn,
            ["updated_at"] = Instant(p.UpdatedAt),
            ["npq_enrolments"] = new JsonArray(p.Enrolments.Select(e => (JsonNode)new JsonObject
            {
                ["course_identifier"] = e.CourseIdentifier,
                ["schedule_identifier"] = e.CourseIdentifier is "npq-senior-leadership" or "npq-headship" or "npq-executive-leadership" or "npq-early-years-leadership"
                    ? "npq-leadership-autumn" : "npq-specialist-autumn",
                ["cohort"] = e.Cohort,
                ["cohort_suffix"] = e.CohortSuffix,
                ["npq_application_id"] = e.ApplicationId,
                ["eligible_for_funding"] = e.EligibleForFunding,
                ["training_status"] = e.TrainingStatus,
                ["school_urn"] = "100000",
                ["targeted_delivery_funding_eligibility"] = false,
                ["funded_place"] = e.EligibleForFunding,
                ["email"] = e.Email,
                ["withdrawal"] = e.TrainingStatus == "withdrawn" ? new JsonObject { ["reason"] = e.Reason, ["date"] = Instant(e.ReasonDate!.Value) } : null,
                ["deferral"] = e.TrainingStatus == "deferred" ? new JsonObject { ["reason"] = e.Reason, ["date"] = Instant(e.ReasonDate!.Value) } : null,
                ["created_at"] = Instant(e.CreatedAt),
            }).ToArray()),
            ["participant_id_changes"] = new JsonArray(p.IdChanges.Select(c => (JsonNode)new JsonObject
            {
                ["from_participant_id"] = c.From,
                ["to_participant_id"] = c.To,
                ["changed_at"] = Instant(c.At),
            }).ToArray()),
        },
    };

    public static JsonObject Declaration(FakeDeclaration d) => new()
    {
        ["id"] = d.Id,
        ["type"] = "participant-declaration",
        ["attributes"] = new JsonObject
        {
            ["participant_id"] = d.ParticipantId,
            ["declaration_type"] = d.DeclarationType,
            ["course_identifier"] = d.CourseIdentifier,
            ["declaration_date"] = d.DeclarationDate,
            ["state"] = d.State,
            ["has_passed"] = d.HasPassed is { } passed ? (passed ? "true" : "false") : null,
            ["statement_id"] = d.StatementId,
            ["clawback_statement_id"] = d.ClawbackStatementId,
            ["uplift_paid"] = false,
            ["lead_provider_name"] = FakeDfeState.LeadProviderName,
            ["ineligible_for_funding_reason"] = null,
            ["created_at"] = Instant(d.CreatedAt),
            ["delivery_partner_id"] = null,
            ["delivery_partner_name"] = null,
            ["secondary_delivery_partner_id"] = null,
            ["secondary_delivery_partner_name"] = null,
            ["application_id"] = d.ApplicationId,
            ["updated_at"] = Instant(d.UpdatedAt),
        },
    };

    public static JsonObject Outcome(FakeOutcome o) => new()
    {
        ["id"] = o.Id,
        ["type"] = "participant-outcome",
        ["attributes"] = new JsonObject
        {
            ["state"] = o.State,
            ["completion_date"] = o.CompletionDate,
            ["course_identifier"] = o.CourseIdentifier,
            ["participant_id"] = o.ParticipantId,
            ["created_at"] = Instant(o.CreatedAt),
            ["updated_at"] = Instant(o.CreatedAt),
        },
    };

    public static JsonObject Statement(FakeStatement s) => new()
    {
        ["id"] = s.Id,
        ["type"] = "statement",
        ["attributes"] = new JsonObject
        {
            ["month"] = s.Month,
            ["year"] = s.Year,
            ["cohort"] = s.Cohort,
            ["cut_off_date"] = s.CutOffDate,
            ["payment_date"] = s.PaymentDate,
            ["paid"] = s.Paid,
            ["created_at"] = Instant(s.CreatedAt),
            ["updated_at"] = Instant(s.CreatedAt),
        },
    };
}

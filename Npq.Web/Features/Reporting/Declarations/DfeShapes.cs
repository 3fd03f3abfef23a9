using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper.Configuration.Attributes;
using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Declarations;

/// <summary>DfE's list envelope: <c>{"data": [...]}</c>.</summary>
public sealed record DfeList<T>([property: JsonPropertyName("data")] IReadOnlyList<T> Data);

/// <summary>A resource in DfE's shape: id, type, attributes.</summary>
public sealed record DfeResource<T>(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("attributes")] T Attributes);

/// <summary>The attributes of a <c>participant-declaration</c> (DfE lead-provider API v3, ParticipantDeclaration).</summary>
public sealed record DeclarationAttributes
{
    [JsonPropertyName("participant_id")] public required string ParticipantId { get; init; }
    [JsonPropertyName("declaration_type")] public required string DeclarationType { get; init; }
    [JsonPropertyName("declaration_date")] public required string DeclarationDate { get; init; }
    [JsonPropertyName("course_identifier")] public required string CourseIdentifier { get; init; }
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("has_passed")] public string? HasPassed { get; init; }
    [JsonPropertyName("lead_provider_name")] public string? LeadProviderName { get; init; }
    [JsonPropertyName("delivery_partner_id")] public string? DeliveryPartnerId { get; init; }
    [JsonPropertyName("delivery_partner_name")] public string? DeliveryPartnerName { get; init; }
    [JsonPropertyName("secondary_delivery_partner_id")] public string? SecondaryDeliveryPartnerId { get; init; }
    [JsonPropertyName("secondary_delivery_partner_name")] public string? SecondaryDeliveryPartnerName { get; init; }
    [JsonPropertyName("application_id")] public string? ApplicationId { get; init; }
    [JsonPropertyName("created_at")] public required string CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public required string UpdatedAt { get; init; }
}

/// <summary>The attributes of a <c>participant-outcome</c> (DfE lead-provider API v3, ParticipantOutcome).</summary>
public sealed record OutcomeAttributes
{
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("completion_date")] public required string CompletionDate { get; init; }
    [JsonPropertyName("course_identifier")] public required string CourseIdentifier { get; init; }
    [JsonPropertyName("participant_id")] public required string ParticipantId { get; init; }
    [JsonPropertyName("created_at")] public required string CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public required string UpdatedAt { get; init; }
}

/// <summary>A line of the declarations CSV: every derived, declared and voided declaration.</summary>
public sealed record DeclarationCsvRow
{
    [Name("enrolment_id")] public int EnrolmentId { get; init; }
    [Name("candidate")] public string Candidate { get; init; } = string.Empty;
    [Name("participant_id")] public string? ParticipantId { get; init; }
    [Name("course_identifier")] public string CourseIdentifier { get; init; } = string.Empty;
    [Name("declaration_type")] public string DeclarationType { get; init; } = string.Empty;
    [Name("declaration_date")] public DateTime DeclarationDate { get; init; }
    [Name("npq_status")] public string Status { get; init; } = string.Empty;
    [Name("dfe_declaration_id")] public string? DfeDeclarationId { get; init; }
    [Name("justification")] public string Justification { get; init; } = string.Empty;
    [Name("declared_at")] public DateTime? DeclaredAt { get; init; }
    [Name("voided_at")] public DateTime? VoidedAt { get; init; }
    [Name("void_reason")] public string? VoidReason { get; init; }
}

/// <summary>A line of the outcomes CSV.</summary>
public sealed record OutcomeCsvRow
{
    [Name("enrolment_id")] public int EnrolmentId { get; init; }
    [Name("candidate")] public string Candidate { get; init; } = string.Empty;
    [Name("participant_id")] public string? ParticipantId { get; init; }
    [Name("course_identifier")] public string CourseIdentifier { get; init; } = string.Empty;
    [Name("state")] public string State { get; init; } = string.Empty;
    [Name("completion_date")] public DateOnly CompletionDate { get; init; }
    [Name("released_at")] public DateTime ReleasedAt { get; init; }
}

/// <summary>Builds DfE-shaped documents from the review.</summary>
public static class DfeShapes
{
    public const string DeclarationType = "participant-declaration";
    public const string OutcomeType = "participant-outcome";

    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A UUID that is always the same for the same name (SHA-1 name-based, RFC 9562 version 5 layout).</summary>
    public static string StableUuid(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("npq:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    /// <summary>
    /// The declarations recorded as made for enrolments that have a DfE participant id: once DfE has answered (a push or
    /// a pull), with DfE's id and state (eligible, payable, paid, voided, …); before that, live as <c>submitted</c> and
    /// voided as <c>voided</c>, with the id the admin recorded or a stable one.
    /// </summary>
    public static DfeList<DfeResource<DeclarationAttributes>> Declarations(IEnumerable<DeclarationLine> lines, string leadProviderName)
    {
        var data = new List<DfeResource<DeclarationAttributes>>();
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l.Candidate.DfeParticipantId)))
        {
            var records = line.Items.Where(i => i.Live is not null).Select(i => i.Live!).Concat(line.Voided).OrderBy(r => r.DeclaredUtc);
            foreach (var record in records)
            {
                data.Add(new DfeResource<DeclarationAttributes>(
                    record.DfeDeclarationId ?? StableUuid($"declaration:{record.Id}"),
                    DeclarationType,
                    new DeclarationAttributes
                    {
                        ParticipantId = line.Candidate.DfeParticipantId!,
                        DeclarationType = record.Type.ToDfe(),
                        DeclarationDate = Instant(record.DeclarationUtc),
                        CourseIdentifier = line.Candidate.CourseIdentifier,
                        State = record.DfeState ?? (record.IsVoided ? "voided" : "submitted"),
                        HasPassed = record.Type == Core.Reporting.DeclarationType.Completed && line.Outcome is { } o
                            ? (o.State == OutcomeState.Passed ? "true" : "false")
                            : null,
                        LeadProviderName = leadProviderName,
                        DeliveryPartnerName = line.Candidate.DeliveryPartnerName,
                        ApplicationId = line.Candidate.DfeApplicationId,
                        CreatedAt = Instant(record.DeclaredUtc),
                        UpdatedAt = Instant(record.VoidedUtc ?? record.DeclaredUtc),
                    }));
            }
        }

        return new DfeList<DfeResource<DeclarationAttributes>>(data);
    }

    /// <summary>Released outcomes, for enrolments that have a DfE participant id.</summary>
    public static DfeList<DfeResource<OutcomeAttributes>> Outcomes(IEnumerable<DeclarationLine> lines) =>
        new(lines
            .Where(l => l.Outcome is not null && !string.IsNullOrWhiteSpace(l.Candidate.DfeParticipantId))
            .Select(l => new DfeResource<OutcomeAttributes>(
                StableUuid($"outcome:{l.Candidate.EnrolmentId}:{l.Outcome!.ReleasedUtc.Ticks}"),
                OutcomeType,
                new OutcomeAttributes
                {
                    State = l.Outcome.State == OutcomeState.Passed ? "passed" : "failed",
                    CompletionDate = l.Outcome.CompletionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00+00:00",
                    CourseIdentifier = l.Candidate.CourseIdentifier,
                    ParticipantId = l.Candidate.DfeParticipantId!,
                    CreatedAt = Instant(l.Outcome.ReleasedUtc),
                    UpdatedAt = Instant(l.Outcome.ReleasedUtc),
                }))
            .ToList());

    public static IEnumerable<DeclarationCsvRow> DeclarationRows(IEnumerable<DeclarationLine> lines)
    {
        foreach (var line in lines)
        {
            foreach (var item in line.Items)
            {
                var record = item.Live;
                yield return new DeclarationCsvRow
                {
                    EnrolmentId = line.Candidate.EnrolmentId,
                    Candidate = line.Candidate.CandidateName,
                    ParticipantId = line.Candidate.DfeParticipantId,
                    CourseIdentifier = line.Candidate.CourseIdentifier,
                    DeclarationType = item.Type.ToDfe(),
                    DeclarationDate = record?.DeclarationUtc ?? item.Derived!.DeclarationUtc,
                    Status = item.State switch
                    {
                        DeclarationState.Due => "due",
                        DeclarationState.Declared => "declared",
                        _ => "declared-without-evidence",
                    },
                    DfeDeclarationId = record?.DfeDeclarationId,
                    Justification = record?.Justification ?? item.Derived?.Justification ?? string.Empty,
                    DeclaredAt = record?.DeclaredUtc,
                };
            }

            foreach (var voided in line.Voided)
            {
                yield return new DeclarationCsvRow
                {
                    EnrolmentId = line.Candidate.EnrolmentId,
                    Candidate = line.Candidate.CandidateName,
                    ParticipantId = line.Candidate.DfeParticipantId,
                    CourseIdentifier = line.Candidate.CourseIdentifier,
                    DeclarationType = voided.Type.ToDfe(),
                    DeclarationDate = voided.DeclarationUtc,
                    Status = "voided",
                    DfeDeclarationId = voided.DfeDeclarationId,
                    Justification = voided.Justification,
                    DeclaredAt = voided.DeclaredUtc,
                    VoidedAt = voided.VoidedUtc,
                    VoidReason = voided.VoidReason,
                };
            }
        }
    }

    public static IEnumerable<OutcomeCsvRow> OutcomeRows(IEnumerable<DeclarationLine> lines) =>
        lines.Where(l => l.Outcome is not null).Select(l => new OutcomeCsvRow
        {
            EnrolmentId = l.Candidate.EnrolmentId,
            Candidate = l.Candidate.CandidateName,
            ParticipantId = l.Candidate.DfeParticipantId,
            CourseIdentifier = l.Candidate.CourseIdentifier,
            State = l.Outcome!.State == OutcomeState.Passed ? "passed" : "failed",
            CompletionDate = l.Outcome.CompletionDate,
            ReleasedAt = l.Outcome.ReleasedUtc,
        });
}

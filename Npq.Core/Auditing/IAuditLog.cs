namespace Npq.Core.Auditing;

/// <summary>One entry of the append-only audit log.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTime OccurredUtc { get; init; }
    public int? ActorUserId { get; init; }
    public required string Action { get; init; }
    public string? Subject { get; init; }
    public string? Detail { get; init; }
    public string? IpAddress { get; init; }

    /// <summary>The subject of an entry about a person: <c>user:{id}</c>, which the log's filter by person matches.</summary>
    public static string UserSubject(int userId) => "user:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The person a subject <c>user:{id}</c> names (the inverse of <see cref="UserSubject"/>); null for any other subject.</summary>
    public static int? SubjectUserId(string? subject) =>
        subject is not null && subject.StartsWith("user:", StringComparison.Ordinal)
        && int.TryParse(subject.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>Writes who did what, when and from where. Entries are never changed or removed.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}

using System.Collections.Concurrent;

namespace Npq.Web.Features.Dfe.Fake;

public sealed class FakeApplication
{
    public required string Id { get; init; }
    public required string ParticipantId { get; set; }
    public required string CourseIdentifier { get; init; }
    public required string FullName { get; init; }
    public string? Email { get; init; }
    public string? Trn { get; init; }
    public string Cohort { get; init; } = "2026";
    public string CohortSuffix { get; init; } = "a";
    public string Status { get; set; } = "pending";
    public string FundingChoice { get; init; } = "school";
    public bool EligibleForFunding { get; init; } = true;
    public bool? FundedPlace { get; set; }
    public string? EmployerName { get; init; }
    public string? EmploymentRole { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class FakeEnrolment
{
    public required string CourseIdentifier { get; init; }
    public required string ApplicationId { get; init; }
    public string Cohort { get; init; } = "2026";
    public string CohortSuffix { get; init; } = "a";
    public string TrainingStatus { get; set; } = "active";
    public string? Reason { get; set; }
    public DateTime? ReasonDate { get; set; }
    public bool EligibleForFunding { get; init; } = true;
    public string? Email { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed class FakeParticipant
{
    public required string Id { get; init; }
    public required string FullName { get; init; }
    public string? Trn { get; init; }
    public List<FakeEnrolment> Enrolments { get; } = [];
    public List<(string From, string To, DateTime At)> IdChanges { get; } = [];
    public DateTime UpdatedAt { get; set; }
}

public sealed class FakeDeclaration
{
    public required string Id { get; init; }
    public required string ParticipantId { get; set; }
    public required string CourseIdentifier { get; init; }
    public required string DeclarationType { get; init; }
    public required string DeclarationDate { get; init; }
    public string State { get; set; } = "submitted";
    public bool? HasPassed { get; init; }
    public string? ApplicationId { get; init; }
    public string? StatementId { get; set; }
    public string? ClawbackStatementId { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class FakeOutcome
{
    public required string Id { get; init; }
    public required string ParticipantId { get; set; }
    public required string CourseIdentifier { get; init; }
    public required string State { get; init; }
    public required string CompletionDate { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed record FakeStatement(string Id, string Month, string Year, string Cohort, string CutOffDate, string PaymentDate, bool Paid, DateTime CreatedAt);

/// <summary>
/// The fake DfE's memory (one per application, only when <c>Dfe:Mode=Fake</c>): applications, participants and their
/// enrolments, declarations, outcomes and statements, merged participant ids, and the rate limit. Every method
/// takes the one lock, so requests see a consistent state.
/// </summary>
public sealed class FakeDfeState(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Queue<DateTime> _window = new();
    private int _throttleNext;
    private int _throttleSeconds = 1;

    public const string LeadProviderName = "Npq Demo Lead Provider";

    public Dictionary<string, FakeApplication> Applications { get; } = [];
    public Dictionary<string, FakeParticipant> Participants { get; } = [];
    public List<FakeDeclaration> Declarations { get; } = [];
    public List<FakeOutcome> Outcomes { get; } = [];
    public List<FakeStatement> Statements { get; } = [];

    /// <summary>Participant ids DfE merged into another: old id → new id.</summary>
    public Dictionary<string, string> Merged { get; } = [];

    /// <summary>Requests the fake has answered, by method and path (for tests), newest last.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Requests allowed per window before 429 (DfE: 1,000 per 5 minutes).</summary>
    public int RateLimit { get; set; } = 1000;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(5);

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    public void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    /// <summary>Forgets everything (as a restart does).</summary>
    public void Reset() => Locked(() =>
    {
        Applications.Clear();
        Participants.Clear();
        Declarations.Clear();
        Outcomes.Clear();
        Statements.Clear();
        Merged.Clear();
        _window.Clear();
        _throttleNext = 0;
    });

    /// <summary>The next <paramref name="count"/> requests answer 429 with Retry-After <paramref name="retryAfterSeconds"/>.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds) => Locked(() =>
    {
        _throttleNext = count;
        _throttleSeconds = retryAfterSeconds;
    });

    /// <summary>Counts a request against the rate limit; the seconds to wait when it is over, or null.</summary>
    public int? Admit() => Locked<int?>(() =>
    {
        if (_throttleNext > 0)
        {
            _throttleNext--;
            return _throttleSeconds;
        }

        var now = Now;
        while (_window.Count > 0 && _window.Peek() <= now - RateWindow)
        {
            _window.Dequeue();
        }

        if (_window.Count >= RateLimit)
        {
            return Math.Max(1, (int)Math.Ceiling((_window.Peek() + RateWindow - now).TotalSeconds));
        }

        _window.Enqueue(now);
        return null;
    });

    /// <summary>A pending application (and its participant, when new) as someone registering with DfE makes one.</summary>
    public FakeApplication AddApplication(string fullName, string? email, string? trn, string courseIdentifier, string cohort, string suffix, string? participantId = null, bool eligible = true) =>
        Locked(() =>
        {
            var now = Now;
            var application = new FakeApplication
            {
                Id = Guid.NewGuid().ToString(), ParticipantId = participantId ?? Guid.NewGuid().ToString(), CourseIdentifier = courseIdentifier, FullName = fullName,
                Email = email, Trn = trn, Cohort = cohort, CohortSuffix = suffix, EligibleForFunding = eligible, EmployerName = null, EmploymentRole = null,
                CreatedAt = now, UpdatedAt = now,
            };
            Applications[application.Id] = application;
            if (!Participants.ContainsKey(application.ParticipantId))
            {
                Participants[application.ParticipantId] = new FakeParticipant { Id = application.ParticipantId, FullName = fullName, Trn = trn, UpdatedAt = now };
            }

            return application;
        });

    /// <summary>An application DfE shows accepted, with its participant's enrolment (a provider that accepted it earlier); kept once per id.</summary>
    public void AddAccepted(string applicationId, string participantId, string fullName, string? email, string? trn, string courseIdentifier, string cohort, string suffix, string trainingStatus, string? reason) =>
        Locked(() =>
        {
            if (Applications.ContainsKey(applicationId))
            {
                return;
            }

            var now = Now;
            Applications[applicationId] = new FakeApplication
            {
                Id = applicationId, ParticipantId = participantId, CourseIdentifier = courseIdentifier, FullName = fullName, Email = email, Trn = trn,
                Cohort = cohort, CohortSuffix = suffix, Status = "accepted", FundedPlace = true, CreatedAt = now, UpdatedAt = now,
            };
            if (!Participants.TryGetValue(participantId, out var participant))
            {
                participant = new FakeParticipant { Id = participantId, FullName = fullName, Trn = trn, UpdatedAt = now };
                Participants[participantId] = participant;
            }

            participant.Enrolments.Add(new FakeEnrolment
            {
                CourseIdentifier = courseIdentifier, ApplicationId = applicationId, Cohort = cohort, CohortSuffix = suffix, TrainingStatus = trainingStatus,
                Reason = reason, ReasonDate = reason is null ? null : now, Email = email, CreatedAt = now,
            });
        });

    /// <summary>A declaration DfE holds already (made earlier), in <paramref name="state"/>; kept once per id.</summary>
    public void AddDeclaration(string id, string participantId, string courseIdentifier, string type, DateTime declarationDate, bool? hasPassed, string state)
    {
        var added = Locked(() =>
        {
            if (Declarations.Any(d => d.Id == id) || !Participants.TryGetValue(participantId, out var participant))
            {
                return false;
            }

            var now = Now;
            Declarations.Add(new FakeDeclaration
            {
                Id = id, ParticipantId = participantId, CourseIdentifier = courseIdentifier, DeclarationType = type,
                DeclarationDate = declarationDate.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), HasPassed = hasPassed,
                ApplicationId = participant.Enrolments.FirstOrDefault(e => e.CourseIdentifier == courseIdentifier)?.ApplicationId, CreatedAt = now, UpdatedAt = now,
                State = "submitted",
            });
            return true;
        });
        if (added && state != "submitted")
        {
            Progress(id, state);
        }
    }

    /// <summary>DfE merges a participant into a new id: the old id answers 410 from now on.</summary>
    public string Merge(string oldId) => Locked(() =>
    {
        var now = Now;
        var newId = Guid.NewGuid().ToString();
        var old = Participants[oldId];
        var merged = new FakeParticipant { Id = newId, FullName = old.FullName, Trn = old.Trn, UpdatedAt = now };
        merged.Enrolments.AddRange(old.Enrolments);
        merged.IdChanges.AddRange(old.IdChanges);
        merged.IdChanges.Add((oldId, newId, now));
        Participants.Remove(oldId);
        Participants[newId] = merged;
        Merged[oldId] = newId;
        foreach (var a in Applications.Values.Where(a => a.ParticipantId == oldId))
        {
            a.ParticipantId = newId;
            a.UpdatedAt = now;
        }

        foreach (var d in Declarations.Where(d => d.ParticipantId == oldId))
        {
            d.ParticipantId = newId;
        }

        foreach (var o in Outcomes.Where(o => o.ParticipantId == oldId))
        {
            o.ParticipantId = newId;
        }

        return newId;
    });

    /// <summary>DfE's payment run: moves a declaration to <paramref name="state"/>, on a statement when it is payable, paid or clawed back.</summary>
    public void Progress(string declarationId, string state) => Locked(() =>
    {
        var d = Declarations.Single(x => x.Id == declarationId);
        d.State = state;
        d.UpdatedAt = Now;
        if (state is "payable" or "paid" && d.StatementId is null)
        {
            d.StatementId = StatementFor(paid: state == "paid").Id;
        }

        if (state is "awaiting_clawback" or "clawed_back")
        {
            d.StatementId ??= StatementFor(paid: true).Id;
            d.ClawbackStatementId = StatementFor(paid: state == "clawed_back").Id;
        }
    });

    private FakeStatement StatementFor(bool paid)
    {
        var existing = Statements.FirstOrDefault(s => s.Paid == paid);
        if (existing is not null)
        {
            return existing;
        }

        var now = Now;
        var month = paid ? now.AddMonths(-1) : now.AddMonths(1);
        var statement = new FakeStatement(Guid.NewGuid().ToString(), month.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture),
            month.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "2025", month.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture),
            month.ToString("yyyy-MM-25", System.Globalization.CultureInfo.InvariantCulture), paid, now);
        Statements.Add(statement);
        return statement;
    }
}

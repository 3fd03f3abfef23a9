-- Issue 24: sync with DfE's lead-provider API v3. A provider's connection (token kept protected), what was last
-- pulled from DfE (DfE's ids kept as opaque strings), and the outbox of pushes to DfE.

-- One per provider, off by default. ProtectedToken is the bearer token sealed with Data Protection, never shown.
-- A scheduled pull claims the row (PullClaimedBy/PullClaimedUntilUtc) so one instance pulls at a time.
CREATE TABLE DfeConnections (
    ProviderId INTEGER PRIMARY KEY REFERENCES Providers(Id),
    BaseUrl TEXT NOT NULL,
    ProtectedToken TEXT NULL,
    Enabled INTEGER NOT NULL DEFAULT 0,
    ApplicationsSyncedUtc TEXT NULL,
    ParticipantsSyncedUtc TEXT NULL,
    LastPullUtc TEXT NULL,
    LastPullProblem TEXT NULL,
    PullClaimedBy TEXT NULL,
    PullClaimedUntilUtc TEXT NULL,
    UpdatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);

-- DfE's applications as last pulled; NpqApplicationId is the inbox row it landed as (null with Problem when it could not).
CREATE TABLE DfeApplications (
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    DfeApplicationId TEXT NOT NULL,
    ParticipantId TEXT NOT NULL,
    CourseIdentifier TEXT NOT NULL,
    Cohort TEXT NULL,
    FullName TEXT NOT NULL,
    Email TEXT NULL,
    Trn TEXT NULL,
    Status TEXT NULL,
    FundingChoice TEXT NULL,
    EligibleForFunding INTEGER NOT NULL DEFAULT 0,
    FundedPlace INTEGER NULL,
    IneligibleReason TEXT NULL,
    UpdatedAt TEXT NOT NULL,
    NpqApplicationId INTEGER NULL REFERENCES Applications(Id),
    Problem TEXT NULL,
    PRIMARY KEY (ProviderId, DfeApplicationId)
);

-- DfE's participants' enrolments as last pulled.
CREATE TABLE DfeParticipants (
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    ParticipantId TEXT NOT NULL,
    CourseIdentifier TEXT NOT NULL,
    DfeApplicationId TEXT NULL,
    TrainingStatus TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL,
    PRIMARY KEY (ProviderId, ParticipantId, CourseIdentifier)
);

-- DfE's declarations as last pulled or answered to a push.
CREATE TABLE DfeDeclarations (
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    DfeDeclarationId TEXT NOT NULL,
    ParticipantId TEXT NOT NULL,
    CourseIdentifier TEXT NOT NULL,
    DeclarationType TEXT NOT NULL,
    DeclarationDate TEXT NOT NULL,
    State TEXT NOT NULL,
    StatementId TEXT NULL,
    ClawbackStatementId TEXT NULL,
    UpdatedAt TEXT NOT NULL,
    PRIMARY KEY (ProviderId, DfeDeclarationId)
);
CREATE INDEX IX_DfeDeclarations_Participant ON DfeDeclarations (ProviderId, ParticipantId);

CREATE TABLE DfeOutcomes (
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    DfeOutcomeId TEXT NOT NULL,
    ParticipantId TEXT NOT NULL,
    CourseIdentifier TEXT NOT NULL,
    State TEXT NOT NULL,
    CompletionDate TEXT NOT NULL,
    PRIMARY KEY (ProviderId, DfeOutcomeId)
);

CREATE TABLE DfeStatements (
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    DfeStatementId TEXT NOT NULL,
    Month TEXT NOT NULL,
    Year TEXT NOT NULL,
    Cohort TEXT NOT NULL,
    PaymentDate TEXT NOT NULL,
    Paid INTEGER NOT NULL,
    PRIMARY KEY (ProviderId, DfeStatementId)
);

-- The outbox: one row per push to DfE. IdempotencyKey makes enqueueing the same change twice a no-op. A worker claims
-- a row with an UPDATE guarded by its state (Pending and due, or Running with an expired claim), so one instance runs it.
CREATE TABLE DfeJobs (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    Kind TEXT NOT NULL,
    IdempotencyKey TEXT NOT NULL UNIQUE,
    Subject TEXT NOT NULL,
    Payload TEXT NOT NULL,
    State TEXT NOT NULL DEFAULT 'Pending',
    Attempts INTEGER NOT NULL DEFAULT 0,
    NextAttemptUtc TEXT NOT NULL,
    ClaimedBy TEXT NULL,
    ClaimedUntilUtc TEXT NULL,
    LastStatus INTEGER NULL,
    LastError TEXT NULL,
    Result TEXT NULL,
    CreatedUtc TEXT NOT NULL,
    CompletedUtc TEXT NULL
);
CREATE INDEX IX_DfeJobs_Due ON DfeJobs (State, NextAttemptUtc);
CREATE INDEX IX_DfeJobs_Provider ON DfeJobs (ProviderId, Id);

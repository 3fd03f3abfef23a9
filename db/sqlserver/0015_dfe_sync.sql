-- Issue 24: sync with DfE's lead-provider API v3. A provider's connection (token kept protected), what was last
-- pulled from DfE (DfE's ids kept as opaque strings), and the outbox of pushes to DfE.

-- One per provider, off by default. ProtectedToken is the bearer token sealed with Data Protection, never shown.
-- A scheduled pull claims the row (PullClaimedBy/PullClaimedUntilUtc) so one instance pulls at a time.
CREATE TABLE DfeConnections (
    ProviderId INT PRIMARY KEY REFERENCES Providers(Id),
    BaseUrl NVARCHAR(500) NOT NULL,
    ProtectedToken NVARCHAR(MAX) NULL,
    Enabled BIT NOT NULL DEFAULT 0,
    ApplicationsSyncedUtc DATETIME2 NULL,
    ParticipantsSyncedUtc DATETIME2 NULL,
    LastPullUtc DATETIME2 NULL,
    LastPullProblem NVARCHAR(MAX) NULL,
    PullClaimedBy NVARCHAR(100) NULL,
    PullClaimedUntilUtc DATETIME2 NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1
);

-- DfE's applications as last pulled; NpqApplicationId is the inbox row it landed as (null with Problem when it could not).
CREATE TABLE DfeApplications (
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    DfeApplicationId NVARCHAR(100) NOT NULL,
    ParticipantId NVARCHAR(100) NOT NULL,
    CourseIdentifier NVARCHAR(100) NOT NULL,
    Cohort NVARCHAR(100) NULL,
    FullName NVARCHAR(300) NOT NULL,
    Email NVARCHAR(300) NULL,
    Trn NVARCHAR(100) NULL,
    Status NVARCHAR(100) NULL,
    FundingChoice NVARCHAR(100) NULL,
    EligibleForFunding BIT NOT NULL DEFAULT 0,
    FundedPlace BIT NULL,
    IneligibleReason NVARCHAR(300) NULL,
    UpdatedAt DATETIME2 NOT NULL,
    NpqApplicationId INT NULL REFERENCES Applications(Id),
    Problem NVARCHAR(MAX) NULL,
    PRIMARY KEY (ProviderId, DfeApplicationId)
);

-- DfE's participants' enrolments as last pulled.
CREATE TABLE DfeParticipants (
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    ParticipantId NVARCHAR(100) NOT NULL,
    CourseIdentifier NVARCHAR(100) NOT NULL,
    DfeApplicationId NVARCHAR(100) NULL,
    TrainingStatus NVARCHAR(100) NOT NULL,
    UpdatedAt DATETIME2 NOT NULL,
    PRIMARY KEY (ProviderId, ParticipantId, CourseIdentifier)
);

-- DfE's declarations as last pulled or answered to a push.
CREATE TABLE DfeDeclarations (
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    DfeDeclarationId NVARCHAR(100) NOT NULL,
    ParticipantId NVARCHAR(100) NOT NULL,
    CourseIdentifier NVARCHAR(100) NOT NULL,
    DeclarationType NVARCHAR(100) NOT NULL,
    DeclarationDate DATETIME2 NOT NULL,
    State NVARCHAR(100) NOT NULL,
    StatementId NVARCHAR(100) NULL,
    ClawbackStatementId NVARCHAR(100) NULL,
    UpdatedAt DATETIME2 NOT NULL,
    PRIMARY KEY (ProviderId, DfeDeclarationId)
);
CREATE INDEX IX_DfeDeclarations_Participant ON DfeDeclarations (ProviderId, ParticipantId);

CREATE TABLE DfeOutcomes (
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    DfeOutcomeId NVARCHAR(100) NOT NULL,
    ParticipantId NVARCHAR(100) NOT NULL,
    CourseIdentifier NVARCHAR(100) NOT NULL,
    State NVARCHAR(100) NOT NULL,
    CompletionDate NVARCHAR(40) NOT NULL,
    PRIMARY KEY (ProviderId, DfeOutcomeId)
);

CREATE TABLE DfeStatements (
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    DfeStatementId NVARCHAR(100) NOT NULL,
    Month NVARCHAR(100) NOT NULL,
    Year NVARCHAR(100) NOT NULL,
    Cohort NVARCHAR(100) NOT NULL,
    PaymentDate NVARCHAR(40) NOT NULL,
    Paid BIT NOT NULL,
    PRIMARY KEY (ProviderId, DfeStatementId)
);

-- The outbox: one row per push to DfE. IdempotencyKey makes enqueueing the same change twice a no-op. A worker claims
-- a row with an UPDATE guarded by its state (Pending and due, or Running with an expired claim), so one instance runs it.
CREATE TABLE DfeJobs (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    Kind NVARCHAR(100) NOT NULL,
    IdempotencyKey NVARCHAR(300) NOT NULL UNIQUE,
    Subject NVARCHAR(300) NOT NULL,
    Payload NVARCHAR(MAX) NOT NULL,
    State NVARCHAR(100) NOT NULL DEFAULT 'Pending',
    Attempts INT NOT NULL DEFAULT 0,
    NextAttemptUtc DATETIME2 NOT NULL,
    ClaimedBy NVARCHAR(100) NULL,
    ClaimedUntilUtc DATETIME2 NULL,
    LastStatus INT NULL,
    LastError NVARCHAR(MAX) NULL,
    Result NVARCHAR(MAX) NULL,
    CreatedUtc DATETIME2 NOT NULL,
    CompletedUtc DATETIME2 NULL
);
CREATE INDEX IX_DfeJobs_Due ON DfeJobs (State, NextAttemptUtc);
CREATE INDEX IX_DfeJobs_Provider ON DfeJobs (ProviderId, Id);

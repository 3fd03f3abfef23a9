-- Issue 5: a candidate's portfolio of evidence, assessment tasks and their submissions, mentor feedback and
-- progress updates.

-- Evidence: one item shows many framework statements (by their stable ids).
CREATE TABLE EvidenceItems (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    Title NVARCHAR(300) NOT NULL,
    EvidenceDate DATE NOT NULL,
    Reflection NVARCHAR(MAX) NOT NULL DEFAULT '',
    IsDraft BIT NOT NULL DEFAULT 1,
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1
);
CREATE INDEX IX_EvidenceItems_Candidate ON EvidenceItems (CandidateUserId);

CREATE TABLE EvidenceStatements (
    EvidenceId INT NOT NULL REFERENCES EvidenceItems(Id),
    StatementId NVARCHAR(100) NOT NULL,
    PRIMARY KEY (EvidenceId, StatementId)
);

CREATE TABLE EvidenceFiles (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    EvidenceId INT NOT NULL REFERENCES EvidenceItems(Id),
    StoredName NVARCHAR(100) NOT NULL CONSTRAINT UQ_EvidenceFiles_StoredName UNIQUE,
    FileName NVARCHAR(260) NOT NULL,
    ContentType NVARCHAR(200) NOT NULL,
    SizeBytes INT NOT NULL,
    UploadedUtc DATETIME2 NOT NULL,
    UploadedByUserId INT NOT NULL REFERENCES Users(Id),
    RemovedUtc DATETIME2 NULL
);
CREATE INDEX IX_EvidenceFiles_Evidence ON EvidenceFiles (EvidenceId);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE EvidenceLog (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    EvidenceId INT NOT NULL REFERENCES EvidenceItems(Id),
    OccurredUtc DATETIME2 NOT NULL,
    ActorUserId INT NOT NULL REFERENCES Users(Id),
    Action NVARCHAR(64) NOT NULL,
    Detail NVARCHAR(2000) NULL
);
CREATE INDEX IX_EvidenceLog_Evidence ON EvidenceLog (EvidenceId);

-- Assessment tasks, defined per course; dates per cohort (date-only, read in the cohort's zone).
CREATE TABLE AssessmentTasks (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CourseId INT NOT NULL REFERENCES Courses(Id),
    Title NVARCHAR(300) NOT NULL,
    Instructions NVARCHAR(MAX) NOT NULL DEFAULT '',
    Kind NVARCHAR(16) NOT NULL DEFAULT 'Standard',
    WordLimit INT NOT NULL,
    MaxAttempts INT NOT NULL DEFAULT 1,
    MentorReviewsDrafts BIT NOT NULL DEFAULT 0,
    CreatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1
);
CREATE INDEX IX_AssessmentTasks_Course ON AssessmentTasks (CourseId);

CREATE TABLE AssessmentTaskStatements (
    TaskId INT NOT NULL REFERENCES AssessmentTasks(Id),
    StatementId NVARCHAR(100) NOT NULL,
    PRIMARY KEY (TaskId, StatementId)
);

CREATE TABLE AssessmentTaskDates (
    TaskId INT NOT NULL REFERENCES AssessmentTasks(Id),
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    OpensOn DATE NOT NULL,
    DueOn DATE NOT NULL,
    CutOffOn DATE NOT NULL,
    PRIMARY KEY (TaskId, CohortId)
);

CREATE TABLE AssessmentTaskExtensions (
    TaskId INT NOT NULL REFERENCES AssessmentTasks(Id),
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    DueOn DATE NOT NULL,
    GrantedByUserId INT NOT NULL REFERENCES Users(Id),
    GrantedUtc DATETIME2 NOT NULL,
    PRIMARY KEY (TaskId, CandidateUserId)
);

-- One row per attempt; an attempt is read-only once submitted.
CREATE TABLE Submissions (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    TaskId INT NOT NULL REFERENCES AssessmentTasks(Id),
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    Attempt INT NOT NULL,
    State NVARCHAR(16) NOT NULL,
    Body NVARCHAR(MAX) NOT NULL DEFAULT '',
    WordCount INT NOT NULL DEFAULT 0,
    Result NVARCHAR(16) NULL,
    SubmittedUtc DATETIME2 NULL,
    SubmittedByUserId INT NULL REFERENCES Users(Id),
    SubmittedOnBehalf BIT NOT NULL DEFAULT 0,
    ReopenedUtc DATETIME2 NULL,
    ReopenedByUserId INT NULL REFERENCES Users(Id),
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Submissions_Attempt UNIQUE (TaskId, CandidateUserId, Attempt)
);
CREATE INDEX IX_Submissions_Candidate ON Submissions (CandidateUserId);

-- Feedback threads: on an evidence item or a submission, optionally pointing at a statement.
CREATE TABLE FeedbackComments (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    EvidenceId INT NULL REFERENCES EvidenceItems(Id),
    SubmissionId INT NULL REFERENCES Submissions(Id),
    AuthorUserId INT NOT NULL REFERENCES Users(Id),
    Body NVARCHAR(MAX) NOT NULL,
    StatementId NVARCHAR(100) NULL,
    CreatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_FeedbackComments_Candidate ON FeedbackComments (CandidateUserId);

-- How often a mentor writes a progress update for each candidate of a cohort.
CREATE TABLE ProgressCadences (
    CohortId INT PRIMARY KEY REFERENCES Cohorts(Id),
    EveryWeeks INT NOT NULL
);

CREATE TABLE ProgressUpdates (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    MentorUserId INT NOT NULL REFERENCES Users(Id),
    Narrative NVARCHAR(MAX) NOT NULL,
    NextSteps NVARCHAR(MAX) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1
);
CREATE INDEX IX_ProgressUpdates_Candidate ON ProgressUpdates (CandidateUserId, CohortId);

CREATE TABLE ProgressRatings (
    ProgressUpdateId INT NOT NULL REFERENCES ProgressUpdates(Id),
    AreaSlug NVARCHAR(100) NOT NULL,
    Rating NVARCHAR(16) NOT NULL,
    PRIMARY KEY (ProgressUpdateId, AreaSlug)
);

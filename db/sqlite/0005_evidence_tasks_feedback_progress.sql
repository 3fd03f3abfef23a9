-- Issue 5: a candidate's portfolio of evidence, assessment tasks and their submissions, mentor feedback and
-- progress updates.

-- Evidence: one item shows many framework statements (by their stable ids).
CREATE TABLE EvidenceItems (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    Title TEXT NOT NULL,
    EvidenceDate TEXT NOT NULL,
    Reflection TEXT NOT NULL DEFAULT '',
    IsDraft INTEGER NOT NULL DEFAULT 1,
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_EvidenceItems_Candidate ON EvidenceItems (CandidateUserId);

CREATE TABLE EvidenceStatements (
    EvidenceId INTEGER NOT NULL REFERENCES EvidenceItems(Id),
    StatementId TEXT NOT NULL,
    PRIMARY KEY (EvidenceId, StatementId)
);

CREATE TABLE EvidenceFiles (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    EvidenceId INTEGER NOT NULL REFERENCES EvidenceItems(Id),
    StoredName TEXT NOT NULL UNIQUE,
    FileName TEXT NOT NULL,
    ContentType TEXT NOT NULL,
    SizeBytes INTEGER NOT NULL,
    UploadedUtc TEXT NOT NULL,
    UploadedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    RemovedUtc TEXT NULL
);
CREATE INDEX IX_EvidenceFiles_Evidence ON EvidenceFiles (EvidenceId);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE EvidenceLog (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    EvidenceId INTEGER NOT NULL REFERENCES EvidenceItems(Id),
    OccurredUtc TEXT NOT NULL,
    ActorUserId INTEGER NOT NULL REFERENCES Users(Id),
    Action TEXT NOT NULL,
    Detail TEXT NULL
);
CREATE INDEX IX_EvidenceLog_Evidence ON EvidenceLog (EvidenceId);

-- Assessment tasks, defined per course; dates per cohort (date-only, read in the cohort's zone).
CREATE TABLE AssessmentTasks (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    Title TEXT NOT NULL,
    Instructions TEXT NOT NULL DEFAULT '',
    Kind TEXT NOT NULL DEFAULT 'Standard',
    WordLimit INTEGER NOT NULL,
    MaxAttempts INTEGER NOT NULL DEFAULT 1,
    MentorReviewsDrafts INTEGER NOT NULL DEFAULT 0,
    CreatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_AssessmentTasks_Course ON AssessmentTasks (CourseId);

CREATE TABLE AssessmentTaskStatements (
    TaskId INTEGER NOT NULL REFERENCES AssessmentTasks(Id),
    StatementId TEXT NOT NULL,
    PRIMARY KEY (TaskId, StatementId)
);

CREATE TABLE AssessmentTaskDates (
    TaskId INTEGER NOT NULL REFERENCES AssessmentTasks(Id),
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    OpensOn TEXT NOT NULL,
    DueOn TEXT NOT NULL,
    CutOffOn TEXT NOT NULL,
    PRIMARY KEY (TaskId, CohortId)
);

CREATE TABLE AssessmentTaskExtensions (
    TaskId INTEGER NOT NULL REFERENCES AssessmentTasks(Id),
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    DueOn TEXT NOT NULL,
    GrantedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    GrantedUtc TEXT NOT NULL,
    PRIMARY KEY (TaskId, CandidateUserId)
);

-- One row per attempt; an attempt is read-only once submitted.
CREATE TABLE Submissions (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    TaskId INTEGER NOT NULL REFERENCES AssessmentTasks(Id),
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    Attempt INTEGER NOT NULL,
    State TEXT NOT NULL,
    Body TEXT NOT NULL DEFAULT '',
    WordCount INTEGER NOT NULL DEFAULT 0,
    Result TEXT NULL,
    SubmittedUtc TEXT NULL,
    SubmittedByUserId INTEGER NULL REFERENCES Users(Id),
    SubmittedOnBehalf INTEGER NOT NULL DEFAULT 0,
    ReopenedUtc TEXT NULL,
    ReopenedByUserId INTEGER NULL REFERENCES Users(Id),
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (TaskId, CandidateUserId, Attempt)
);
CREATE INDEX IX_Submissions_Candidate ON Submissions (CandidateUserId);

-- Feedback threads: on an evidence item or a submission, optionally pointing at a statement.
CREATE TABLE FeedbackComments (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    EvidenceId INTEGER NULL REFERENCES EvidenceItems(Id),
    SubmissionId INTEGER NULL REFERENCES Submissions(Id),
    AuthorUserId INTEGER NOT NULL REFERENCES Users(Id),
    Body TEXT NOT NULL,
    StatementId TEXT NULL,
    CreatedUtc TEXT NOT NULL
);
CREATE INDEX IX_FeedbackComments_Candidate ON FeedbackComments (CandidateUserId);

-- How often a mentor writes a progress update for each candidate of a cohort.
CREATE TABLE ProgressCadences (
    CohortId INTEGER PRIMARY KEY REFERENCES Cohorts(Id),
    EveryWeeks INTEGER NOT NULL
);

CREATE TABLE ProgressUpdates (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    MentorUserId INTEGER NOT NULL REFERENCES Users(Id),
    Narrative TEXT NOT NULL,
    NextSteps TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_ProgressUpdates_Candidate ON ProgressUpdates (CandidateUserId, CohortId);

CREATE TABLE ProgressRatings (
    ProgressUpdateId INTEGER NOT NULL REFERENCES ProgressUpdates(Id),
    AreaSlug TEXT NOT NULL,
    Rating TEXT NOT NULL,
    PRIMARY KEY (ProgressUpdateId, AreaSlug)
);

-- Issue 6: the final assessment's marking, moderation and release.

-- The rules a final assessment runs by, per course and (overriding) per cohort; a null falls back to the
-- course's value, then to the configured default.
CREATE TABLE FinalAssessmentCoursePolicies (
    CourseId INT PRIMARY KEY REFERENCES Courses(Id),
    AttendanceThresholdPercent INT NULL,
    ModerationSamplePercent INT NULL,
    BlindMarking BIT NULL
);

CREATE TABLE FinalAssessmentCohortPolicies (
    CohortId INT PRIMARY KEY REFERENCES Cohorts(Id),
    AttendanceThresholdPercent INT NULL,
    ModerationSamplePercent INT NULL,
    BlindMarking BIT NULL
);

-- The criteria a course's final assessment is marked against, each pointing at framework statements.
CREATE TABLE AssessmentCriteria (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CourseId INT NOT NULL REFERENCES Courses(Id),
    Position INT NOT NULL,
    Title NVARCHAR(300) NOT NULL,
    Guidance NVARCHAR(MAX) NOT NULL DEFAULT '',
    CONSTRAINT UQ_AssessmentCriteria_Title UNIQUE (CourseId, Title)
);

CREATE TABLE AssessmentCriterionStatements (
    CriterionId INT NOT NULL REFERENCES AssessmentCriteria(Id),
    StatementId NVARCHAR(100) NOT NULL,
    PRIMARY KEY (CriterionId, StatementId)
);

-- One script per submitted attempt at a final task: its marking workflow, kept apart from the submission.
CREATE TABLE MarkingScripts (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    SubmissionId INT NOT NULL CONSTRAINT UQ_MarkingScripts_Submission UNIQUE REFERENCES Submissions(Id),
    TaskId INT NOT NULL REFERENCES AssessmentTasks(Id),
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    Reference NVARCHAR(40) NOT NULL CONSTRAINT UQ_MarkingScripts_Reference UNIQUE,
    State NVARCHAR(40) NOT NULL,
    AssessorUserId INT NULL REFERENCES Users(Id),
    AllocatedUtc DATETIME2 NULL,
    AssessorOutcome NVARCHAR(10) NULL,
    AssessorComment NVARCHAR(MAX) NOT NULL DEFAULT '',
    MarkedUtc DATETIME2 NULL,
    ModerationReason NVARCHAR(200) NULL,
    ModeratorUserId INT NULL REFERENCES Users(Id),
    ModeratorOutcome NVARCHAR(10) NULL,
    ModeratorComment NVARCHAR(MAX) NOT NULL DEFAULT '',
    ModeratedUtc DATETIME2 NULL,
    FinalOutcome NVARCHAR(10) NULL,
    ReleasedUtc DATETIME2 NULL,
    ReleasedByUserId INT NULL REFERENCES Users(Id),
    CompletionDate DATE NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1
);
CREATE INDEX IX_MarkingScripts_Cohort ON MarkingScripts (CohortId, State);
CREATE INDEX IX_MarkingScripts_Assessor ON MarkingScripts (AssessorUserId);
CREATE INDEX IX_MarkingScripts_Moderator ON MarkingScripts (ModeratorUserId);
CREATE INDEX IX_MarkingScripts_Candidate ON MarkingScripts (CandidateUserId);

-- Each criterion's judgement, by the assessor and (separately, both kept) by the moderator.
CREATE TABLE MarkingJudgements (
    ScriptId INT NOT NULL REFERENCES MarkingScripts(Id),
    CriterionId INT NOT NULL REFERENCES AssessmentCriteria(Id),
    Role NVARCHAR(20) NOT NULL,
    Met BIT NULL,
    Comment NVARCHAR(MAX) NOT NULL DEFAULT '',
    PRIMARY KEY (ScriptId, CriterionId, Role)
);

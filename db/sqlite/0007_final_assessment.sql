-- Issue 6: the final assessment's marking, moderation and release.

-- The rules a final assessment runs by, per course and (overriding) per cohort; a null falls back to the
-- course's value, then to the configured default.
CREATE TABLE FinalAssessmentCoursePolicies (
    CourseId INTEGER PRIMARY KEY REFERENCES Courses(Id),
    AttendanceThresholdPercent INTEGER NULL,
    ModerationSamplePercent INTEGER NULL,
    BlindMarking INTEGER NULL
);

CREATE TABLE FinalAssessmentCohortPolicies (
    CohortId INTEGER PRIMARY KEY REFERENCES Cohorts(Id),
    AttendanceThresholdPercent INTEGER NULL,
    ModerationSamplePercent INTEGER NULL,
    BlindMarking INTEGER NULL
);

-- The criteria a course's final assessment is marked against, each pointing at framework statements.
CREATE TABLE AssessmentCriteria (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    Position INTEGER NOT NULL,
    Title TEXT NOT NULL,
    Guidance TEXT NOT NULL DEFAULT '',
    UNIQUE (CourseId, Title)
);

CREATE TABLE AssessmentCriterionStatements (
    CriterionId INTEGER NOT NULL REFERENCES AssessmentCriteria(Id),
    StatementId TEXT NOT NULL,
    PRIMARY KEY (CriterionId, StatementId)
);

-- One script per submitted attempt at a final task: its marking workflow, kept apart from the submission.
CREATE TABLE MarkingScripts (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    SubmissionId INTEGER NOT NULL UNIQUE REFERENCES Submissions(Id),
    TaskId INTEGER NOT NULL REFERENCES AssessmentTasks(Id),
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    Reference TEXT NOT NULL UNIQUE,
    State TEXT NOT NULL,
    AssessorUserId INTEGER NULL REFERENCES Users(Id),
    AllocatedUtc TEXT NULL,
    AssessorOutcome TEXT NULL,
    AssessorComment TEXT NOT NULL DEFAULT '',
    MarkedUtc TEXT NULL,
    ModerationReason TEXT NULL,
    ModeratorUserId INTEGER NULL REFERENCES Users(Id),
    ModeratorOutcome TEXT NULL,
    ModeratorComment TEXT NOT NULL DEFAULT '',
    ModeratedUtc TEXT NULL,
    FinalOutcome TEXT NULL,
    ReleasedUtc TEXT NULL,
    ReleasedByUserId INTEGER NULL REFERENCES Users(Id),
    CompletionDate TEXT NULL,
    UpdatedUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_MarkingScripts_Cohort ON MarkingScripts (CohortId, State);
CREATE INDEX IX_MarkingScripts_Assessor ON MarkingScripts (AssessorUserId);
CREATE INDEX IX_MarkingScripts_Moderator ON MarkingScripts (ModeratorUserId);
CREATE INDEX IX_MarkingScripts_Candidate ON MarkingScripts (CandidateUserId);

-- Each criterion's judgement, by the assessor and (separately, both kept) by the moderator.
CREATE TABLE MarkingJudgements (
    ScriptId INTEGER NOT NULL REFERENCES MarkingScripts(Id),
    CriterionId INTEGER NOT NULL REFERENCES AssessmentCriteria(Id),
    Role TEXT NOT NULL,
    Met INTEGER NULL,
    Comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (ScriptId, CriterionId, Role)
);

-- Issue 20: a course's programme of materials, released per cohort, and each candidate's progress through it.

-- A course's programme: ordered modules of ordered items. A module opens for a cohort on a date, when the previous
-- module is complete, or when both hold (ReleaseRule: OnDate, AfterPrevious, OnDateAndAfterPrevious).
CREATE TABLE MaterialModules (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    Position INTEGER NOT NULL,
    Title TEXT NOT NULL,
    Summary TEXT NOT NULL DEFAULT '',
    ReleaseRule TEXT NOT NULL DEFAULT 'OnDate',
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL
);
CREATE INDEX IX_MaterialModules_Course ON MaterialModules (CourseId, Position);

-- Kind: Page, File, Video, Link, Reflection, KnowledgeCheck. State: Draft or Published. Body is the page's markdown,
-- the reflection's prompt, or the introduction of a file, video, link or check. A file or video is kept in the file
-- store under FileStoredName; a video's WebVTT captions under CaptionsStoredName. A knowledge check's questions are
-- one JSON document (Questions), authored and versioned as a whole.
CREATE TABLE MaterialItems (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ModuleId INTEGER NOT NULL REFERENCES MaterialModules(Id),
    Position INTEGER NOT NULL,
    Kind TEXT NOT NULL,
    Title TEXT NOT NULL,
    State TEXT NOT NULL DEFAULT 'Draft',
    Body TEXT NOT NULL DEFAULT '',
    Url TEXT NULL,
    FileStoredName TEXT NULL,
    FileName TEXT NULL,
    FileContentType TEXT NULL,
    FileBytes INTEGER NULL,
    CaptionsStoredName TEXT NULL,
    Transcript TEXT NOT NULL DEFAULT '',
    Questions TEXT NOT NULL DEFAULT '',
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL,
    PublishedUtc TEXT NULL
);
CREATE INDEX IX_MaterialItems_Module ON MaterialItems (ModuleId, Position);

-- The framework statements an item teaches, by their stable ids.
CREATE TABLE MaterialItemStatements (
    ItemId INTEGER NOT NULL REFERENCES MaterialItems(Id),
    StatementId TEXT NOT NULL,
    PRIMARY KEY (ItemId, StatementId)
);
CREATE INDEX IX_MaterialItemStatements_Statement ON MaterialItemStatements (StatementId, ItemId);

-- Images a course's pages show, kept in the file store.
CREATE TABLE MaterialAssets (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    StoredName TEXT NOT NULL UNIQUE,
    FileName TEXT NOT NULL,
    ContentType TEXT NOT NULL,
    SizeBytes INTEGER NOT NULL,
    UploadedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    UploadedUtc TEXT NOT NULL
);
CREATE INDEX IX_MaterialAssets_Course ON MaterialAssets (CourseId);

-- People other than the provider's admins who may edit a course's programme (facilitators given the right).
CREATE TABLE MaterialEditors (
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (CourseId, UserId)
);

-- When a module opens for a cohort: a date-only day in the cohort's zone, and/or opened early by a facilitator.
CREATE TABLE MaterialModuleReleases (
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    ModuleId INTEGER NOT NULL REFERENCES MaterialModules(Id),
    OpensOn TEXT NULL,
    OpenedEarlyUtc TEXT NULL,
    OpenedEarlyByUserId INTEGER NULL REFERENCES Users(Id),
    PRIMARY KEY (CohortId, ModuleId)
);

-- A candidate's progress on an item: started or complete, where a video stopped and which seconds were watched (a
-- bit per second, base64), a knowledge check's best score and attempts, and the evidence a reflection became.
CREATE TABLE MaterialProgress (
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    ItemId INTEGER NOT NULL REFERENCES MaterialItems(Id),
    IsComplete INTEGER NOT NULL DEFAULT 0,
    PositionSeconds REAL NULL,
    DurationSeconds REAL NULL,
    WatchedMap TEXT NULL,
    BestScorePercent INTEGER NULL,
    Attempts INTEGER NOT NULL DEFAULT 0,
    EvidenceId INTEGER NULL REFERENCES EvidenceItems(Id),
    CompletedUtc TEXT NULL,
    UpdatedUtc TEXT NOT NULL,
    PRIMARY KEY (CandidateUserId, ItemId)
);
CREATE INDEX IX_MaterialProgress_Item ON MaterialProgress (ItemId, IsComplete);

-- Every knowledge-check attempt, with the answers chosen (JSON) and the score.
CREATE TABLE KnowledgeCheckAttempts (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ItemId INTEGER NOT NULL REFERENCES MaterialItems(Id),
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    ScorePercent INTEGER NOT NULL,
    Answers TEXT NOT NULL,
    SubmittedUtc TEXT NOT NULL
);
CREATE INDEX IX_KnowledgeCheckAttempts_Candidate ON KnowledgeCheckAttempts (CandidateUserId, ItemId, SubmittedUtc);

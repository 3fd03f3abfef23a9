-- Issue 20: a course's programme of materials, released per cohort, and each candidate's progress through it.

-- A course's programme: ordered modules of ordered items. A module opens for a cohort on a date, when the previous
-- module is complete, or when both hold (ReleaseRule: OnDate, AfterPrevious, OnDateAndAfterPrevious).
CREATE TABLE MaterialModules (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CourseId INT NOT NULL REFERENCES Courses(Id),
    Position INT NOT NULL,
    Title NVARCHAR(300) NOT NULL,
    Summary NVARCHAR(2000) NOT NULL DEFAULT '',
    ReleaseRule NVARCHAR(32) NOT NULL DEFAULT 'OnDate',
    Version INT NOT NULL DEFAULT 1,
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_MaterialModules_Course ON MaterialModules (CourseId, Position);

-- Kind: Page, File, Video, Link, Reflection, KnowledgeCheck. State: Draft or Published. Body is the page's markdown,
-- the reflection's prompt, or the introduction of a file, video, link or check. A file or video is kept in the file
-- store under FileStoredName; a video's WebVTT captions under CaptionsStoredName. A knowledge check's questions are
-- one JSON document (Questions), authored and versioned as a whole.
CREATE TABLE MaterialItems (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ModuleId INT NOT NULL REFERENCES MaterialModules(Id),
    Position INT NOT NULL,
    Kind NVARCHAR(32) NOT NULL,
    Title NVARCHAR(300) NOT NULL,
    State NVARCHAR(16) NOT NULL DEFAULT 'Draft',
    Body NVARCHAR(MAX) NOT NULL DEFAULT '',
    Url NVARCHAR(2000) NULL,
    FileStoredName NVARCHAR(200) NULL,
    FileName NVARCHAR(260) NULL,
    FileContentType NVARCHAR(200) NULL,
    FileBytes BIGINT NULL,
    CaptionsStoredName NVARCHAR(200) NULL,
    Transcript NVARCHAR(MAX) NOT NULL DEFAULT '',
    Questions NVARCHAR(MAX) NOT NULL DEFAULT '',
    Version INT NOT NULL DEFAULT 1,
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    PublishedUtc DATETIME2 NULL
);
CREATE INDEX IX_MaterialItems_Module ON MaterialItems (ModuleId, Position);

-- The framework statements an item teaches, by their stable ids.
CREATE TABLE MaterialItemStatements (
    ItemId INT NOT NULL REFERENCES MaterialItems(Id),
    StatementId NVARCHAR(64) NOT NULL,
    PRIMARY KEY (ItemId, StatementId)
);
CREATE INDEX IX_MaterialItemStatements_Statement ON MaterialItemStatements (StatementId, ItemId);

-- Images a course's pages show, kept in the file store.
CREATE TABLE MaterialAssets (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CourseId INT NOT NULL REFERENCES Courses(Id),
    StoredName NVARCHAR(200) NOT NULL UNIQUE,
    FileName NVARCHAR(260) NOT NULL,
    ContentType NVARCHAR(200) NOT NULL,
    SizeBytes BIGINT NOT NULL,
    UploadedByUserId INT NOT NULL REFERENCES Users(Id),
    UploadedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_MaterialAssets_Course ON MaterialAssets (CourseId);

-- People other than the provider's admins who may edit a course's programme (facilitators given the right).
CREATE TABLE MaterialEditors (
    CourseId INT NOT NULL REFERENCES Courses(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (CourseId, UserId)
);

-- When a module opens for a cohort: a date-only day in the cohort's zone, and/or opened early by a facilitator.
CREATE TABLE MaterialModuleReleases (
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    ModuleId INT NOT NULL REFERENCES MaterialModules(Id),
    OpensOn DATE NULL,
    OpenedEarlyUtc DATETIME2 NULL,
    OpenedEarlyByUserId INT NULL REFERENCES Users(Id),
    PRIMARY KEY (CohortId, ModuleId)
);

-- A candidate's progress on an item: started or complete, where a video stopped and which seconds were watched (a
-- bit per second, base64), a knowledge check's best score and attempts, and the evidence a reflection became.
CREATE TABLE MaterialProgress (
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    ItemId INT NOT NULL REFERENCES MaterialItems(Id),
    IsComplete BIT NOT NULL DEFAULT 0,
    PositionSeconds FLOAT NULL,
    DurationSeconds FLOAT NULL,
    WatchedMap NVARCHAR(MAX) NULL,
    BestScorePercent INT NULL,
    Attempts INT NOT NULL DEFAULT 0,
    EvidenceId INT NULL REFERENCES EvidenceItems(Id),
    CompletedUtc DATETIME2 NULL,
    UpdatedUtc DATETIME2 NOT NULL,
    PRIMARY KEY (CandidateUserId, ItemId)
);
CREATE INDEX IX_MaterialProgress_Item ON MaterialProgress (ItemId, IsComplete);

-- Every knowledge-check attempt, with the answers chosen (JSON) and the score.
CREATE TABLE KnowledgeCheckAttempts (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ItemId INT NOT NULL REFERENCES MaterialItems(Id),
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    ScorePercent INT NOT NULL,
    Answers NVARCHAR(MAX) NOT NULL,
    SubmittedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_KnowledgeCheckAttempts_Candidate ON KnowledgeCheckAttempts (CandidateUserId, ItemId, SubmittedUtc);

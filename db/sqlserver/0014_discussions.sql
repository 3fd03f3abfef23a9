-- Issue 21: cohort discussions and study groups.

-- A cohort's study groups; a candidate is in at most one group of a cohort.
CREATE TABLE StudyGroups (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    Name NVARCHAR(300) NOT NULL,
    Position INT NOT NULL,
    CreatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_StudyGroups_Cohort ON StudyGroups (CohortId, Position);

CREATE TABLE StudyGroupMembers (
    GroupId INT NOT NULL REFERENCES StudyGroups(Id),
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (GroupId, UserId),
    UNIQUE (CohortId, UserId)
);

-- A cohort's topics. TopicKey names the topic within its cohort ("general", "announcements", "module:12", "group:5"),
-- so a topic made lazily is made once. Kind: General, Announcements, Module, Group. A group's topic is that group's
-- private space (StudyGroupId set).
CREATE TABLE DiscussionTopics (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    TopicKey NVARCHAR(64) NOT NULL,
    Kind NVARCHAR(64) NOT NULL,
    ModuleId INT NULL REFERENCES MaterialModules(Id),
    StudyGroupId INT NULL REFERENCES StudyGroups(Id),
    Title NVARCHAR(300) NOT NULL,
    Position INT NOT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    UNIQUE (CohortId, TopicKey)
);

CREATE TABLE DiscussionThreads (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    TopicId INT NOT NULL REFERENCES DiscussionTopics(Id),
    AuthorUserId INT NOT NULL REFERENCES Users(Id),
    Title NVARCHAR(300) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    LastPostId INT NOT NULL DEFAULT 0,
    LastPostUtc DATETIME2 NOT NULL,
    PostCount INT NOT NULL DEFAULT 0,
    IsLocked BIT NOT NULL DEFAULT 0,
    IsPinned BIT NOT NULL DEFAULT 0,
    AnswerPostId INT NULL,
    AuthorErased BIT NOT NULL DEFAULT 0
);
CREATE INDEX IX_DiscussionThreads_Topic ON DiscussionThreads (TopicId, IsPinned, LastPostUtc);

-- Every post of a thread, its opening post first. A deleted post keeps its row ("deleted by its author"); a hidden one
-- keeps its text for moderators, with the reason its author is shown. AuthorErased: the author's data was erased.
CREATE TABLE DiscussionPosts (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ThreadId INT NOT NULL REFERENCES DiscussionThreads(Id),
    AuthorUserId INT NOT NULL REFERENCES Users(Id),
    Body NVARCHAR(MAX) NOT NULL,
    QuotedPostId INT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    EditedUtc DATETIME2 NULL,
    EditedByUserId INT NULL,
    DeletedUtc DATETIME2 NULL,
    HiddenUtc DATETIME2 NULL,
    HiddenByUserId INT NULL,
    HiddenReason NVARCHAR(1000) NULL,
    HelpfulCount INT NOT NULL DEFAULT 0,
    AuthorErased BIT NOT NULL DEFAULT 0
);
CREATE INDEX IX_DiscussionPosts_Thread ON DiscussionPosts (ThreadId, Id);
-- The rate limit counts a person's posts of the last minute.
CREATE INDEX IX_DiscussionPosts_Author ON DiscussionPosts (AuthorUserId, CreatedUtc);

-- The text a post had before each edit, for moderators.
CREATE TABLE DiscussionPostEdits (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    PostId INT NOT NULL REFERENCES DiscussionPosts(Id),
    PreviousBody NVARCHAR(MAX) NOT NULL,
    EditedUtc DATETIME2 NOT NULL,
    EditedByUserId INT NOT NULL
);
CREATE INDEX IX_DiscussionPostEdits_Post ON DiscussionPostEdits (PostId, Id);

CREATE TABLE DiscussionHelpfulMarks (
    PostId INT NOT NULL REFERENCES DiscussionPosts(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (PostId, UserId)
);

-- How far each person has read each thread: the highest post id they have seen.
CREATE TABLE DiscussionReadMarkers (
    ThreadId INT NOT NULL REFERENCES DiscussionThreads(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    LastReadPostId INT NOT NULL,
    PRIMARY KEY (UserId, ThreadId)
);

CREATE TABLE DiscussionReports (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    PostId INT NOT NULL REFERENCES DiscussionPosts(Id),
    ReporterUserId INT NOT NULL REFERENCES Users(Id),
    Reason NVARCHAR(1000) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    ResolvedUtc DATETIME2 NULL,
    ResolvedByUserId INT NULL,
    Resolution NVARCHAR(1000) NULL
);
CREATE INDEX IX_DiscussionReports_Post ON DiscussionReports (PostId, ResolvedUtc);

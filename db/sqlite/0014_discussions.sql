-- Issue 21: cohort discussions and study groups.

-- A cohort's study groups; a candidate is in at most one group of a cohort.
CREATE TABLE StudyGroups (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    Name TEXT NOT NULL,
    Position INTEGER NOT NULL,
    CreatedUtc TEXT NOT NULL
);
CREATE INDEX IX_StudyGroups_Cohort ON StudyGroups (CohortId, Position);

CREATE TABLE StudyGroupMembers (
    GroupId INTEGER NOT NULL REFERENCES StudyGroups(Id),
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (GroupId, UserId),
    UNIQUE (CohortId, UserId)
);

-- A cohort's topics. TopicKey names the topic within its cohort ("general", "announcements", "module:12", "group:5"),
-- so a topic made lazily is made once. Kind: General, Announcements, Module, Group. A group's topic is that group's
-- private space (StudyGroupId set).
CREATE TABLE DiscussionTopics (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    TopicKey TEXT NOT NULL,
    Kind TEXT NOT NULL,
    ModuleId INTEGER NULL REFERENCES MaterialModules(Id),
    StudyGroupId INTEGER NULL REFERENCES StudyGroups(Id),
    Title TEXT NOT NULL,
    Position INTEGER NOT NULL,
    CreatedUtc TEXT NOT NULL,
    UNIQUE (CohortId, TopicKey)
);

CREATE TABLE DiscussionThreads (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    TopicId INTEGER NOT NULL REFERENCES DiscussionTopics(Id),
    AuthorUserId INTEGER NOT NULL REFERENCES Users(Id),
    Title TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL,
    LastPostId INTEGER NOT NULL DEFAULT 0,
    LastPostUtc TEXT NOT NULL,
    PostCount INTEGER NOT NULL DEFAULT 0,
    IsLocked INTEGER NOT NULL DEFAULT 0,
    IsPinned INTEGER NOT NULL DEFAULT 0,
    AnswerPostId INTEGER NULL,
    AuthorErased INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_DiscussionThreads_Topic ON DiscussionThreads (TopicId, IsPinned, LastPostUtc);

-- Every post of a thread, its opening post first. A deleted post keeps its row ("deleted by its author"); a hidden one
-- keeps its text for moderators, with the reason its author is shown. AuthorErased: the author's data was erased.
CREATE TABLE DiscussionPosts (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId INTEGER NOT NULL REFERENCES DiscussionThreads(Id),
    AuthorUserId INTEGER NOT NULL REFERENCES Users(Id),
    Body TEXT NOT NULL,
    QuotedPostId INTEGER NULL,
    CreatedUtc TEXT NOT NULL,
    EditedUtc TEXT NULL,
    EditedByUserId INTEGER NULL,
    DeletedUtc TEXT NULL,
    HiddenUtc TEXT NULL,
    HiddenByUserId INTEGER NULL,
    HiddenReason TEXT NULL,
    HelpfulCount INTEGER NOT NULL DEFAULT 0,
    AuthorErased INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_DiscussionPosts_Thread ON DiscussionPosts (ThreadId, Id);
-- The rate limit counts a person's posts of the last minute.
CREATE INDEX IX_DiscussionPosts_Author ON DiscussionPosts (AuthorUserId, CreatedUtc);

-- The text a post had before each edit, for moderators.
CREATE TABLE DiscussionPostEdits (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    PostId INTEGER NOT NULL REFERENCES DiscussionPosts(Id),
    PreviousBody TEXT NOT NULL,
    EditedUtc TEXT NOT NULL,
    EditedByUserId INTEGER NOT NULL
);
CREATE INDEX IX_DiscussionPostEdits_Post ON DiscussionPostEdits (PostId, Id);

CREATE TABLE DiscussionHelpfulMarks (
    PostId INTEGER NOT NULL REFERENCES DiscussionPosts(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (PostId, UserId)
);

-- How far each person has read each thread: the highest post id they have seen.
CREATE TABLE DiscussionReadMarkers (
    ThreadId INTEGER NOT NULL REFERENCES DiscussionThreads(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    LastReadPostId INTEGER NOT NULL,
    PRIMARY KEY (UserId, ThreadId)
);

CREATE TABLE DiscussionReports (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    PostId INTEGER NOT NULL REFERENCES DiscussionPosts(Id),
    ReporterUserId INTEGER NOT NULL REFERENCES Users(Id),
    Reason TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL,
    ResolvedUtc TEXT NULL,
    ResolvedByUserId INTEGER NULL,
    Resolution TEXT NULL
);
CREATE INDEX IX_DiscussionReports_Post ON DiscussionReports (PostId, ResolvedUtc);

-- Issue 21: topics of a course-wide space. A topic belongs to one cohort's space (CohortId) or to one course's
-- course-wide space (CourseId), never both and never neither. SQLite cannot make CohortId nullable in place, so the table
-- is rebuilt under the same name, keeping every row's id, its AUTOINCREMENT sequence and its unique key per cohort, with
-- a second unique key per course. Foreign keys are deferred to the end of this script's transaction: dropping the old
-- table leaves DiscussionThreads' rows briefly without their topic, and putting the same ids back resolves them before
-- the commit (with foreign keys off, as DbUp's own connection usually has them, nothing is checked at all).
PRAGMA defer_foreign_keys = ON;

CREATE TABLE DiscussionTopicsOld AS SELECT * FROM DiscussionTopics;
CREATE TABLE DiscussionTopicsSequence AS SELECT seq FROM sqlite_sequence WHERE name = 'DiscussionTopics';

DROP TABLE DiscussionTopics;

CREATE TABLE DiscussionTopics (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NULL REFERENCES Cohorts(Id),
    CourseId INTEGER NULL REFERENCES Courses(Id),
    TopicKey TEXT NOT NULL,
    Kind TEXT NOT NULL,
    ModuleId INTEGER NULL REFERENCES MaterialModules(Id),
    StudyGroupId INTEGER NULL REFERENCES StudyGroups(Id),
    Title TEXT NOT NULL,
    Position INTEGER NOT NULL,
    CreatedUtc TEXT NOT NULL,
    CHECK ((CohortId IS NULL) <> (CourseId IS NULL)),
    UNIQUE (CohortId, TopicKey),
    UNIQUE (CourseId, TopicKey)
);

INSERT INTO DiscussionTopics (Id, CohortId, CourseId, TopicKey, Kind, ModuleId, StudyGroupId, Title, Position, CreatedUtc)
SELECT Id, CohortId, NULL, TopicKey, Kind, ModuleId, StudyGroupId, Title, Position, CreatedUtc FROM DiscussionTopicsOld ORDER BY Id;

INSERT INTO sqlite_sequence (name, seq)
SELECT 'DiscussionTopics', s.seq FROM DiscussionTopicsSequence s
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'DiscussionTopics');
UPDATE sqlite_sequence SET seq = (SELECT s.seq FROM DiscussionTopicsSequence s)
WHERE name = 'DiscussionTopics' AND seq < (SELECT s.seq FROM DiscussionTopicsSequence s);

DROP TABLE DiscussionTopicsOld;
DROP TABLE DiscussionTopicsSequence;

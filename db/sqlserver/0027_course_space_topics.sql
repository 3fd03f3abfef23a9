-- Issue 21: topics of a course-wide space. A topic belongs to one cohort's space (CohortId) or to one course's
-- course-wide space (CourseId), never both and never neither. The unique key per cohort becomes a filtered unique index
-- (SQL Server's UNIQUE would count the course topics' NULL cohorts as equal), with a second one per course.
DECLARE @unique sysname = (SELECT kc.name FROM sys.key_constraints kc WHERE kc.parent_object_id = OBJECT_ID(N'DiscussionTopics') AND kc.type = 'UQ');
DECLARE @drop nvarchar(400) = N'ALTER TABLE DiscussionTopics DROP CONSTRAINT ' + QUOTENAME(@unique);
IF @unique IS NOT NULL
    EXEC sp_executesql @drop;
GO

ALTER TABLE DiscussionTopics ALTER COLUMN CohortId INT NULL;
ALTER TABLE DiscussionTopics ADD CourseId INT NULL REFERENCES Courses(Id);
GO

ALTER TABLE DiscussionTopics ADD CONSTRAINT CK_DiscussionTopics_OneSpace CHECK ((CohortId IS NULL AND CourseId IS NOT NULL) OR (CohortId IS NOT NULL AND CourseId IS NULL));
CREATE UNIQUE INDEX UX_DiscussionTopics_Cohort ON DiscussionTopics (CohortId, TopicKey) WHERE CohortId IS NOT NULL;
CREATE UNIQUE INDEX UX_DiscussionTopics_Course ON DiscussionTopics (CourseId, TopicKey) WHERE CourseId IS NOT NULL;
GO

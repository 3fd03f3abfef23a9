-- Issue 23: the provider's completion report sorted by school lists the candidates with no school first (ascending) or
-- last (descending). Its walk found them among every user with no school, the provider's staff included, so the page
-- grew with the number of mentors and admins. Each enrolment's sort-key row (0045) now also copies its candidate's
-- school, and a filtered index holds the rows whose candidate has none: the walk reads those candidates alone, in the
-- report's order. The triggers of 0045 that write the candidate's name write the school too.
ALTER TABLE EnrolmentSortKeys ADD CandidateSchoolId INT NULL;
GO

UPDATE k SET CandidateSchoolId = u.SchoolId
FROM EnrolmentSortKeys k
JOIN Users u ON u.Id = k.CandidateUserId;

-- The provider's candidates with no school in the report's order (name, candidate, enrolment).
CREATE INDEX IX_EnrolmentSortKeys_NoSchool ON EnrolmentSortKeys (ProviderId, CandidateSchoolId, CandidateName, CandidateUserId, EnrolmentId)
WHERE CandidateSchoolId IS NULL;
GO

ALTER TRIGGER TR_Enrolments_SortKeys ON Enrolments AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM EnrolmentSortKeys WHERE EnrolmentId IN (SELECT Id FROM deleted) AND EnrolmentId NOT IN (SELECT Id FROM inserted);
    IF EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(CohortId) OR UPDATE(CandidateUserId)) RETURN;
    UPDATE k
    SET ProviderId = co.ProviderId, CandidateUserId = i.CandidateUserId, CandidateName = u.DisplayName, CandidateSchoolId = u.SchoolId,
        SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    FROM EnrolmentSortKeys k
    JOIN inserted i ON i.Id = k.EnrolmentId
    JOIN deleted d ON d.Id = i.Id
    JOIN Cohorts ch ON ch.Id = i.CohortId
    JOIN Courses co ON co.Id = ch.CourseId
    JOIN Users u ON u.Id = i.CandidateUserId
    WHERE d.CohortId <> i.CohortId OR d.CandidateUserId <> i.CandidateUserId;
    INSERT INTO EnrolmentSortKeys (EnrolmentId, ProviderId, CandidateUserId, CandidateName, CandidateSchoolId)
    SELECT i.Id, co.ProviderId, i.CandidateUserId, u.DisplayName, u.SchoolId
    FROM inserted i
    JOIN Cohorts ch ON ch.Id = i.CohortId
    JOIN Courses co ON co.Id = ch.CourseId
    JOIN Users u ON u.Id = i.CandidateUserId
    WHERE NOT EXISTS (SELECT 1 FROM deleted d WHERE d.Id = i.Id);
END;
GO

-- A candidate renamed, or their school changed (or cleared): the walks follow.
ALTER TRIGGER TR_Users_SortKeys ON Users AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(DisplayName) OR UPDATE(SchoolId)) RETURN;
    UPDATE k SET CandidateName = i.DisplayName, CandidateSchoolId = i.SchoolId
    FROM EnrolmentSortKeys k
    JOIN Enrolments e ON e.Id = k.EnrolmentId
    JOIN inserted i ON i.Id = e.CandidateUserId
    WHERE k.CandidateName <> i.DisplayName COLLATE Latin1_General_BIN2
       OR NOT EXISTS (SELECT k.CandidateSchoolId INTERSECT SELECT i.SchoolId);
END;
GO

-- Issue 23: the provider's completion report sorted by school lists the candidates with no school first (ascending) or
-- last (descending). Its walk found them among every user with no school, the provider's staff included, so the page
-- grew with the number of mentors and admins. Each enrolment's sort-key row (0045) now also copies its candidate's
-- school, and a partial index holds the rows whose candidate has none: the walk reads those candidates alone, in the
-- report's order. The triggers of 0045 that write the candidate's name write the school too, and a new one follows a
-- candidate's change of school.
ALTER TABLE EnrolmentSortKeys ADD COLUMN CandidateSchoolId INTEGER NULL;

UPDATE EnrolmentSortKeys SET CandidateSchoolId = (SELECT SchoolId FROM Users WHERE Id = EnrolmentSortKeys.CandidateUserId);

-- The provider's candidates with no school in the report's order (name, candidate, enrolment). The school's column,
-- NULL on every row, is the walk's sort key (ISqlDialect.NoKey): SQLite then reads the rows in the index's order.
CREATE INDEX IX_EnrolmentSortKeys_NoSchool ON EnrolmentSortKeys (ProviderId, CandidateSchoolId, CandidateName, CandidateUserId, EnrolmentId)
WHERE CandidateSchoolId IS NULL;

DROP TRIGGER TR_Enrolments_SortKeys_Insert;
CREATE TRIGGER TR_Enrolments_SortKeys_Insert AFTER INSERT ON Enrolments
BEGIN
    INSERT INTO EnrolmentSortKeys (EnrolmentId, ProviderId, CandidateUserId, CandidateName, CandidateSchoolId)
    SELECT NEW.Id, co.ProviderId, NEW.CandidateUserId, u.DisplayName, u.SchoolId
    FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId JOIN Users u ON u.Id = NEW.CandidateUserId
    WHERE ch.Id = NEW.CohortId;
END;

DROP TRIGGER TR_Enrolments_SortKeys_Update;
CREATE TRIGGER TR_Enrolments_SortKeys_Update AFTER UPDATE OF CohortId, CandidateUserId ON Enrolments
WHEN OLD.CohortId <> NEW.CohortId OR OLD.CandidateUserId <> NEW.CandidateUserId
BEGIN
    UPDATE EnrolmentSortKeys
    SET ProviderId = (SELECT co.ProviderId FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE ch.Id = NEW.CohortId),
        CandidateUserId = NEW.CandidateUserId,
        CandidateName = (SELECT DisplayName FROM Users WHERE Id = NEW.CandidateUserId),
        CandidateSchoolId = (SELECT SchoolId FROM Users WHERE Id = NEW.CandidateUserId),
        SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    WHERE EnrolmentId = NEW.Id;
END;

-- A candidate's school changed (or cleared): the walk of those with none follows.
CREATE TRIGGER TR_Users_SortKeys_School AFTER UPDATE OF SchoolId ON Users
WHEN OLD.SchoolId IS NOT NEW.SchoolId
BEGIN
    UPDATE EnrolmentSortKeys SET CandidateSchoolId = NEW.SchoolId
    WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.Id);
END;

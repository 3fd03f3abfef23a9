-- Issue 23: the provider's completion report sorted by a figure (attendance, coverage, tasks submitted, rating,
-- materials) finds its page by walking an index in that figure's order and stopping after the page, instead of
-- reading and sorting every enrolment of the provider. One row per enrolment, always present (inserted with the
-- enrolment): the provider, the candidate (id and name, the report's tie-breaks) and, when the figures job has stored
-- the enrolment's figures, the parts of each sort key. The keys are generated columns written as the report's own
-- expressions over the same integers, so a stored key is exactly the value the report sorts by (same rounding, same
-- ties); each has a negated twin, so the descending order (the figure descending, then the name ascending) is an
-- ascending walk too.
-- The parts are NULL while the enrolment's figures are not stored: the trigger on EnrolmentFigures clears them
-- whenever a stored row goes (every write that changes a figure deletes it, see 0034), and the figures job writes
-- them with the figures (EnrolmentFiguresRepository.StoreAsync). ValidUntilUtc is the stored row's. The report
-- computes the rows with no parts, or past ValidUntilUtc, live and merges them into the walked order.
-- Derived data: no foreign key. A migration that rebuilds Enrolments, Cohorts, Courses, Users or EnrolmentFigures
-- must create the triggers below again.
CREATE TABLE EnrolmentSortKeys (
    EnrolmentId INTEGER NOT NULL PRIMARY KEY,
    ProviderId INTEGER NOT NULL,
    CandidateUserId INTEGER NOT NULL,
    CandidateName TEXT NOT NULL,
    SessionsCounted INTEGER NULL,
    SessionsAttended INTEGER NULL,
    StatementsCovered INTEGER NULL,
    StatementsTotal INTEGER NULL,
    TasksSubmitted INTEGER NULL,
    LatestRatingSum INTEGER NULL,
    MaterialsCompleted INTEGER NULL,
    MaterialsTotal INTEGER NULL,
    ValidUntilUtc TEXT NULL,
    AttendanceKey AS (CASE WHEN SessionsCounted = 0 THEN -1 ELSE SessionsAttended * 100 / SessionsCounted END),
    AttendanceKeyDesc AS (-(CASE WHEN SessionsCounted = 0 THEN -1 ELSE SessionsAttended * 100 / SessionsCounted END)),
    CoverageKey AS (CASE WHEN StatementsTotal = 0 THEN -1.0 ELSE StatementsCovered * 1.0 / StatementsTotal END),
    CoverageKeyDesc AS (-(CASE WHEN StatementsTotal = 0 THEN -1.0 ELSE StatementsCovered * 1.0 / StatementsTotal END)),
    SubmittedKeyDesc AS (-TasksSubmitted),
    RatingKeyDesc AS (-LatestRatingSum),
    MaterialsKey AS (CASE WHEN MaterialsTotal = 0 THEN -1.0 ELSE MaterialsCompleted * 1.0 / MaterialsTotal END),
    MaterialsKeyDesc AS (-(CASE WHEN MaterialsTotal = 0 THEN -1.0 ELSE MaterialsCompleted * 1.0 / MaterialsTotal END))
) WITHOUT ROWID;

-- One walk per figure and direction: the provider's rows in the report's order, with all the walk reads of them.
CREATE INDEX IX_EnrolmentSortKeys_Attendance ON EnrolmentSortKeys (ProviderId, AttendanceKey, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_AttendanceDesc ON EnrolmentSortKeys (ProviderId, AttendanceKeyDesc, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Coverage ON EnrolmentSortKeys (ProviderId, CoverageKey, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_CoverageDesc ON EnrolmentSortKeys (ProviderId, CoverageKeyDesc, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Submitted ON EnrolmentSortKeys (ProviderId, TasksSubmitted, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_SubmittedDesc ON EnrolmentSortKeys (ProviderId, SubmittedKeyDesc, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Rating ON EnrolmentSortKeys (ProviderId, LatestRatingSum, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_RatingDesc ON EnrolmentSortKeys (ProviderId, RatingKeyDesc, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Materials ON EnrolmentSortKeys (ProviderId, MaterialsKey, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_MaterialsDesc ON EnrolmentSortKeys (ProviderId, MaterialsKeyDesc, CandidateName, CandidateUserId, EnrolmentId, ValidUntilUtc);
-- The rows computed live: those not stored are found at the head of the attendance walk (its key is NULL exactly
-- when the parts are), those past their moment here.
CREATE INDEX IX_EnrolmentSortKeys_Expiring ON EnrolmentSortKeys (ProviderId, ValidUntilUtc);

-- Every enrolment, its parts empty: the figures job stores them (it picks the enrolments whose keys are not stored).
INSERT INTO EnrolmentSortKeys (EnrolmentId, ProviderId, CandidateUserId, CandidateName)
SELECT e.Id, co.ProviderId, e.CandidateUserId, u.DisplayName
FROM Enrolments e
JOIN Cohorts ch ON ch.Id = e.CohortId
JOIN Courses co ON co.Id = ch.CourseId
JOIN Users u ON u.Id = e.CandidateUserId;

CREATE TRIGGER TR_Enrolments_SortKeys_Insert AFTER INSERT ON Enrolments
BEGIN
    INSERT INTO EnrolmentSortKeys (EnrolmentId, ProviderId, CandidateUserId, CandidateName)
    SELECT NEW.Id, co.ProviderId, NEW.CandidateUserId, u.DisplayName
    FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId JOIN Users u ON u.Id = NEW.CandidateUserId
    WHERE ch.Id = NEW.CohortId;
END;

CREATE TRIGGER TR_Enrolments_SortKeys_Update AFTER UPDATE OF CohortId, CandidateUserId ON Enrolments
WHEN OLD.CohortId <> NEW.CohortId OR OLD.CandidateUserId <> NEW.CandidateUserId
BEGIN
    UPDATE EnrolmentSortKeys
    SET ProviderId = (SELECT co.ProviderId FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE ch.Id = NEW.CohortId),
        CandidateUserId = NEW.CandidateUserId,
        CandidateName = (SELECT DisplayName FROM Users WHERE Id = NEW.CandidateUserId),
        SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    WHERE EnrolmentId = NEW.Id;
END;

CREATE TRIGGER TR_Enrolments_SortKeys_Delete AFTER DELETE ON Enrolments
BEGIN
    DELETE FROM EnrolmentSortKeys WHERE EnrolmentId = OLD.Id;
END;

CREATE TRIGGER TR_Cohorts_SortKeys_Update AFTER UPDATE OF CourseId ON Cohorts
WHEN OLD.CourseId <> NEW.CourseId
BEGIN
    UPDATE EnrolmentSortKeys
    SET ProviderId = (SELECT ProviderId FROM Courses WHERE Id = NEW.CourseId)
    WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.Id);
END;

CREATE TRIGGER TR_Courses_SortKeys_Update AFTER UPDATE OF ProviderId ON Courses
WHEN OLD.ProviderId <> NEW.ProviderId
BEGIN
    UPDATE EnrolmentSortKeys
    SET ProviderId = NEW.ProviderId
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = NEW.Id);
END;

-- A candidate renamed: the name the walks break ties by follows.
CREATE TRIGGER TR_Users_SortKeys_Update AFTER UPDATE OF DisplayName ON Users
WHEN OLD.DisplayName IS NOT NEW.DisplayName
BEGIN
    UPDATE EnrolmentSortKeys SET CandidateName = NEW.DisplayName
    WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.Id);
END;

-- A stored row gone (a figure changed, or the job claimed it): its keys are no longer known.
CREATE TRIGGER TR_EnrolmentFigures_SortKeys_Delete AFTER DELETE ON EnrolmentFigures
BEGIN
    UPDATE EnrolmentSortKeys
    SET SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    WHERE EnrolmentId = OLD.EnrolmentId;
END;

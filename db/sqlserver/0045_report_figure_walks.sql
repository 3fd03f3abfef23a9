-- Issue 23: the provider's completion report sorted by a figure (attendance, coverage, tasks submitted, rating,
-- materials) finds its page by walking an index in that figure's order and stopping after the page, instead of
-- reading and sorting every enrolment of the provider. One row per enrolment, always present (inserted with the
-- enrolment): the provider, the candidate (id and name, the report's tie-breaks) and, when the figures job has stored
-- the enrolment's figures, the parts of each sort key. The keys are computed columns written as the report's own
-- expressions over the same INT columns, so a stored key has the type and value the report sorts by (same rounding,
-- same ties); each has a negated twin, so the descending order (the figure descending, then the name ascending) is an
-- ascending walk too. CandidateName has Users.DisplayName's type and the database's collation, as the name it copies.
-- The parts are NULL while the enrolment's figures are not stored: the trigger on EnrolmentFigures clears them
-- whenever a stored row goes (every write that changes a figure deletes it, see 0034), and the figures job writes
-- them with the figures (EnrolmentFiguresRepository.StoreAsync). ValidUntilUtc is the stored row's. The report
-- computes the rows with no parts, or past ValidUntilUtc, live and merges them into the walked order.
-- Derived data: no foreign key. The triggers set NOCOUNT, so the rows a statement reports as changed are its own.
CREATE TABLE EnrolmentSortKeys (
    EnrolmentId INT NOT NULL CONSTRAINT PK_EnrolmentSortKeys PRIMARY KEY,
    ProviderId INT NOT NULL,
    CandidateUserId INT NOT NULL,
    CandidateName NVARCHAR(200) NOT NULL,
    SessionsCounted INT NULL,
    SessionsAttended INT NULL,
    StatementsCovered INT NULL,
    StatementsTotal INT NULL,
    TasksSubmitted INT NULL,
    LatestRatingSum INT NULL,
    MaterialsCompleted INT NULL,
    MaterialsTotal INT NULL,
    ValidUntilUtc DATETIME2 NULL,
    AttendanceKey AS (CASE WHEN SessionsCounted = 0 THEN -1 ELSE SessionsAttended * 100 / SessionsCounted END) PERSISTED,
    AttendanceKeyDesc AS (-(CASE WHEN SessionsCounted = 0 THEN -1 ELSE SessionsAttended * 100 / SessionsCounted END)) PERSISTED,
    CoverageKey AS (CASE WHEN StatementsTotal = 0 THEN -1.0 ELSE StatementsCovered * 1.0 / StatementsTotal END) PERSISTED,
    CoverageKeyDesc AS (-(CASE WHEN StatementsTotal = 0 THEN -1.0 ELSE StatementsCovered * 1.0 / StatementsTotal END)) PERSISTED,
    SubmittedKeyDesc AS (-TasksSubmitted) PERSISTED,
    RatingKeyDesc AS (-LatestRatingSum) PERSISTED,
    MaterialsKey AS (CASE WHEN MaterialsTotal = 0 THEN -1.0 ELSE MaterialsCompleted * 1.0 / MaterialsTotal END) PERSISTED,
    MaterialsKeyDesc AS (-(CASE WHEN MaterialsTotal = 0 THEN -1.0 ELSE MaterialsCompleted * 1.0 / MaterialsTotal END)) PERSISTED
);

-- One walk per figure and direction: the provider's rows in the report's order, with all the walk reads of them.
CREATE INDEX IX_EnrolmentSortKeys_Attendance ON EnrolmentSortKeys (ProviderId, AttendanceKey, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_AttendanceDesc ON EnrolmentSortKeys (ProviderId, AttendanceKeyDesc, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Coverage ON EnrolmentSortKeys (ProviderId, CoverageKey, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_CoverageDesc ON EnrolmentSortKeys (ProviderId, CoverageKeyDesc, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Submitted ON EnrolmentSortKeys (ProviderId, TasksSubmitted, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_SubmittedDesc ON EnrolmentSortKeys (ProviderId, SubmittedKeyDesc, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Rating ON EnrolmentSortKeys (ProviderId, LatestRatingSum, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_RatingDesc ON EnrolmentSortKeys (ProviderId, RatingKeyDesc, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_Materials ON EnrolmentSortKeys (ProviderId, MaterialsKey, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
CREATE INDEX IX_EnrolmentSortKeys_MaterialsDesc ON EnrolmentSortKeys (ProviderId, MaterialsKeyDesc, CandidateName, CandidateUserId, EnrolmentId) INCLUDE (ValidUntilUtc);
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
GO

CREATE TRIGGER TR_Enrolments_SortKeys ON Enrolments AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM EnrolmentSortKeys WHERE EnrolmentId IN (SELECT Id FROM deleted) AND EnrolmentId NOT IN (SELECT Id FROM inserted);
    IF EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(CohortId) OR UPDATE(CandidateUserId)) RETURN;
    UPDATE k
    SET ProviderId = co.ProviderId, CandidateUserId = i.CandidateUserId, CandidateName = u.DisplayName,
        SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    FROM EnrolmentSortKeys k
    JOIN inserted i ON i.Id = k.EnrolmentId
    JOIN deleted d ON d.Id = i.Id
    JOIN Cohorts ch ON ch.Id = i.CohortId
    JOIN Courses co ON co.Id = ch.CourseId
    JOIN Users u ON u.Id = i.CandidateUserId
    WHERE d.CohortId <> i.CohortId OR d.CandidateUserId <> i.CandidateUserId;
    INSERT INTO EnrolmentSortKeys (EnrolmentId, ProviderId, CandidateUserId, CandidateName)
    SELECT i.Id, co.ProviderId, i.CandidateUserId, u.DisplayName
    FROM inserted i
    JOIN Cohorts ch ON ch.Id = i.CohortId
    JOIN Courses co ON co.Id = ch.CourseId
    JOIN Users u ON u.Id = i.CandidateUserId
    WHERE NOT EXISTS (SELECT 1 FROM deleted d WHERE d.Id = i.Id);
END;
GO

CREATE TRIGGER TR_Cohorts_SortKeys ON Cohorts AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(CourseId) RETURN;
    UPDATE k SET ProviderId = co.ProviderId
    FROM EnrolmentSortKeys k
    JOIN Enrolments e ON e.Id = k.EnrolmentId
    JOIN inserted i ON i.Id = e.CohortId
    JOIN Courses co ON co.Id = i.CourseId
    WHERE k.ProviderId <> co.ProviderId;
END;
GO

CREATE TRIGGER TR_Courses_SortKeys ON Courses AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(ProviderId) RETURN;
    UPDATE k SET ProviderId = i.ProviderId
    FROM EnrolmentSortKeys k
    JOIN Enrolments e ON e.Id = k.EnrolmentId
    JOIN Cohorts ch ON ch.Id = e.CohortId
    JOIN inserted i ON i.Id = ch.CourseId
    WHERE k.ProviderId <> i.ProviderId;
END;
GO

-- A candidate renamed: the name the walks break ties by follows.
CREATE TRIGGER TR_Users_SortKeys ON Users AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(DisplayName) RETURN;
    UPDATE k SET CandidateName = i.DisplayName
    FROM EnrolmentSortKeys k
    JOIN Enrolments e ON e.Id = k.EnrolmentId
    JOIN inserted i ON i.Id = e.CandidateUserId
    WHERE k.CandidateName <> i.DisplayName COLLATE Latin1_General_BIN2;
END;
GO

-- A stored row gone (a figure changed, or the job claimed it): its keys are no longer known.
CREATE TRIGGER TR_EnrolmentFigures_SortKeys ON EnrolmentFigures AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE EnrolmentSortKeys
    SET SessionsCounted = NULL, SessionsAttended = NULL, StatementsCovered = NULL, StatementsTotal = NULL, TasksSubmitted = NULL,
        LatestRatingSum = NULL, MaterialsCompleted = NULL, MaterialsTotal = NULL, ValidUntilUtc = NULL
    WHERE EnrolmentId IN (SELECT EnrolmentId FROM deleted);
END;
GO

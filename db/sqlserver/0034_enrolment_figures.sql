-- Issue 23: the completion report's figures kept per enrolment (attendance, coverage, tasks, ratings, materials), so
-- that a page of the report reads 25 stored rows instead of aggregating every figure live. A row is only a cache:
-- the report uses it when it is present, not claimed and not past ValidUntilUtc (the next moment time alone changes
-- it: a session of the cohort ending, an unsubmitted task's due date passing in the cohort's zone; NULL when none),
-- and computes every other row live. Every write that changes a figure DELETES the affected rows, by the triggers
-- below, so no code path can forget; the figures job (EnrolmentFiguresJob) fills absent and expired rows again.
-- Claim: set by the job while it computes a row (the row then reads as absent); the job's write lands only if the
-- claim is still there, so a write that deleted the row meanwhile is never overwritten with figures from before it.
-- Derived data: no foreign key, so nothing it names is kept from being deleted. A migration that rebuilds one of the
-- tables below must create its triggers again.
-- The triggers set NOCOUNT, so the rows a statement reports as changed (which the optimistic-concurrency checks read)
-- are still only its own. Their deletes hold their key locks (HOLDLOCK) until the writer commits: the job's claim of
-- a row a writer is changing waits for that writer, and so reads what it wrote.
CREATE TABLE EnrolmentFigures (
    EnrolmentId INT NOT NULL CONSTRAINT PK_EnrolmentFigures PRIMARY KEY,
    SessionsCounted INT NOT NULL,
    SessionsAttended INT NOT NULL,
    StatementsCovered INT NOT NULL,
    TasksSet INT NOT NULL,
    TasksSubmitted INT NOT NULL,
    TasksOnTime INT NOT NULL,
    TasksOverdue INT NOT NULL,
    FinalSubmitted INT NOT NULL,
    LatestRating INT NULL,
    LatestRatingSum INT NOT NULL,
    PreviousRatingSum INT NOT NULL,
    MaterialsCompleted INT NOT NULL,
    MaterialsTotal INT NOT NULL,
    ValidUntilUtc DATETIME2 NULL,
    Claim BIGINT NULL
);
GO

CREATE TRIGGER TR_WebinarSessions_Figures ON WebinarSessions AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(CohortId) OR UPDATE(StartUtc) OR UPDATE(DurationMinutes) OR UPDATE(Status)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CohortId IN (SELECT CohortId FROM inserted UNION SELECT CohortId FROM deleted));
END;
GO

CREATE TRIGGER TR_AttendanceSegments_Figures ON AttendanceSegments AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(SessionId) OR UPDATE(UserId) OR UPDATE(JoinUtc) OR UPDATE(LeaveUtc)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT UserId FROM inserted UNION SELECT UserId FROM deleted));
END;
GO

CREATE TRIGGER TR_AttendanceMarks_Figures ON AttendanceMarks AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(SessionId) OR UPDATE(UserId) OR UPDATE(Mark)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT UserId FROM inserted UNION SELECT UserId FROM deleted));
END;
GO

CREATE TRIGGER TR_Cohorts_Figures ON Cohorts AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(AttendanceThresholdPercent) OR UPDATE(TimeZone) OR UPDATE(CourseId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CohortId IN (SELECT Id FROM inserted UNION SELECT Id FROM deleted));
END;
GO

CREATE TRIGGER TR_EvidenceItems_Figures ON EvidenceItems AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(IsDraft) OR UPDATE(CandidateUserId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT rr.CandidateUserId FROM (SELECT r.* FROM inserted r WHERE r.IsDraft = 0 AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE i.Id = r.Id) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE i.Id = r.Id AND (i.IsDraft <> d.IsDraft OR i.CandidateUserId <> d.CandidateUserId)))) rr UNION SELECT rr.CandidateUserId FROM (SELECT r.* FROM deleted r WHERE r.IsDraft = 0 AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE d.Id = r.Id) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE d.Id = r.Id AND (i.IsDraft <> d.IsDraft OR i.CandidateUserId <> d.CandidateUserId)))) rr));
END;
GO

CREATE TRIGGER TR_EvidenceStatements_Figures ON EvidenceStatements AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(EvidenceId) OR UPDATE(StatementId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT ei.CandidateUserId FROM EvidenceItems ei JOIN inserted r ON r.EvidenceId = ei.Id UNION SELECT ei.CandidateUserId FROM EvidenceItems ei JOIN deleted r ON r.EvidenceId = ei.Id));
END;
GO

CREATE TRIGGER TR_Submissions_Figures ON Submissions AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(TaskId) OR UPDATE(CandidateUserId) OR UPDATE(CohortId) OR UPDATE(SubmittedUtc)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT CandidateUserId FROM inserted UNION SELECT CandidateUserId FROM deleted));
END;
GO

CREATE TRIGGER TR_AssessmentTaskDates_Figures ON AssessmentTaskDates AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(TaskId) OR UPDATE(CohortId) OR UPDATE(DueOn)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CohortId IN (SELECT CohortId FROM inserted UNION SELECT CohortId FROM deleted));
END;
GO

CREATE TRIGGER TR_AssessmentTasks_Figures ON AssessmentTasks AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(Kind)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN AssessmentTaskDates td ON td.CohortId = e.CohortId WHERE td.TaskId IN (SELECT Id FROM inserted UNION SELECT Id FROM deleted));
END;
GO

CREATE TRIGGER TR_AssessmentTaskExtensions_Figures ON AssessmentTaskExtensions AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(TaskId) OR UPDATE(CandidateUserId) OR UPDATE(DueOn)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT CandidateUserId FROM inserted UNION SELECT CandidateUserId FROM deleted));
END;
GO

CREATE TRIGGER TR_ProgressUpdates_Figures ON ProgressUpdates AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(CandidateUserId) OR UPDATE(CohortId) OR UPDATE(CreatedUtc)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT CandidateUserId FROM inserted UNION SELECT CandidateUserId FROM deleted));
END;
GO

CREATE TRIGGER TR_ProgressRatings_Figures ON ProgressRatings AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(ProgressUpdateId) OR UPDATE(Rating)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT pu.CandidateUserId FROM ProgressUpdates pu JOIN inserted r ON r.ProgressUpdateId = pu.Id UNION SELECT pu.CandidateUserId FROM ProgressUpdates pu JOIN deleted r ON r.ProgressUpdateId = pu.Id));
END;
GO

CREATE TRIGGER TR_MaterialProgress_Figures ON MaterialProgress AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(IsComplete) OR UPDATE(CandidateUserId) OR UPDATE(ItemId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e WHERE e.CandidateUserId IN (SELECT rr.CandidateUserId FROM (SELECT r.* FROM inserted r WHERE r.IsComplete = 1 AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.CandidateUserId = i.CandidateUserId AND d.ItemId = i.ItemId WHERE i.CandidateUserId = r.CandidateUserId AND i.ItemId = r.ItemId) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.CandidateUserId = i.CandidateUserId AND d.ItemId = i.ItemId WHERE i.CandidateUserId = r.CandidateUserId AND i.ItemId = r.ItemId AND (i.IsComplete <> d.IsComplete OR i.CandidateUserId <> d.CandidateUserId OR i.ItemId <> d.ItemId)))) rr UNION SELECT rr.CandidateUserId FROM (SELECT r.* FROM deleted r WHERE r.IsComplete = 1 AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.CandidateUserId = i.CandidateUserId AND d.ItemId = i.ItemId WHERE d.CandidateUserId = r.CandidateUserId AND d.ItemId = r.ItemId) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.CandidateUserId = i.CandidateUserId AND d.ItemId = i.ItemId WHERE d.CandidateUserId = r.CandidateUserId AND d.ItemId = r.ItemId AND (i.IsComplete <> d.IsComplete OR i.CandidateUserId <> d.CandidateUserId OR i.ItemId <> d.ItemId)))) rr));
END;
GO

CREATE TRIGGER TR_MaterialItems_Figures ON MaterialItems AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(State) OR UPDATE(ModuleId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId IN (SELECT mm.CourseId FROM MaterialModules mm JOIN (SELECT r.* FROM inserted r WHERE r.State = 'Published' AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE i.Id = r.Id) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE i.Id = r.Id AND (i.State <> d.State OR i.ModuleId <> d.ModuleId)))) rr ON rr.ModuleId = mm.Id UNION SELECT mm.CourseId FROM MaterialModules mm JOIN (SELECT r.* FROM deleted r WHERE r.State = 'Published' AND (NOT EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE d.Id = r.Id) OR EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE d.Id = r.Id AND (i.State <> d.State OR i.ModuleId <> d.ModuleId)))) rr ON rr.ModuleId = mm.Id));
END;
GO

CREATE TRIGGER TR_MaterialModules_Figures ON MaterialModules AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(CourseId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId IN (SELECT CourseId FROM inserted UNION SELECT CourseId FROM deleted));
END;
GO

CREATE TRIGGER TR_Enrolments_Figures ON Enrolments AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(CohortId) OR UPDATE(CandidateUserId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (SELECT Id FROM inserted UNION SELECT Id FROM deleted);
END;
GO

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
CREATE TABLE EnrolmentFigures (
    EnrolmentId INTEGER NOT NULL PRIMARY KEY,
    SessionsCounted INTEGER NOT NULL,
    SessionsAttended INTEGER NOT NULL,
    StatementsCovered INTEGER NOT NULL,
    TasksSet INTEGER NOT NULL,
    TasksSubmitted INTEGER NOT NULL,
    TasksOnTime INTEGER NOT NULL,
    TasksOverdue INTEGER NOT NULL,
    FinalSubmitted INTEGER NOT NULL,
    LatestRating INTEGER NULL,
    LatestRatingSum INTEGER NOT NULL,
    PreviousRatingSum INTEGER NOT NULL,
    MaterialsCompleted INTEGER NOT NULL,
    MaterialsTotal INTEGER NOT NULL,
    ValidUntilUtc TEXT NULL,
    Claim INTEGER NULL
) WITHOUT ROWID;

-- WebinarSessions
CREATE TRIGGER TR_WebinarSessions_Figures_Insert AFTER INSERT ON WebinarSessions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.CohortId);
END;

CREATE TRIGGER TR_WebinarSessions_Figures_Delete AFTER DELETE ON WebinarSessions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = OLD.CohortId);
END;

CREATE TRIGGER TR_WebinarSessions_Figures_Update AFTER UPDATE OF CohortId, StartUtc, DurationMinutes, Status ON WebinarSessions
WHEN OLD.CohortId IS NOT NEW.CohortId OR OLD.StartUtc IS NOT NEW.StartUtc OR OLD.DurationMinutes IS NOT NEW.DurationMinutes OR OLD.Status IS NOT NEW.Status
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = OLD.CohortId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.CohortId);
END;

-- AttendanceSegments
CREATE TRIGGER TR_AttendanceSegments_Figures_Insert AFTER INSERT ON AttendanceSegments
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.UserId);
END;

CREATE TRIGGER TR_AttendanceSegments_Figures_Delete AFTER DELETE ON AttendanceSegments
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.UserId);
END;

CREATE TRIGGER TR_AttendanceSegments_Figures_Update AFTER UPDATE OF SessionId, UserId, JoinUtc, LeaveUtc ON AttendanceSegments
WHEN OLD.SessionId IS NOT NEW.SessionId OR OLD.UserId IS NOT NEW.UserId OR OLD.JoinUtc IS NOT NEW.JoinUtc OR OLD.LeaveUtc IS NOT NEW.LeaveUtc
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.UserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.UserId);
END;

-- AttendanceMarks
CREATE TRIGGER TR_AttendanceMarks_Figures_Insert AFTER INSERT ON AttendanceMarks
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.UserId);
END;

CREATE TRIGGER TR_AttendanceMarks_Figures_Delete AFTER DELETE ON AttendanceMarks
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.UserId);
END;

CREATE TRIGGER TR_AttendanceMarks_Figures_Update AFTER UPDATE OF SessionId, UserId, Mark ON AttendanceMarks
WHEN OLD.SessionId IS NOT NEW.SessionId OR OLD.UserId IS NOT NEW.UserId OR OLD.Mark IS NOT NEW.Mark
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.UserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.UserId);
END;

-- Cohorts
CREATE TRIGGER TR_Cohorts_Figures_Update AFTER UPDATE OF AttendanceThresholdPercent, TimeZone, CourseId ON Cohorts
WHEN OLD.AttendanceThresholdPercent IS NOT NEW.AttendanceThresholdPercent OR OLD.TimeZone IS NOT NEW.TimeZone OR OLD.CourseId IS NOT NEW.CourseId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = OLD.Id);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.Id);
END;

-- EvidenceItems
CREATE TRIGGER TR_EvidenceItems_Figures_Insert AFTER INSERT ON EvidenceItems
WHEN NEW.IsDraft = 0
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

CREATE TRIGGER TR_EvidenceItems_Figures_Delete AFTER DELETE ON EvidenceItems
WHEN OLD.IsDraft = 0
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
END;

CREATE TRIGGER TR_EvidenceItems_Figures_Update AFTER UPDATE OF IsDraft, CandidateUserId ON EvidenceItems
WHEN OLD.IsDraft <> NEW.IsDraft OR OLD.CandidateUserId <> NEW.CandidateUserId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

-- EvidenceStatements
CREATE TRIGGER TR_EvidenceStatements_Figures_Insert AFTER INSERT ON EvidenceStatements
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM EvidenceItems WHERE Id = NEW.EvidenceId));
END;

CREATE TRIGGER TR_EvidenceStatements_Figures_Delete AFTER DELETE ON EvidenceStatements
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM EvidenceItems WHERE Id = OLD.EvidenceId));
END;

CREATE TRIGGER TR_EvidenceStatements_Figures_Update AFTER UPDATE OF EvidenceId, StatementId ON EvidenceStatements
WHEN OLD.EvidenceId IS NOT NEW.EvidenceId OR OLD.StatementId IS NOT NEW.StatementId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM EvidenceItems WHERE Id = OLD.EvidenceId));
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM EvidenceItems WHERE Id = NEW.EvidenceId));
END;

-- Submissions
CREATE TRIGGER TR_Submissions_Figures_Insert AFTER INSERT ON Submissions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

CREATE TRIGGER TR_Submissions_Figures_Delete AFTER DELETE ON Submissions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
END;

CREATE TRIGGER TR_Submissions_Figures_Update AFTER UPDATE OF TaskId, CandidateUserId, CohortId, SubmittedUtc ON Submissions
WHEN OLD.TaskId IS NOT NEW.TaskId OR OLD.CandidateUserId IS NOT NEW.CandidateUserId OR OLD.CohortId IS NOT NEW.CohortId OR OLD.SubmittedUtc IS NOT NEW.SubmittedUtc
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

-- AssessmentTaskDates
CREATE TRIGGER TR_AssessmentTaskDates_Figures_Insert AFTER INSERT ON AssessmentTaskDates
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.CohortId);
END;

CREATE TRIGGER TR_AssessmentTaskDates_Figures_Delete AFTER DELETE ON AssessmentTaskDates
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = OLD.CohortId);
END;

CREATE TRIGGER TR_AssessmentTaskDates_Figures_Update AFTER UPDATE OF TaskId, CohortId, DueOn ON AssessmentTaskDates
WHEN OLD.TaskId IS NOT NEW.TaskId OR OLD.CohortId IS NOT NEW.CohortId OR OLD.DueOn IS NOT NEW.DueOn
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = OLD.CohortId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.CohortId);
END;

-- AssessmentTasks
CREATE TRIGGER TR_AssessmentTasks_Figures_Delete AFTER DELETE ON AssessmentTasks
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN AssessmentTaskDates td ON td.CohortId = e.CohortId WHERE td.TaskId = OLD.Id);
END;

CREATE TRIGGER TR_AssessmentTasks_Figures_Update AFTER UPDATE OF Kind ON AssessmentTasks
WHEN OLD.Kind <> NEW.Kind
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN AssessmentTaskDates td ON td.CohortId = e.CohortId WHERE td.TaskId = OLD.Id);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN AssessmentTaskDates td ON td.CohortId = e.CohortId WHERE td.TaskId = NEW.Id);
END;

-- AssessmentTaskExtensions
CREATE TRIGGER TR_AssessmentTaskExtensions_Figures_Insert AFTER INSERT ON AssessmentTaskExtensions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

CREATE TRIGGER TR_AssessmentTaskExtensions_Figures_Delete AFTER DELETE ON AssessmentTaskExtensions
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
END;

CREATE TRIGGER TR_AssessmentTaskExtensions_Figures_Update AFTER UPDATE OF TaskId, CandidateUserId, DueOn ON AssessmentTaskExtensions
WHEN OLD.TaskId IS NOT NEW.TaskId OR OLD.CandidateUserId IS NOT NEW.CandidateUserId OR OLD.DueOn IS NOT NEW.DueOn
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

-- ProgressUpdates
CREATE TRIGGER TR_ProgressUpdates_Figures_Insert AFTER INSERT ON ProgressUpdates
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

CREATE TRIGGER TR_ProgressUpdates_Figures_Delete AFTER DELETE ON ProgressUpdates
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
END;

CREATE TRIGGER TR_ProgressUpdates_Figures_Update AFTER UPDATE OF CandidateUserId, CohortId, CreatedUtc ON ProgressUpdates
WHEN OLD.CandidateUserId IS NOT NEW.CandidateUserId OR OLD.CohortId IS NOT NEW.CohortId OR OLD.CreatedUtc IS NOT NEW.CreatedUtc
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

-- ProgressRatings
CREATE TRIGGER TR_ProgressRatings_Figures_Insert AFTER INSERT ON ProgressRatings
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM ProgressUpdates WHERE Id = NEW.ProgressUpdateId));
END;

CREATE TRIGGER TR_ProgressRatings_Figures_Delete AFTER DELETE ON ProgressRatings
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM ProgressUpdates WHERE Id = OLD.ProgressUpdateId));
END;

CREATE TRIGGER TR_ProgressRatings_Figures_Update AFTER UPDATE OF ProgressUpdateId, Rating ON ProgressRatings
WHEN OLD.ProgressUpdateId IS NOT NEW.ProgressUpdateId OR OLD.Rating IS NOT NEW.Rating
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM ProgressUpdates WHERE Id = OLD.ProgressUpdateId));
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = (SELECT CandidateUserId FROM ProgressUpdates WHERE Id = NEW.ProgressUpdateId));
END;

-- MaterialProgress
CREATE TRIGGER TR_MaterialProgress_Figures_Insert AFTER INSERT ON MaterialProgress
WHEN NEW.IsComplete = 1
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

CREATE TRIGGER TR_MaterialProgress_Figures_Delete AFTER DELETE ON MaterialProgress
WHEN OLD.IsComplete = 1
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
END;

CREATE TRIGGER TR_MaterialProgress_Figures_Update AFTER UPDATE OF IsComplete, CandidateUserId, ItemId ON MaterialProgress
WHEN OLD.IsComplete <> NEW.IsComplete OR OLD.CandidateUserId <> NEW.CandidateUserId OR OLD.ItemId <> NEW.ItemId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId);
END;

-- MaterialItems
CREATE TRIGGER TR_MaterialItems_Figures_Insert AFTER INSERT ON MaterialItems
WHEN NEW.State = 'Published'
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = (SELECT CourseId FROM MaterialModules WHERE Id = NEW.ModuleId));
END;

CREATE TRIGGER TR_MaterialItems_Figures_Delete AFTER DELETE ON MaterialItems
WHEN OLD.State = 'Published'
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = (SELECT CourseId FROM MaterialModules WHERE Id = OLD.ModuleId));
END;

CREATE TRIGGER TR_MaterialItems_Figures_Update AFTER UPDATE OF State, ModuleId ON MaterialItems
WHEN OLD.State <> NEW.State OR OLD.ModuleId <> NEW.ModuleId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = (SELECT CourseId FROM MaterialModules WHERE Id = OLD.ModuleId));
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = (SELECT CourseId FROM MaterialModules WHERE Id = NEW.ModuleId));
END;

-- MaterialModules
CREATE TRIGGER TR_MaterialModules_Figures_Delete AFTER DELETE ON MaterialModules
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = OLD.CourseId);
END;

CREATE TRIGGER TR_MaterialModules_Figures_Update AFTER UPDATE OF CourseId ON MaterialModules
WHEN OLD.CourseId <> NEW.CourseId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = OLD.CourseId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE ch.CourseId = NEW.CourseId);
END;

-- Enrolments
CREATE TRIGGER TR_Enrolments_Figures_Delete AFTER DELETE ON Enrolments
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId = OLD.Id;
END;

CREATE TRIGGER TR_Enrolments_Figures_Update AFTER UPDATE OF CohortId, CandidateUserId ON Enrolments
WHEN OLD.CohortId <> NEW.CohortId OR OLD.CandidateUserId <> NEW.CandidateUserId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId = OLD.Id;
END;

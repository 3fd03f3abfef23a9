-- Issue 23: how many enrolments each cohort has in each training status, kept by triggers on Enrolments so that every
-- way an enrolment is made, moved, changes status or is erased keeps it right. The completion report's count of a
-- provider's enrolments sums these rows (a few per cohort) instead of reading every enrolment: at 100,000 candidates
-- that count was most of the report's first page. Derived data: no foreign key, so a cohort can still be deleted.
-- Enrolments has never been rebuilt by a migration; one that rebuilds it must create these triggers again.
CREATE TABLE CohortEnrolmentCounts (
    CohortId INTEGER NOT NULL,
    TrainingStatus TEXT NOT NULL,
    Enrolments INTEGER NOT NULL,
    PRIMARY KEY (CohortId, TrainingStatus)
) WITHOUT ROWID;

INSERT INTO CohortEnrolmentCounts (CohortId, TrainingStatus, Enrolments)
SELECT CohortId, TrainingStatus, COUNT(*) FROM Enrolments GROUP BY CohortId, TrainingStatus;

CREATE TRIGGER TR_Enrolments_Count_Insert AFTER INSERT ON Enrolments
BEGIN
    INSERT OR IGNORE INTO CohortEnrolmentCounts (CohortId, TrainingStatus, Enrolments) VALUES (NEW.CohortId, NEW.TrainingStatus, 0);
    UPDATE CohortEnrolmentCounts SET Enrolments = Enrolments + 1 WHERE CohortId = NEW.CohortId AND TrainingStatus = NEW.TrainingStatus;
END;

CREATE TRIGGER TR_Enrolments_Count_Delete AFTER DELETE ON Enrolments
BEGIN
    UPDATE CohortEnrolmentCounts SET Enrolments = Enrolments - 1 WHERE CohortId = OLD.CohortId AND TrainingStatus = OLD.TrainingStatus;
END;

CREATE TRIGGER TR_Enrolments_Count_Update AFTER UPDATE OF CohortId, TrainingStatus ON Enrolments
WHEN OLD.CohortId <> NEW.CohortId OR OLD.TrainingStatus <> NEW.TrainingStatus
BEGIN
    UPDATE CohortEnrolmentCounts SET Enrolments = Enrolments - 1 WHERE CohortId = OLD.CohortId AND TrainingStatus = OLD.TrainingStatus;
    INSERT OR IGNORE INTO CohortEnrolmentCounts (CohortId, TrainingStatus, Enrolments) VALUES (NEW.CohortId, NEW.TrainingStatus, 0);
    UPDATE CohortEnrolmentCounts SET Enrolments = Enrolments + 1 WHERE CohortId = NEW.CohortId AND TrainingStatus = NEW.TrainingStatus;
END;

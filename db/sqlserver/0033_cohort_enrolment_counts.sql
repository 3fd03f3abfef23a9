-- Issue 23: how many enrolments each cohort has in each training status, kept by a trigger on Enrolments so that every
-- way an enrolment is made, moved, changes status or is erased keeps it right. The completion report's count of a
-- provider's enrolments sums these rows (a few per cohort) instead of reading every enrolment. Derived data: no foreign
-- key, so a cohort can still be deleted. The trigger sets NOCOUNT, so the rows a statement reports as changed (which
-- the optimistic-concurrency checks read) are still only its own.
CREATE TABLE CohortEnrolmentCounts (
    CohortId INT NOT NULL,
    TrainingStatus NVARCHAR(16) NOT NULL,
    Enrolments INT NOT NULL,
    CONSTRAINT PK_CohortEnrolmentCounts PRIMARY KEY (CohortId, TrainingStatus)
);

INSERT INTO CohortEnrolmentCounts (CohortId, TrainingStatus, Enrolments)
SELECT CohortId, TrainingStatus, COUNT(*) FROM Enrolments GROUP BY CohortId, TrainingStatus;
GO

CREATE TRIGGER TR_Enrolments_Counts ON Enrolments AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    WITH changes AS (
        SELECT CohortId, TrainingStatus, 1 AS Delta FROM inserted
        UNION ALL
        SELECT CohortId, TrainingStatus, -1 FROM deleted
    ),
    net AS (
        SELECT CohortId, TrainingStatus, SUM(Delta) AS Delta FROM changes GROUP BY CohortId, TrainingStatus HAVING SUM(Delta) <> 0
    )
    MERGE CohortEnrolmentCounts WITH (HOLDLOCK) AS t
    USING net AS n ON t.CohortId = n.CohortId AND t.TrainingStatus = n.TrainingStatus
    WHEN MATCHED THEN UPDATE SET Enrolments = t.Enrolments + n.Delta
    WHEN NOT MATCHED THEN INSERT (CohortId, TrainingStatus, Enrolments) VALUES (n.CohortId, n.TrainingStatus, n.Delta);
END;

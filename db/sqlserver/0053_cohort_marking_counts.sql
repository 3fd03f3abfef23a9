-- Issue 23: how many final-assessment scripts each cohort has in each marking state, kept by a trigger on
-- MarkingScripts so that every way a script is opened, marked, moderated, released or erased keeps it right. The
-- outcomes page shows these counts for a page of cohorts, and a cohort's board for its own: counting them read every
-- script of the page's cohorts; the counts are now a few rows a cohort. Derived data: no foreign key, so a cohort can
-- still be deleted. The trigger sets NOCOUNT, so the rows a statement reports as changed (which the optimistic-concurrency
-- checks read) are still only its own.
CREATE TABLE CohortMarkingCounts (
    CohortId INT NOT NULL,
    State NVARCHAR(40) NOT NULL,
    Scripts INT NOT NULL,
    CONSTRAINT PK_CohortMarkingCounts PRIMARY KEY (CohortId, State)
);

INSERT INTO CohortMarkingCounts (CohortId, State, Scripts)
SELECT CohortId, State, COUNT(*) FROM MarkingScripts GROUP BY CohortId, State;
GO

CREATE TRIGGER TR_MarkingScripts_Counts ON MarkingScripts AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(CohortId) OR UPDATE(State)) RETURN;
    WITH changes AS (
        SELECT CohortId, State, 1 AS Delta FROM inserted
        UNION ALL
        SELECT CohortId, State, -1 FROM deleted
    ),
    net AS (
        SELECT CohortId, State, SUM(Delta) AS Delta FROM changes GROUP BY CohortId, State HAVING SUM(Delta) <> 0
    )
    MERGE CohortMarkingCounts WITH (HOLDLOCK) AS t
    USING net AS n ON t.CohortId = n.CohortId AND t.State = n.State
    WHEN MATCHED THEN UPDATE SET Scripts = t.Scripts + n.Delta
    WHEN NOT MATCHED THEN INSERT (CohortId, State, Scripts) VALUES (n.CohortId, n.State, n.Delta);
END;

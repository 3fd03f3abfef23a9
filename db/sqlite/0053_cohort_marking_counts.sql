-- Issue 23: how many final-assessment scripts each cohort has in each marking state, kept by triggers on MarkingScripts
-- so that every way a script is opened, marked, moderated, released or erased keeps it right. The outcomes page shows
-- these counts for a page of cohorts, and a cohort's board for its own: counting them read every script of the page's
-- cohorts (25 cohorts of 200 candidates: 5,000 scripts, 0.31 ms at 100,000 candidates, and more as cohorts grow); the
-- counts are now a few rows a cohort. Derived data: no foreign key, so a cohort can still be deleted. MarkingScripts has
-- never been rebuilt by a migration; one that rebuilds it must create these triggers again.
CREATE TABLE CohortMarkingCounts (
    CohortId INTEGER NOT NULL,
    State TEXT NOT NULL,
    Scripts INTEGER NOT NULL,
    PRIMARY KEY (CohortId, State)
) WITHOUT ROWID;

INSERT INTO CohortMarkingCounts (CohortId, State, Scripts)
SELECT CohortId, State, COUNT(*) FROM MarkingScripts GROUP BY CohortId, State;

CREATE TRIGGER TR_MarkingScripts_Count_Insert AFTER INSERT ON MarkingScripts
BEGIN
    INSERT OR IGNORE INTO CohortMarkingCounts (CohortId, State, Scripts) VALUES (NEW.CohortId, NEW.State, 0);
    UPDATE CohortMarkingCounts SET Scripts = Scripts + 1 WHERE CohortId = NEW.CohortId AND State = NEW.State;
END;

CREATE TRIGGER TR_MarkingScripts_Count_Delete AFTER DELETE ON MarkingScripts
BEGIN
    UPDATE CohortMarkingCounts SET Scripts = Scripts - 1 WHERE CohortId = OLD.CohortId AND State = OLD.State;
END;

CREATE TRIGGER TR_MarkingScripts_Count_Update AFTER UPDATE OF CohortId, State ON MarkingScripts
WHEN OLD.CohortId <> NEW.CohortId OR OLD.State <> NEW.State
BEGIN
    UPDATE CohortMarkingCounts SET Scripts = Scripts - 1 WHERE CohortId = OLD.CohortId AND State = OLD.State;
    INSERT OR IGNORE INTO CohortMarkingCounts (CohortId, State, Scripts) VALUES (NEW.CohortId, NEW.State, 0);
    UPDATE CohortMarkingCounts SET Scripts = Scripts + 1 WHERE CohortId = NEW.CohortId AND State = NEW.State;
END;

-- The demo seed's runs: one row per build of the site whose seed has completed on this database, so a restart of the
-- same build skips the seed's seconds of checks; a new build seeds again (adding only what is missing).
CREATE TABLE DemoSeedRuns (
    Fingerprint TEXT NOT NULL PRIMARY KEY,
    CompletedUtc TEXT NOT NULL
);

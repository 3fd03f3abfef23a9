-- Issue 23: the invite form finds a school instead of listing every school of the system.
-- A name prefix is a range of this index, and its order the results' order: SQLite's LIKE ignores case, so only an
-- index in NOCASE serves it (the UNIQUE (Name, Country) index compares case and cannot). Names containing the query
-- walk it in the same order and stop once enough are found.
CREATE INDEX IX_Schools_Name_NoCase ON Schools (Name COLLATE NOCASE, Country);
-- A school typed by its URN is one seek.
CREATE INDEX IX_Schools_Urn ON Schools (Urn);

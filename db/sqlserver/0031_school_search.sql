-- Issue 23: the invite form finds a school instead of listing every school of the system.
-- A name prefix is a range of UQ_Schools (Name, Country), in the database's case-insensitive collation as LIKE
-- compares, so no other name index is needed here (SQLite's needs one in NOCASE). A school typed by its URN is one seek.
CREATE INDEX IX_Schools_Urn ON Schools (Urn);

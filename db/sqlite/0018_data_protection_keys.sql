-- Issue 22: Data Protection keys kept in the database, so every instance of the site reads every other's cookies,
-- antiforgery tokens and emailed links. One row per key, as Data Protection writes it (an XML element).
CREATE TABLE DataProtectionKeys (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    FriendlyName TEXT NOT NULL,
    Xml TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_DataProtectionKeys_FriendlyName ON DataProtectionKeys(FriendlyName);

-- Issue 22: Data Protection keys kept in the database, so every instance of the site reads every other's cookies,
-- antiforgery tokens and emailed links. One row per key, as Data Protection writes it (an XML element).
CREATE TABLE DataProtectionKeys (
    Id INT IDENTITY(1,1) NOT NULL CONSTRAINT PK_DataProtectionKeys PRIMARY KEY,
    FriendlyName NVARCHAR(200) NOT NULL,
    Xml NVARCHAR(MAX) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL
);
CREATE UNIQUE INDEX UX_DataProtectionKeys_FriendlyName ON DataProtectionKeys(FriendlyName);

-- Issue 8: DfE declarations the admin has made (or voided), background report exports, and erasures.

-- A declaration the provider made to DfE. Derived declarations are computed, not stored; a row appears when the
-- admin marks one as declared. Voiding sets VoidedUtc and keeps the row.
CREATE TABLE Declarations (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    EnrolmentId INTEGER NOT NULL REFERENCES Enrolments(Id),
    DeclarationType TEXT NOT NULL,
    DeclarationUtc TEXT NOT NULL,
    Justification TEXT NOT NULL DEFAULT '',
    DfeDeclarationId TEXT NULL,
    DeclaredUtc TEXT NOT NULL,
    DeclaredByUserId INTEGER NOT NULL REFERENCES Users(Id),
    VoidedUtc TEXT NULL,
    VoidedByUserId INTEGER NULL REFERENCES Users(Id),
    VoidReason TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Declarations_Enrolment ON Declarations (EnrolmentId);
-- At most one live (not voided) declaration of each type per enrolment.
CREATE UNIQUE INDEX UX_Declarations_Live ON Declarations (EnrolmentId, DeclarationType) WHERE VoidedUtc IS NULL;

-- Report files made in the background, kept for their owner until ExpiresUtc.
CREATE TABLE ReportExports (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Token TEXT NOT NULL UNIQUE,
    RequestedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    Report TEXT NOT NULL,
    Format TEXT NOT NULL,
    Query TEXT NOT NULL,
    Status TEXT NOT NULL,
    RowsTotal INTEGER NOT NULL DEFAULT 0,
    RowsWritten INTEGER NOT NULL DEFAULT 0,
    StoredName TEXT NULL,
    CreatedUtc TEXT NOT NULL,
    CompletedUtc TEXT NULL,
    ExpiresUtc TEXT NULL
);
CREATE INDEX IX_ReportExports_User ON ReportExports (RequestedByUserId, CreatedUtc);

-- What an erasure removed, as counts only: no id, name or email of the person erased.
CREATE TABLE Erasures (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ErasedUtc TEXT NOT NULL,
    ErasedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    RowsRemoved INTEGER NOT NULL,
    RowsAnonymised INTEGER NOT NULL,
    FilesRemoved INTEGER NOT NULL
);

-- Issue 8: DfE declarations the admin has made (or voided), background report exports, and erasures.

-- A declaration the provider made to DfE. Derived declarations are computed, not stored; a row appears when the
-- admin marks one as declared. Voiding sets VoidedUtc and keeps the row.
CREATE TABLE Declarations (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    EnrolmentId INT NOT NULL REFERENCES Enrolments(Id),
    DeclarationType NVARCHAR(20) NOT NULL,
    DeclarationUtc DATETIME2 NOT NULL,
    Justification NVARCHAR(1000) NOT NULL DEFAULT '',
    DfeDeclarationId NVARCHAR(100) NULL,
    DeclaredUtc DATETIME2 NOT NULL,
    DeclaredByUserId INT NOT NULL REFERENCES Users(Id),
    VoidedUtc DATETIME2 NULL,
    VoidedByUserId INT NULL REFERENCES Users(Id),
    VoidReason NVARCHAR(500) NULL,
    Version INT NOT NULL DEFAULT 1
);
CREATE INDEX IX_Declarations_Enrolment ON Declarations (EnrolmentId);
-- At most one live (not voided) declaration of each type per enrolment.
CREATE UNIQUE INDEX UX_Declarations_Live ON Declarations (EnrolmentId, DeclarationType) WHERE VoidedUtc IS NULL;

-- Report files made in the background, kept for their owner until ExpiresUtc.
CREATE TABLE ReportExports (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    Token NVARCHAR(64) NOT NULL UNIQUE,
    RequestedByUserId INT NOT NULL REFERENCES Users(Id),
    Report NVARCHAR(50) NOT NULL,
    Format NVARCHAR(10) NOT NULL,
    Query NVARCHAR(2000) NOT NULL,
    Status NVARCHAR(20) NOT NULL,
    RowsTotal INT NOT NULL DEFAULT 0,
    RowsWritten INT NOT NULL DEFAULT 0,
    StoredName NVARCHAR(64) NULL,
    CreatedUtc DATETIME2 NOT NULL,
    CompletedUtc DATETIME2 NULL,
    ExpiresUtc DATETIME2 NULL
);
CREATE INDEX IX_ReportExports_User ON ReportExports (RequestedByUserId, CreatedUtc);

-- What an erasure removed, as counts only: no id, name or email of the person erased.
CREATE TABLE Erasures (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ErasedUtc DATETIME2 NOT NULL,
    ErasedByUserId INT NOT NULL REFERENCES Users(Id),
    RowsRemoved INT NOT NULL,
    RowsAnonymised INT NOT NULL,
    FilesRemoved INT NOT NULL
);

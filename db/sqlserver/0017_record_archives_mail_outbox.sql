-- Issue 22 (jobs and mail): record zips built by a clustered job, their status visible from any instance; and the
-- mail outbox every email goes through, sent by a job with retries.

-- One per "all records as one zip" request. Only its owner sees it. StoredName is the zip in the shared file store.
CREATE TABLE RecordArchives (
    Id NVARCHAR(32) NOT NULL PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    OwnerUserId INT NOT NULL REFERENCES Users(Id),
    FileName NVARCHAR(300) NOT NULL,
    State NVARCHAR(20) NOT NULL,
    Total INT NOT NULL DEFAULT 0,
    Done INT NOT NULL DEFAULT 0,
    StoredName NVARCHAR(200) NULL,
    CreatedUtc DATETIME2 NOT NULL,
    StartedUtc DATETIME2 NULL,
    FinishedUtc DATETIME2 NULL
);
CREATE INDEX IX_RecordArchives_Finished ON RecordArchives (State, FinishedUtc);

-- Every email, written when it is caused and sent by the mail job: Pending (NextAttemptUtc says when), Sent, or
-- Failed after the last attempt. ClaimedBy/ClaimedUntilUtc: the node sending it. LastError names the failure only
-- (the exception's type and the SMTP status), never the message's content.
CREATE TABLE MailOutbox (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ToAddress NVARCHAR(320) NOT NULL,
    Subject NVARCHAR(400) NOT NULL,
    TextBody NVARCHAR(MAX) NOT NULL,
    RecipientUserId INT NULL,
    ProviderId INT NULL,
    Status NVARCHAR(20) NOT NULL,
    Attempts INT NOT NULL DEFAULT 0,
    CreatedUtc DATETIME2 NOT NULL,
    NextAttemptUtc DATETIME2 NOT NULL,
    LastAttemptUtc DATETIME2 NULL,
    SentUtc DATETIME2 NULL,
    LastError NVARCHAR(500) NULL,
    ClaimedBy NVARCHAR(200) NULL,
    ClaimedUntilUtc DATETIME2 NULL
);
CREATE INDEX IX_MailOutbox_Due ON MailOutbox (Status, NextAttemptUtc);
CREATE INDEX IX_MailOutbox_Provider ON MailOutbox (ProviderId, Status, Id);

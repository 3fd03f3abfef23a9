-- Issue 22 (jobs and mail): record zips built by a clustered job, their status visible from any instance; and the
-- mail outbox every email goes through, sent by a job with retries.

-- One per "all records as one zip" request. Only its owner sees it. StoredName is the zip in the shared file store.
CREATE TABLE RecordArchives (
    Id TEXT PRIMARY KEY,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    OwnerUserId INTEGER NOT NULL REFERENCES Users(Id),
    FileName TEXT NOT NULL,
    State TEXT NOT NULL,
    Total INTEGER NOT NULL DEFAULT 0,
    Done INTEGER NOT NULL DEFAULT 0,
    StoredName TEXT NULL,
    CreatedUtc TEXT NOT NULL,
    StartedUtc TEXT NULL,
    FinishedUtc TEXT NULL
);
CREATE INDEX IX_RecordArchives_Finished ON RecordArchives (State, FinishedUtc);

-- Every email, written when it is caused and sent by the mail job: Pending (NextAttemptUtc says when), Sent, or
-- Failed after the last attempt. ClaimedBy/ClaimedUntilUtc: the node sending it. LastError names the failure only
-- (the exception's type and the SMTP status), never the message's content.
CREATE TABLE MailOutbox (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ToAddress TEXT NOT NULL,
    Subject TEXT NOT NULL,
    TextBody TEXT NOT NULL,
    RecipientUserId INTEGER NULL,
    ProviderId INTEGER NULL,
    Status TEXT NOT NULL,
    Attempts INTEGER NOT NULL DEFAULT 0,
    CreatedUtc TEXT NOT NULL,
    NextAttemptUtc TEXT NOT NULL,
    LastAttemptUtc TEXT NULL,
    SentUtc TEXT NULL,
    LastError TEXT NULL,
    ClaimedBy TEXT NULL,
    ClaimedUntilUtc TEXT NULL
);
CREATE INDEX IX_MailOutbox_Due ON MailOutbox (Status, NextAttemptUtc);
CREATE INDEX IX_MailOutbox_Provider ON MailOutbox (ProviderId, Status, Id);

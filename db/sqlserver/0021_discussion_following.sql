-- Issue 21, following: subscriptions to topics and threads, and each person's discussion email choice.

-- Kind: Topic or Thread; TargetId the topic's or thread's id.
CREATE TABLE DiscussionSubscriptions (
    UserId INT NOT NULL REFERENCES Users(Id),
    Kind NVARCHAR(16) NOT NULL,
    TargetId INT NOT NULL,
    CreatedUtc DATETIME2 NOT NULL,
    PRIMARY KEY (UserId, Kind, TargetId)
);
CREATE INDEX IX_DiscussionSubscriptions_Target ON DiscussionSubscriptions (Kind, TargetId);

-- Frequency: Off, Immediately, Daily, Weekly. LocalMinutes: the time of day in the person's own zone (minutes after
-- midnight); Weekday: the day of a weekly digest. NextDigestUtc: when the next daily or weekly digest is due (NULL for
-- Off and Immediately); LastPostId: the watermark, posts above it are new for the next digest.
CREATE TABLE DiscussionDigestPreferences (
    UserId INT NOT NULL PRIMARY KEY REFERENCES Users(Id),
    Frequency NVARCHAR(16) NOT NULL,
    LocalMinutes INT NOT NULL,
    Weekday NVARCHAR(16) NOT NULL,
    NextDigestUtc DATETIME2 NULL,
    LastDigestUtc DATETIME2 NULL,
    LastPostId INT NOT NULL DEFAULT 0,
    UpdatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_DiscussionDigestPreferences_Next ON DiscussionDigestPreferences (NextDigestUtc);

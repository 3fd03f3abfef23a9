-- Issue 21, following: subscriptions to topics and threads, and each person's discussion email choice.

-- Kind: Topic or Thread; TargetId the topic's or thread's id.
CREATE TABLE DiscussionSubscriptions (
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    Kind TEXT NOT NULL,
    TargetId INTEGER NOT NULL,
    CreatedUtc TEXT NOT NULL,
    PRIMARY KEY (UserId, Kind, TargetId)
);
CREATE INDEX IX_DiscussionSubscriptions_Target ON DiscussionSubscriptions (Kind, TargetId);

-- Frequency: Off, Immediately, Daily, Weekly. LocalMinutes: the time of day in the person's own zone (minutes after
-- midnight); Weekday: the day of a weekly digest. NextDigestUtc: when the next daily or weekly digest is due (NULL for
-- Off and Immediately); LastPostId: the watermark, posts above it are new for the next digest.
CREATE TABLE DiscussionDigestPreferences (
    UserId INTEGER NOT NULL PRIMARY KEY REFERENCES Users(Id),
    Frequency TEXT NOT NULL,
    LocalMinutes INTEGER NOT NULL,
    Weekday TEXT NOT NULL,
    NextDigestUtc TEXT NULL,
    LastDigestUtc TEXT NULL,
    LastPostId INTEGER NOT NULL DEFAULT 0,
    UpdatedUtc TEXT NOT NULL
);
CREATE INDEX IX_DiscussionDigestPreferences_Next ON DiscussionDigestPreferences (NextDigestUtc);

-- Webinars and face-to-face events, attendance, private calendar feeds and sent reminders.
ALTER TABLE Cohorts ADD COLUMN AttendanceThresholdPercent INTEGER NOT NULL DEFAULT 75;

CREATE TABLE WebinarSessions (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    SeriesId TEXT NULL,
    Title TEXT NOT NULL,
    AgendaMarkdown TEXT NOT NULL DEFAULT '',
    StartUtc TEXT NOT NULL,
    DurationMinutes INTEGER NOT NULL,
    FacilitatorUserId INTEGER NULL REFERENCES Users(Id),
    JoinUrl TEXT NULL,
    Venue TEXT NULL,
    Capacity INTEGER NOT NULL,
    FrameworkAreas TEXT NOT NULL DEFAULT '',
    Status TEXT NOT NULL DEFAULT 'Scheduled',
    Sequence INTEGER NOT NULL DEFAULT 0,
    RecordingUrl TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedUtc TEXT NOT NULL,
    UpdatedUtc TEXT NOT NULL
);
CREATE INDEX IX_WebinarSessions_Cohort ON WebinarSessions (CohortId, StartUtc);
CREATE INDEX IX_WebinarSessions_Start ON WebinarSessions (StartUtc);

-- Join/leave stretches; a join with no leave is closed at the session's end when counted.
CREATE TABLE AttendanceSegments (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    SessionId INTEGER NOT NULL REFERENCES WebinarSessions(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    JoinUtc TEXT NOT NULL,
    LeaveUtc TEXT NULL,
    Source TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL
);
CREATE INDEX IX_AttendanceSegments_Session ON AttendanceSegments (SessionId, UserId);
CREATE INDEX IX_AttendanceSegments_User ON AttendanceSegments (UserId);

-- The facilitator's register: one mark per person per session.
CREATE TABLE AttendanceMarks (
    SessionId INTEGER NOT NULL REFERENCES WebinarSessions(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    Mark TEXT NOT NULL,
    Note TEXT NULL,
    RecordedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    RecordedUtc TEXT NOT NULL,
    PRIMARY KEY (SessionId, UserId)
);

-- Private .ics feeds: only a SHA-256 hash of the token is kept.
CREATE TABLE CalendarFeeds (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    TokenHash TEXT NOT NULL UNIQUE,
    CreatedUtc TEXT NOT NULL,
    RevokedUtc TEXT NULL
);
CREATE INDEX IX_CalendarFeeds_User ON CalendarFeeds (UserId);

-- One reminder per person per session, ever.
CREATE TABLE WebinarReminders (
    SessionId INTEGER NOT NULL REFERENCES WebinarSessions(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    SentUtc TEXT NOT NULL,
    PRIMARY KEY (SessionId, UserId)
);

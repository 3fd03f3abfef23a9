-- Webinars and face-to-face events, attendance, private calendar feeds and sent reminders.
ALTER TABLE Cohorts ADD AttendanceThresholdPercent INT NOT NULL CONSTRAINT DF_Cohorts_AttendanceThreshold DEFAULT 75;

CREATE TABLE WebinarSessions (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    SeriesId NVARCHAR(40) NULL,
    Title NVARCHAR(200) NOT NULL,
    AgendaMarkdown NVARCHAR(MAX) NOT NULL DEFAULT '',
    StartUtc DATETIME2 NOT NULL,
    DurationMinutes INT NOT NULL,
    FacilitatorUserId INT NULL REFERENCES Users(Id),
    JoinUrl NVARCHAR(1000) NULL,
    Venue NVARCHAR(300) NULL,
    Capacity INT NOT NULL,
    FrameworkAreas NVARCHAR(1000) NOT NULL DEFAULT '',
    Status NVARCHAR(16) NOT NULL DEFAULT 'Scheduled',
    Sequence INT NOT NULL DEFAULT 0,
    RecordingUrl NVARCHAR(1000) NULL,
    Version INT NOT NULL DEFAULT 1,
    CreatedUtc DATETIME2 NOT NULL,
    UpdatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_WebinarSessions_Cohort ON WebinarSessions (CohortId, StartUtc);
CREATE INDEX IX_WebinarSessions_Start ON WebinarSessions (StartUtc);

-- Join/leave stretches; a join with no leave is closed at the session's end when counted.
CREATE TABLE AttendanceSegments (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    SessionId INT NOT NULL REFERENCES WebinarSessions(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    JoinUtc DATETIME2 NOT NULL,
    LeaveUtc DATETIME2 NULL,
    Source NVARCHAR(16) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_AttendanceSegments_Session ON AttendanceSegments (SessionId, UserId);
CREATE INDEX IX_AttendanceSegments_User ON AttendanceSegments (UserId);

-- The facilitator's register: one mark per person per session.
CREATE TABLE AttendanceMarks (
    SessionId INT NOT NULL REFERENCES WebinarSessions(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    Mark NVARCHAR(16) NOT NULL,
    Note NVARCHAR(500) NULL,
    RecordedByUserId INT NOT NULL REFERENCES Users(Id),
    RecordedUtc DATETIME2 NOT NULL,
    CONSTRAINT PK_AttendanceMarks PRIMARY KEY (SessionId, UserId)
);

-- Private .ics feeds: only a SHA-256 hash of the token is kept.
CREATE TABLE CalendarFeeds (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    UserId INT NOT NULL REFERENCES Users(Id),
    TokenHash NVARCHAR(64) NOT NULL CONSTRAINT UQ_CalendarFeeds_TokenHash UNIQUE,
    CreatedUtc DATETIME2 NOT NULL,
    RevokedUtc DATETIME2 NULL
);
CREATE INDEX IX_CalendarFeeds_User ON CalendarFeeds (UserId);

-- One reminder per person per session, ever.
CREATE TABLE WebinarReminders (
    SessionId INT NOT NULL REFERENCES WebinarSessions(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    SentUtc DATETIME2 NOT NULL,
    CONSTRAINT PK_WebinarReminders PRIMARY KEY (SessionId, UserId)
);

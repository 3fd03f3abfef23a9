-- A candidate's place on a cohort, with their mentor. Training status follows DfE's vocabulary.
CREATE TABLE Enrolments (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    CandidateUserId INTEGER NOT NULL REFERENCES Users(Id),
    MentorUserId INTEGER NULL REFERENCES Users(Id),
    TrainingStatus TEXT NOT NULL DEFAULT 'Active',
    StatusReason TEXT NULL,
    EnrolledUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (CohortId, CandidateUserId)
);
CREATE INDEX IX_Enrolments_Candidate ON Enrolments (CandidateUserId);
CREATE INDEX IX_Enrolments_Mentor ON Enrolments (MentorUserId);
CREATE INDEX IX_Users_School ON Users (SchoolId);

-- In-app notifications (each may also go out by email).
CREATE TABLE Notifications (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    CreatedUtc TEXT NOT NULL,
    Kind TEXT NOT NULL,
    Title TEXT NOT NULL,
    Link TEXT NULL,
    ReadUtc TEXT NULL
);
CREATE INDEX IX_Notifications_User ON Notifications (UserId, ReadUtc);

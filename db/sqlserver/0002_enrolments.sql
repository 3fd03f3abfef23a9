-- A candidate's place on a cohort, with their mentor. Training status follows DfE's vocabulary.
CREATE TABLE Enrolments (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    CandidateUserId INT NOT NULL REFERENCES Users(Id),
    MentorUserId INT NULL REFERENCES Users(Id),
    TrainingStatus NVARCHAR(16) NOT NULL DEFAULT 'Active',
    StatusReason NVARCHAR(64) NULL,
    EnrolledUtc DATETIME2 NOT NULL,
    Version INT NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Enrolments UNIQUE (CohortId, CandidateUserId)
);
CREATE INDEX IX_Enrolments_Candidate ON Enrolments (CandidateUserId);
CREATE INDEX IX_Enrolments_Mentor ON Enrolments (MentorUserId);
CREATE INDEX IX_Users_School ON Users (SchoolId);

-- In-app notifications (each may also go out by email).
CREATE TABLE Notifications (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    UserId INT NOT NULL REFERENCES Users(Id),
    CreatedUtc DATETIME2 NOT NULL,
    Kind NVARCHAR(64) NOT NULL,
    Title NVARCHAR(300) NOT NULL,
    Link NVARCHAR(500) NULL,
    ReadUtc DATETIME2 NULL
);
CREATE INDEX IX_Notifications_User ON Notifications (UserId, ReadUtc);

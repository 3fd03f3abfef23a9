-- Organisations, courses and cohorts: the provider's offer.
CREATE TABLE Providers (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Name TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL
);

CREATE TABLE DeliveryPartners (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    Name TEXT NOT NULL,
    UNIQUE (ProviderId, Name)
);

CREATE TABLE Schools (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Name TEXT NOT NULL,
    Urn TEXT NULL,
    Country TEXT NOT NULL DEFAULT 'United Kingdom',
    TimeZone TEXT NOT NULL DEFAULT 'Europe/London',
    UNIQUE (Name, Country)
);

CREATE TABLE Courses (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    ProviderId INTEGER NOT NULL REFERENCES Providers(Id),
    Identifier TEXT NOT NULL,
    ShortCode TEXT NOT NULL,
    Name TEXT NOT NULL,
    FrameworkCode TEXT NULL,
    PricePence INTEGER NOT NULL DEFAULT 0,
    IsLeadership INTEGER NOT NULL DEFAULT 0,
    HasAssessment INTEGER NOT NULL DEFAULT 1,
    UNIQUE (ProviderId, Identifier)
);

CREATE TABLE Cohorts (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CourseId INTEGER NOT NULL REFERENCES Courses(Id),
    DeliveryPartnerId INTEGER NULL REFERENCES DeliveryPartners(Id),
    Name TEXT NOT NULL,
    StartYear INTEGER NOT NULL,
    Suffix TEXT NOT NULL DEFAULT '',
    StartDate TEXT NOT NULL,
    EndDate TEXT NOT NULL,
    DeliveryModel TEXT NOT NULL,
    IsInternational INTEGER NOT NULL DEFAULT 0,
    TimeZone TEXT NOT NULL,
    Capacity INTEGER NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (CourseId, Name)
);

-- People and what they may do. Identity's fields are kept as ASP.NET Core Identity names them.
CREATE TABLE Users (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Email TEXT NOT NULL,
    NormalizedEmail TEXT NOT NULL UNIQUE,
    DisplayName TEXT NOT NULL,
    PasswordHash TEXT NULL,
    SecurityStamp TEXT NOT NULL,
    ConcurrencyStamp TEXT NOT NULL,
    EmailConfirmed INTEGER NOT NULL DEFAULT 0,
    LockoutEnabled INTEGER NOT NULL DEFAULT 1,
    LockoutEndUtc TEXT NULL,
    AccessFailedCount INTEGER NOT NULL DEFAULT 0,
    IsActive INTEGER NOT NULL DEFAULT 1,
    ProviderId INTEGER NULL REFERENCES Providers(Id),
    SchoolId INTEGER NULL REFERENCES Schools(Id),
    TimeZone TEXT NULL,
    TimeZoneConfirmed INTEGER NOT NULL DEFAULT 0,
    CreatedUtc TEXT NOT NULL
);

CREATE TABLE Roles (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Name TEXT NOT NULL,
    NormalizedName TEXT NOT NULL UNIQUE
);

CREATE TABLE UserRoles (
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    RoleId INTEGER NOT NULL REFERENCES Roles(Id),
    PRIMARY KEY (UserId, RoleId)
);

INSERT INTO Roles (Name, NormalizedName) VALUES
    ('Candidate', 'CANDIDATE'),
    ('Mentor', 'MENTOR'),
    ('Assessor', 'ASSESSOR'),
    ('Headteacher', 'HEADTEACHER'),
    ('ProviderAdmin', 'PROVIDERADMIN');

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE AuditLog (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    OccurredUtc TEXT NOT NULL,
    ActorUserId INTEGER NULL,
    Action TEXT NOT NULL,
    Subject TEXT NULL,
    Detail TEXT NULL,
    IpAddress TEXT NULL
);
CREATE INDEX IX_AuditLog_OccurredUtc ON AuditLog (OccurredUtc);
CREATE INDEX IX_AuditLog_Action ON AuditLog (Action);

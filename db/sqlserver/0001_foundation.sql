-- Organisations, courses and cohorts: the provider's offer.
CREATE TABLE Providers (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    Name NVARCHAR(200) NOT NULL,
    CreatedUtc DATETIME2 NOT NULL
);

CREATE TABLE DeliveryPartners (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    Name NVARCHAR(200) NOT NULL,
    CONSTRAINT UQ_DeliveryPartners UNIQUE (ProviderId, Name)
);

CREATE TABLE Schools (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    Name NVARCHAR(200) NOT NULL,
    Urn NVARCHAR(20) NULL,
    Country NVARCHAR(100) NOT NULL DEFAULT 'United Kingdom',
    TimeZone NVARCHAR(64) NOT NULL DEFAULT 'Europe/London',
    CONSTRAINT UQ_Schools UNIQUE (Name, Country)
);

CREATE TABLE Courses (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    ProviderId INT NOT NULL REFERENCES Providers(Id),
    Identifier NVARCHAR(64) NOT NULL,
    ShortCode NVARCHAR(16) NOT NULL,
    Name NVARCHAR(200) NOT NULL,
    FrameworkCode NVARCHAR(32) NULL,
    PricePence INT NOT NULL DEFAULT 0,
    IsLeadership BIT NOT NULL DEFAULT 0,
    HasAssessment BIT NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Courses UNIQUE (ProviderId, Identifier)
);

CREATE TABLE Cohorts (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CourseId INT NOT NULL REFERENCES Courses(Id),
    DeliveryPartnerId INT NULL REFERENCES DeliveryPartners(Id),
    Name NVARCHAR(200) NOT NULL,
    StartYear INT NOT NULL,
    Suffix NVARCHAR(8) NOT NULL DEFAULT '',
    StartDate DATE NOT NULL,
    EndDate DATE NOT NULL,
    DeliveryModel NVARCHAR(16) NOT NULL,
    IsInternational BIT NOT NULL DEFAULT 0,
    TimeZone NVARCHAR(64) NOT NULL,
    Capacity INT NOT NULL,
    Version INT NOT NULL DEFAULT 1,
    CONSTRAINT UQ_Cohorts UNIQUE (CourseId, Name)
);

-- People and what they may do. Identity's fields are kept as ASP.NET Core Identity names them.
CREATE TABLE Users (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    Email NVARCHAR(256) NOT NULL,
    NormalizedEmail NVARCHAR(256) NOT NULL CONSTRAINT UQ_Users_NormalizedEmail UNIQUE,
    DisplayName NVARCHAR(200) NOT NULL,
    PasswordHash NVARCHAR(MAX) NULL,
    SecurityStamp NVARCHAR(64) NOT NULL,
    ConcurrencyStamp NVARCHAR(64) NOT NULL,
    EmailConfirmed BIT NOT NULL DEFAULT 0,
    LockoutEnabled BIT NOT NULL DEFAULT 1,
    LockoutEndUtc DATETIME2 NULL,
    AccessFailedCount INT NOT NULL DEFAULT 0,
    IsActive BIT NOT NULL DEFAULT 1,
    ProviderId INT NULL REFERENCES Providers(Id),
    SchoolId INT NULL REFERENCES Schools(Id),
    TimeZone NVARCHAR(64) NULL,
    TimeZoneConfirmed BIT NOT NULL DEFAULT 0,
    CreatedUtc DATETIME2 NOT NULL
);

CREATE TABLE Roles (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    Name NVARCHAR(64) NOT NULL,
    NormalizedName NVARCHAR(64) NOT NULL CONSTRAINT UQ_Roles_NormalizedName UNIQUE
);

CREATE TABLE UserRoles (
    UserId INT NOT NULL REFERENCES Users(Id),
    RoleId INT NOT NULL REFERENCES Roles(Id),
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, RoleId)
);

INSERT INTO Roles (Name, NormalizedName) VALUES
    ('Candidate', 'CANDIDATE'),
    ('Mentor', 'MENTOR'),
    ('Assessor', 'ASSESSOR'),
    ('Headteacher', 'HEADTEACHER'),
    ('ProviderAdmin', 'PROVIDERADMIN');

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE AuditLog (
    Id BIGINT IDENTITY(1,1) PRIMARY KEY,
    OccurredUtc DATETIME2 NOT NULL,
    ActorUserId INT NULL,
    Action NVARCHAR(64) NOT NULL,
    Subject NVARCHAR(200) NULL,
    Detail NVARCHAR(2000) NULL,
    IpAddress NVARCHAR(64) NULL
);
CREATE INDEX IX_AuditLog_OccurredUtc ON AuditLog (OccurredUtc);
CREATE INDEX IX_AuditLog_Action ON AuditLog (Action);

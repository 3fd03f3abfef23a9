-- Issue 23: the completion report's first page for a provider (every candidate by name) walks the candidates in name
-- order and stops after the page, instead of sorting every enrolment of the provider on every request.
CREATE INDEX IX_Users_DisplayName ON Users (DisplayName);

-- Issue 23: indexes for the paged lists.
-- The applications inbox pages in the order applications arrived: read in that order, a page stops after its rows
-- instead of sorting every application of the provider first.
CREATE INDEX IX_Applications_Submitted ON Applications (SubmittedUtc, Id);

-- The sessions page finds the cohorts a person facilitates from the sessions naming them.
CREATE INDEX IX_WebinarSessions_Facilitator ON WebinarSessions (FacilitatorUserId);

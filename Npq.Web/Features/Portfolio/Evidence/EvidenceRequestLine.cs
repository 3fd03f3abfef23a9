using Serilog;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>
/// What an evidence request did goes on the request's own log line (beside its method, path, status, time and user
/// id) rather than on a second line: one line per request, for writes as for reads. Ids only, never the text.
/// </summary>
public static class EvidenceRequestLine
{
    public static void SetEvidence(this IDiagnosticContext requestLine, string action, int evidenceId, int candidateId)
    {
        requestLine.Set("EvidenceAction", action);
        requestLine.Set("EvidenceId", evidenceId);
        requestLine.Set("CandidateId", candidateId);
    }
}

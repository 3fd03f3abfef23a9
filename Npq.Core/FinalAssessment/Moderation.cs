using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Npq.Core.FinalAssessment;

/// <summary>
/// Which scripts a second assessor moderates: every proposed fail, and a deterministic sample of the rest.
/// Each script's reference is hashed (SHA-256) into a bucket from 0 to 99; a script whose bucket is below the sample
/// percentage is in the sample. The same script always lands in the same bucket, so the choice can be explained and
/// re-checked, and nobody can steer a script into or out of the sample by the order they mark in.
/// </summary>
public static class ModerationSample
{
    public static int BucketOf(string scriptReference)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("npq-moderation-sample:" + scriptReference));
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % 100);
    }

    /// <summary>Why the script must be moderated, or null when it need not be.</summary>
    public static string? ReasonFor(string scriptReference, MarkingOutcome proposed, int samplePercent)
    {
        if (proposed == MarkingOutcome.Fail)
        {
            return "Every proposed fail is moderated.";
        }

        var bucket = BucketOf(scriptReference);
        return bucket < samplePercent
            ? $"In the {samplePercent}% moderation sample (bucket {bucket} of 0–99 is below {samplePercent})."
            : null;
    }
}

/// <summary>The outcome that stands once both judgements are in: the moderator's decision where there is one.</summary>
public static class FinalDecision
{
    public static MarkingOutcome? Of(MarkingOutcome? assessor, MarkingOutcome? moderator) => moderator ?? assessor;

    /// <summary>True when the moderator came to a different outcome from the assessor.</summary>
    public static bool Disagree(MarkingOutcome? assessor, MarkingOutcome? moderator) =>
        assessor is not null && moderator is not null && assessor != moderator;
}

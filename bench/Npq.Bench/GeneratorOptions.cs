using System.Globalization;

namespace Npq.Bench;

public sealed record GeneratorOptions(string DatabasePath, int Candidates, int Cohorts, int Seed, string ContentPath)
{
    public string InfoPath => Path.ChangeExtension(DatabasePath, ".info.json");

    public static GeneratorOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var db = Value("--db", string.Empty);
        if (db.Length == 0)
        {
            throw new ArgumentException("--db PATH is required (a database already migrated by `Npq.Web migrate`)");
        }

        return new GeneratorOptions(
            Path.GetFullPath(db),
            int.Parse(Value("--candidates", "10000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--cohorts", "50"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seed", "42"), CultureInfo.InvariantCulture),
            Path.GetFullPath(Value("--content", "content")));
    }
}

/// <summary>What bench/run needs to know about the generated data: who to sign in as and which ids to ask for.</summary>
public sealed record BenchInfo
{
    public int Candidates { get; init; }
    public int Cohorts { get; init; }
    public long Rows { get; init; }
    public string Password { get; init; } = string.Empty;
    public string CandidateEmail { get; init; } = string.Empty;
    public string WatcherEmail { get; init; } = string.Empty;
    public string MentorEmail { get; init; } = string.Empty;
    public string AdminEmail { get; init; } = string.Empty;
    public string HeadteacherEmail { get; init; } = string.Empty;
    public string AssessorEmail { get; init; } = string.Empty;
    public int CandidateUserId { get; init; }
    public int? FinalSubmissionId { get; init; }

    /// <summary>The bench candidate's cohort, whose Learn page is measured.</summary>
    public int LearnCohortId { get; init; }

    /// <summary>A page item of the first module (open for every cohort).</summary>
    public int LearnItemId { get; init; }

    /// <summary>The first module's video, whose progress reports are measured.</summary>
    public int VideoItemId { get; init; }

    /// <summary>The General topic of the bench candidate's cohort: more than a page of threads.</summary>
    public int DiscussionTopicId { get; init; }

    /// <summary>A thread of that topic with 500 replies (20 pages).</summary>
    public int DiscussionLongThreadId { get; init; }

    /// <summary>The thread the posting scenario replies to.</summary>
    public int DiscussionReplyThreadId { get; init; }
}

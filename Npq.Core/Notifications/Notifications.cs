namespace Npq.Core.Notifications;

/// <summary>An email to one person. The body is plain text; links are absolute.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody)
{
    /// <summary>
    /// The discussion posts the body quotes, kept with the mail so that erasing a post's author finds the mails that
    /// quote them without reading every mail's text.
    /// </summary>
    public IReadOnlyList<int> QuotedPostIds { get; init; } = [];
}

/// <summary>Sends email: by default written as .eml files to a folder; over SMTP when configured.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A message in a person's in-app notification list.</summary>
public sealed record Notification
{
    public int Id { get; init; }
    public int UserId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Link { get; init; }
    public DateTime? ReadUtc { get; init; }
}

/// <summary>Tells a person something happened: in the app, and by email unless they are inactive.</summary>
public interface INotifier
{
    /// <param name="userId">Who to tell.</param>
    /// <param name="kind">A short machine name ("feedback", "progress-update", "task-reopened", …).</param>
    /// <param name="title">One line the person reads in the list and as the email's subject.</param>
    /// <param name="link">Where in the app to go (a path such as "/evidence/12"), or null.</param>
    Task NotifyAsync(int userId, string kind, string title, string? link, CancellationToken cancellationToken = default);
}

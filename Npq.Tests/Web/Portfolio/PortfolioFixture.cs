using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Accounts;
using Npq.Data.Notifications;
using Npq.Data.Portfolio;

namespace Npq.Tests.Web.Portfolio;

/// <summary>The seeded application with test sign-in, and the demo people's ids.</summary>
public abstract class PortfolioFixture : WebFixture
{
    public const string Amira = "candidate1@npq.example";
    public const string Ben = "candidate2@npq.example";
    public const string Mentor = "mentor@npq.example";
    public const string Head = "headteacher@npq.example";
    public const string Admin = "admin@npq.example";
    public const string Assessor = "assessor@npq.example";

    protected Task<int> IdOf(string email) => UserIdAsync(email);

    protected async Task<int> CohortOf(string email) => (await Service<PlacementRepository>().GetForCandidateAsync(await IdOf(email)))[0].CohortId;

    protected async Task<IReadOnlyList<string>> NotificationTitlesOf(string email) =>
        (await Service<NotificationRepository>().GetForUserAsync(await IdOf(email), 100)).Select(n => n.Title).ToList();

    /// <summary>
    /// A page with an antiforgery token for someone whose own pages have no form (a headteacher): their
    /// notifications page, given an unread notification.
    /// </summary>
    protected async Task<string> FormPageFor(string email)
    {
        await Service<Npq.Core.Notifications.INotifier>().NotifyAsync(await IdOf(email), "test", "A notification for the test", null);
        return "/notifications";
    }

    /// <summary>Posts a form by hand (fields the page does not have, or several values for one name) with the page's token.</summary>
    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, string tokenPage, string url, params (string Name, string Value)[] fields)
    {
        var token = await Forms.TokenFromAsync(client, tokenPage);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(Forms.TokenField, token));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }
}

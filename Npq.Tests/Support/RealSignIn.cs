using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Npq.Web.Demo;

namespace Npq.Tests.Support;

/// <summary>Signs in through the real /account/sign-in page (cookie authentication, not the test scheme).</summary>
public static class RealSignIn
{
    public const string CookieName = "npq.auth";

    /// <summary>A new client signed in as <paramref name="email"/>; fails the test if the sign-in is refused.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this NpqWebFactory factory, string email, string password = DemoSeeder.DemoPassword)
    {
        var client = factory.NewClient();
        var response = await SignInAsync(client, email, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"sign-in of {email} was refused");
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string page = "/account/sign-in") =>
        Forms.SubmitAsync(client, page, "form.account-form", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    /// <summary>The sign-in cookie's value from a Set-Cookie header, for replaying it from another client.</summary>
    public static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));

    /// <summary>A client that keeps no cookies of its own and sends exactly this cookie.</summary>
    public static HttpClient ClientWithCookie(this NpqWebFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static bool IsSignInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reads the .eml files the pickup-folder email sender writes.</summary>
public static partial class Mailbox
{
    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    /// <summary>The decoded text of the newest message to <paramref name="to"/>.</summary>
    public static string LatestTo(string folder, string to) => LatestTo(folder, to, _ => true, "email");

    /// <summary>
    /// The decoded text of the newest message to <paramref name="to"/> with a link to <paramref name="path"/>. Other
    /// mail to the same person (a reminder the background jobs send meanwhile) may be newer.
    /// </summary>
    public static string LatestWithLinkTo(string folder, string to, string path) =>
        LatestTo(folder, to, body => Url().Matches(body).Any(m => new Uri(m.Value).AbsolutePath == path), $"email with a link to {path}");

    private static string LatestTo(string folder, string to, Func<string, bool> wanted, string what)
    {
        var mail = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)
                .Where(m => m.Contains("To: " + to + "\r\n", StringComparison.OrdinalIgnoreCase)).Select(Body).LastOrDefault(wanted)
            : null;
        return mail ?? throw new AssertionException($"no {what} to {to} in {folder}");
    }

    private static string Body(string mail)
    {
        var body = mail.Split("\r\n\r\n", 2)[1];
        return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n"))));
    }

    public static int CountTo(string folder, string to) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Count(f => File.ReadAllText(f).Contains("To: " + to + "\r\n", StringComparison.OrdinalIgnoreCase)) : 0;

    /// <summary>The path and query of the first link in the message whose path is <paramref name="path"/>.</summary>
    public static string LinkTo(string body, string path)
    {
        foreach (Match match in Url().Matches(body))
        {
            var uri = new Uri(match.Value);
            if (uri.AbsolutePath == path)
            {
                return uri.PathAndQuery;
            }
        }

        throw new AssertionException($"no link to {path} in the email");
    }
}

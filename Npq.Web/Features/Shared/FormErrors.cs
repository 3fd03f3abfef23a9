using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Npq.Web.Features.Shared;

/// <summary>
/// Accessible form errors, as GOV.UK forms show them, for every form of the site: a message beside the field (tied
/// to its input with aria-describedby and aria-invalid) and a summary at the top whose links move focus to the field.
/// </summary>
public static class FormErrors
{
    private const string Fallback = "Check this answer.";

    /// <summary><c>&lt;p class="field-error" id="{field}-error"&gt;Error: …&lt;/p&gt;</c>, or nothing when the field is right.</summary>
    public static IHtmlContent FieldError(this IHtmlHelper html, string field)
    {
        var messages = Messages(html, field);
        if (messages.Count == 0)
        {
            return HtmlString.Empty;
        }

        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<p class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(ErrorId(field))}\"><span class=\"visually-hidden\">Error: </span>");
        builder.Append(string.Join(" ", messages));
        builder.AppendHtml("</p>");
        return builder;
    }

    /// <summary>For aria-describedby: the hint's id and, when the field is wrong, its error's id (null when neither).</summary>
    public static string? DescribedBy(this IHtmlHelper html, string field, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }

        if (html.IsInvalid(field))
        {
            ids.Add(ErrorId(field));
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>For aria-invalid: "true" when the field has an error, otherwise "false".</summary>
    public static string Invalid(this IHtmlHelper html, string field) => html.IsInvalid(field) ? "true" : "false";

    public static bool HasErrors(this IHtmlHelper html) => html.ViewData.ModelState.ErrorCount > 0;

    /// <summary>A summary of every error, each linking to its field, for the top of the form (nothing when all is right).</summary>
    public static IHtmlContent ErrorSummary(this IHtmlHelper html)
    {
        var state = html.ViewData.ModelState;
        if (state.IsValid)
        {
            return HtmlString.Empty;
        }

        var builder = new HtmlContentBuilder();
        builder.AppendHtml("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
        foreach (var (key, entry) in state.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => (e.Key, e.Value!)))
        {
            foreach (var error in entry.Errors)
            {
                var message = HtmlEncoder.Default.Encode(string.IsNullOrEmpty(error.ErrorMessage) ? Fallback : error.ErrorMessage);
                builder.AppendHtml(key.Length == 0
                    ? $"<li>{message}</li>"
                    : $"<li><a href=\"#{HtmlEncoder.Default.Encode(key)}\">{message}</a></li>");
            }
        }

        builder.AppendHtml("</ul></div>");
        return builder;
    }

    private static string ErrorId(string field) => field + "-error";

    private static bool IsInvalid(this IHtmlHelper html, string field) => Messages(html, field).Count > 0;

    private static List<string> Messages(IHtmlHelper html, string field) =>
        html.ViewData.ModelState.TryGetValue(field, out var entry)
            ? entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? Fallback : e.ErrorMessage).ToList()
            : [];
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Npq.Web.Features.Account;

/// <summary>
/// Accessible form errors: a message beside the field (linked with aria-describedby) and a summary at the top
/// whose links move focus to the field.
/// </summary>
public static class FormHtml
{
    public static IHtmlContent FieldError(this IHtmlHelper html, string field)
    {
        var errors = html.ViewData.ModelState.TryGetValue(field, out var entry) ? entry.Errors : null;
        if (errors is null || errors.Count == 0)
        {
            return HtmlString.Empty;
        }

        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<p class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(field)}-error\"><span class=\"visually-hidden\">Error: </span>");
        builder.Append(string.Join(" ", errors.Select(e => e.ErrorMessage)));
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
            ids.Add(field + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>For aria-invalid: "true" when the field has an error, otherwise "false".</summary>
    public static string Invalid(this IHtmlHelper html, string field) => html.IsInvalid(field) ? "true" : "false";

    private static bool IsInvalid(this IHtmlHelper html, string field) =>
        html.ViewData.ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    public static bool HasErrors(this IHtmlHelper html) => html.ViewData.ModelState.ErrorCount > 0;
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Npq.Web.Features.Evidence;

/// <summary>Error messages beside fields and in a summary at the top, as GOV.UK forms show them.</summary>
public static class FormErrors
{
    public static bool Has(ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    /// <summary><c>&lt;p class="field-error" id="{field}-error"&gt;Error: …&lt;/p&gt;</c>, or nothing.</summary>
    public static IHtmlContent For(ModelStateDictionary state, string field)
    {
        if (!state.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }

        var text = string.Join(" ", entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "Check this answer." : e.ErrorMessage));
        return new HtmlString($"<p class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(field)}-error\"><span class=\"visually-hidden\">Error: </span>{HtmlEncoder.Default.Encode(text)}</p>");
    }

    /// <summary>The aria-describedby value for a field: its hint and, when it has one, its error.</summary>
    public static string DescribedBy(ModelStateDictionary state, string field, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }

        if (Has(state, field))
        {
            ids.Add(field + "-error");
        }

        return string.Join(' ', ids);
    }

    /// <summary>A summary of every error, linking to its field, for the top of the form.</summary>
    public static IHtmlContent Summary(ModelStateDictionary state)
    {
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
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? "Check this answer." : error.ErrorMessage;
                builder.AppendHtml(key.Length == 0
                    ? $"<li>{HtmlEncoder.Default.Encode(message)}</li>"
                    : $"<li><a href=\"#{HtmlEncoder.Default.Encode(key)}\">{HtmlEncoder.Default.Encode(message)}</a></li>");
            }
        }

        builder.AppendHtml("</ul></div>");
        return builder;
    }
}

using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Npq.Web.Features.Webinars;

/// <summary>The error next to a field, and the attributes that tie it to the input for screen readers.</summary>
public static class FieldErrors
{
    public static string? Message(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    /// <summary><c>&lt;p class="field-error" id="key-error"&gt;…&lt;/p&gt;</c> or nothing.</summary>
    public static IHtmlContent Render(ModelStateDictionary state, string key)
    {
        var message = Message(state, key);
        if (message is null)
        {
            return HtmlString.Empty;
        }

        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<p class=\"field-error\" id=\"{Id(key)}-error\"><span class=\"visually-hidden\">Error: </span>");
        builder.Append(message);
        builder.AppendHtml("</p>");
        return builder;
    }

    /// <summary>The id of the error paragraph when there is one, for <c>aria-describedby</c>.</summary>
    public static string? DescribedBy(ModelStateDictionary state, string key, string? hintId = null)
    {
        var parts = new[] { hintId, Message(state, key) is null ? null : $"{Id(key)}-error" }.Where(p => p is not null);
        var joined = string.Join(' ', parts);
        return joined.Length == 0 ? null : joined;
    }

    public static string Invalid(ModelStateDictionary state, string key) => Message(state, key) is null ? "false" : "true";

    private static string Id(string key) => key.Replace('.', '-');
}

using AngleSharp.Html.Dom;

namespace Npq.Tests.Support;

/// <summary>Submits a page's form as a browser would: with its antiforgery token and its own field values.</summary>
public static class Forms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes the form matching <paramref name="formSelector"/>, fills
    /// <paramref name="values"/> over the form's own fields and POSTs it to the form's action.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formSelector, IDictionary<string, string> values)
    {
        var page = await Html.ReadAsync(await client.GetAsync(pageUrl));
        // The page's own forms are in <main>; the header's sign-out form must never be picked by a loose selector.
        var form = (page.QuerySelector("main")?.QuerySelector(formSelector) ?? page.QuerySelector(formSelector)) as IHtmlFormElement
            ?? throw new AssertionException($"no form '{formSelector}' on {pageUrl}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } check when !check.IsChecked:
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        fields.AddRange(values);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token on a page, for tests that build a request by hand.</summary>
    public static async Task<string> TokenFromAsync(HttpClient client, string pageUrl)
    {
        var page = await Html.ReadAsync(await client.GetAsync(pageUrl));
        return page.QuerySelector($"input[name={TokenField}]")?.GetAttribute("value")
            ?? throw new AssertionException($"no antiforgery token on {pageUrl}");
    }
}

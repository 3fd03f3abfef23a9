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
        return await PostAsync(client, form, string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!, values);
    }

    /// <summary>
    /// GETs <paramref name="pageUrl"/>, takes the submit button matching <paramref name="buttonSelector"/> and does what
    /// a browser does when it is clicked: POSTs the button's form (the one its <c>form</c> attribute names, or the one it is
    /// in), with <paramref name="values"/> over the form's own fields, to the button's <c>formaction</c> or else the form's action.
    /// </summary>
    public static async Task<HttpResponseMessage> ClickAsync(HttpClient client, string pageUrl, string buttonSelector, IDictionary<string, string>? values = null)
    {
        var page = await Html.ReadAsync(await client.GetAsync(pageUrl));
        var button = (page.QuerySelector("main")?.QuerySelector(buttonSelector) ?? page.QuerySelector(buttonSelector)) as IHtmlButtonElement
            ?? throw new AssertionException($"no button '{buttonSelector}' on {pageUrl}");
        if (button.IsDisabled)
        {
            throw new AssertionException($"the button '{buttonSelector}' on {pageUrl} is disabled");
        }

        var form = (button.GetAttribute("form") is { } id ? page.GetElementById(id) : button.Closest("form")) as IHtmlFormElement
            ?? throw new AssertionException($"the button '{buttonSelector}' on {pageUrl} submits no form");
        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action");
        var fields = new Dictionary<string, string>(values ?? new Dictionary<string, string>());
        if (button.GetAttribute("name") is { Length: > 0 } name && !fields.ContainsKey(name))
        {
            fields[name] = button.Value;
        }

        return await PostAsync(client, form, string.IsNullOrEmpty(action) ? pageUrl : action, fields);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, string target, IDictionary<string, string> values)
    {
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

using System.Text.RegularExpressions;

namespace Npq.Tests.Architecture;

/// <summary>
/// Forms are written as typed: no form tag helper runs (<c>_ViewImports.cshtml</c>), so every form in every view names
/// its action itself, and every form that posts writes its own antiforgery token.
/// </summary>
public sealed partial class ViewFormsTests
{
    [Test]
    public void EveryForm_NamesItsAction_AndEveryFormThatPosts_WritesItsAntiforgeryToken()
    {
        var root = Path.Combine(Support.RepoRoot.Path, "Npq.Web");
        var forms = 0;
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            foreach (Match form in FormTag().Matches(text))
            {
                forms++;
                var attributes = form.Groups["attributes"].Value;
                var end = text.IndexOf("</form>", form.Index, StringComparison.Ordinal);
                var body = end < 0 ? string.Empty : text[form.Index..end];
                var name = $"{Path.GetRelativePath(root, path)}: <form{Regex.Replace(attributes, @"\s+", " ")}>";
                if (!attributes.Contains("action=\"", StringComparison.Ordinal) || attributes.Contains("asp-", StringComparison.Ordinal))
                {
                    problems.Add(name + " names no action of its own");
                }

                if (PostMethod().IsMatch(attributes) && !body.Contains("AntiForgeryToken()", StringComparison.Ordinal))
                {
                    problems.Add(name + " posts without an antiforgery token");
                }
            }
        }

        Assert.That(forms, Is.GreaterThan(100), "the views' forms were found");
        Assert.That(problems, Is.Empty);
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"method=""post""", RegexOptions.IgnoreCase)]
    private static partial Regex PostMethod();
}

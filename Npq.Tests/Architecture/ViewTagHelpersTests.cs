using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Moq;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Architecture;

/// <summary>
/// The tag helpers the views run (<c>Features/_ViewImports.cshtml</c>): none of MVC's that buffer a tag's content only
/// to copy it again (partials, the layout's head and body, forms, options), and Npq's partial tag helper in their place,
/// writing the partial where the tag stands.
/// </summary>
public sealed class ViewTagHelpersTests
{
    private static readonly Type[] Views = typeof(NpqServices).Assembly.GetTypes()
        .Where(t => t.Namespace == "AspNetCoreGeneratedDocument" && t.Name.StartsWith("Features_", StringComparison.Ordinal)).ToArray();

    private static IEnumerable<Type> TagHelpersOf(Type view) =>
        view.GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Select(f => f.FieldType).Where(typeof(ITagHelper).IsAssignableFrom);

    [Test]
    public void NoView_RunsAnyOfMvcsBufferingTagHelpers()
    {
        string[] buffering = ["PartialTagHelper", "HeadTagHelper", "BodyTagHelper", "FormTagHelper", "OptionTagHelper", "RenderAtEndOfFormTagHelper"];
        var found = Views.SelectMany(v => TagHelpersOf(v).Where(t => t.Namespace!.StartsWith("Microsoft.", StringComparison.Ordinal) && buffering.Contains(t.Name))
            .Select(t => $"{v.Name}: {t.Name}")).ToList();

        Assert.That(Views, Has.Length.GreaterThan(100), "the compiled views were found");
        Assert.That(found, Is.Empty);
    }

    [Test]
    public void ThePartialsOfTheViews_AreWrittenByNpqsTagHelper()
    {
        var layout = Views.Single(v => v.Name == "Features_Shared__Layout");
        var users = Views.Count(v => TagHelpersOf(v).Contains(typeof(DirectPartialTagHelper)));
        Assert.Multiple(() =>
        {
            Assert.That(users, Is.GreaterThan(30), "views with a <partial> tag (the pager is written in code: PagerHtml)");
            Assert.That(TagHelpersOf(layout), Is.Empty, "the layout runs no tag helper at all");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task APartial_IsGivenTheModelWritten_EvenNull_AndThePagesModelWhenNoneIsWritten(bool modelWritten)
    {
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = "the page's model" };
        var viewContext = new ViewContext { ViewData = viewData, HttpContext = new DefaultHttpContext(), ActionDescriptor = new ActionDescriptor() };
        var html = new Mock<IHtmlHelper>();
        var contextualized = html.As<IViewContextAware>();
        var helper = new DirectPartialTagHelper(html.Object) { Name = "~/Features/Portfolio/Evidence/_HeatMap.cshtml", Model = null, ViewContext = viewContext };
        var attributes = new TagHelperAttributeList { new TagHelperAttribute("name", helper.Name) };
        if (modelWritten)
        {
            attributes.Add(new TagHelperAttribute("model", null));
        }

        var output = new TagHelperOutput("partial", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        output.Content.SetContent("not written");
        await helper.ProcessAsync(new TagHelperContext(attributes, new Dictionary<object, object>(), "id"), output);

        contextualized.Verify(h => h.Contextualize(viewContext), Times.Once);
        html.Verify(h => h.RenderPartialAsync("~/Features/Portfolio/Evidence/_HeatMap.cshtml", modelWritten ? null : "the page's model", viewData), Times.Once);
        Assert.That(output.TagName, Is.Null, "the tag itself is not written");
        Assert.That(output.Content.GetContent(), Is.Empty, "nothing buffered for the tag");
    }
}

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npq.Core.Validation;

namespace Npq.Web.Features.Shared;

/// <summary>Shows the problems a use case found beside the fields they belong to, for <c>Html.FieldError</c> and <c>Html.ErrorSummary</c>.</summary>
public static class FieldProblems
{
    /// <param name="prefix">How the form names its fields ("Form." when they are posted as <c>Form.X</c>).</param>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<FieldProblem> problems, string prefix = "")
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(prefix + problem.Field, problem.Message);
        }
    }
}

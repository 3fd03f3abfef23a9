using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio;

public static class FieldProblems
{
    /// <summary>Puts what a use case refused beside its fields, for <c>Html.FieldError</c> and <c>Html.ErrorSummary</c>.</summary>
    public static void AddProblems(this ModelStateDictionary modelState, IEnumerable<FieldProblem> problems)
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(problem.Field, problem.Message);
        }
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Npq.Web.Features.Shared.Errors;

/// <summary>Friendly pages for errors and missing pages, with a reference that is also in the log.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    [Route("/error")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        var reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is not null)
        {
            logger.LogError(failure.Error, "Unhandled error {ErrorReference} on {Path}", reference, failure.Path);
        }

        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", new ErrorViewModel(500, reference));
    }

    [Route("/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int status)
    {
        var reference = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (status is < 400 or > 599)
        {
            status = 404;
        }

        Response.StatusCode = status;
        return View("Error", new ErrorViewModel(status, reference));
    }
}

public sealed record ErrorViewModel(int Status, string Reference)
{
    public string Title => Status switch
    {
        400 => "Something in the request was not right",
        403 => "You do not have access to this page",
        404 => "Page not found",
        405 => "That action is not allowed here",
        429 => "Too many attempts",
        _ when Status >= 500 => "Sorry, something went wrong",
        _ => "Something went wrong",
    };

    public string Explanation => Status switch
    {
        400 => "Go back, check what you entered and try again.",
        403 => "If you think you should have access, contact your provider's administrator.",
        404 => "If you typed the web address, check it is correct. If you followed a link, it may be out of date.",
        429 => "Wait a few minutes and try again.",
        _ when Status >= 500 => "Nothing you entered has been lost that was already saved. Try again in a few minutes; if it keeps happening, quote the reference below.",
        _ => "Try again in a few minutes.",
    };
}

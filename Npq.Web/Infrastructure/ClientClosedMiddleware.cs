using Microsoft.AspNetCore.Diagnostics;

namespace Npq.Web.Infrastructure;

/// <summary>
/// A request whose client closed the connection before its answer was written: the cancellation its reads then throw
/// ends the request here, answered 499 (the client closed the request) with no body, rather than rising as an
/// exception that the request log records as a 500 with a stack trace and the error page is rendered for. Any other
/// exception, and a cancellation while the client is still there (a timeout of the server's own), rises as before.
/// </summary>
public sealed class ClientClosedMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsClientClosed(context, ex))
        {
            // Nothing can reach the client now: no error page is re-executed for the status either.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }
        }
    }

    /// <summary>The exception is the request's own cancellation (or a write to the closed connection) after the client went.</summary>
    internal static bool IsClientClosed(HttpContext context, Exception ex) =>
        context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException;
}

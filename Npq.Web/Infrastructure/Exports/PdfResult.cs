using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SkiaSharp;

namespace Npq.Web.Infrastructure.Exports;

/// <summary>
/// Sends a PDF rendered into native memory (SkiaSharp writes synchronously, which Kestrel refuses on the response
/// body): its bytes are copied once, straight into the response's pipe, with their length, as a download that is
/// never cached. No managed buffer grows, nothing lands on the large object heap.
/// </summary>
public sealed class PdfResult(Func<SKData> render, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        using var pdf = render();
        response.ContentType = "application/pdf";
        response.ContentLength = pdf.Size;
        response.Headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        Copy(pdf, response.BodyWriter);
        await response.BodyWriter.FlushAsync(context.HttpContext.RequestAborted);
    }

    private static void Copy(SKData pdf, PipeWriter writer) => writer.Write(pdf.AsSpan());
}

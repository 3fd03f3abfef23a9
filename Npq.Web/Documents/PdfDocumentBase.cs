using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>A document drawn with SkiaSharp's PDF backend, written to a stream or into native memory.</summary>
public abstract class PdfDocumentBase
{
    /// <summary>The name the download is offered under.</summary>
    public abstract string FileName { get; }

    public void WriteTo(Stream output)
    {
        using var stream = new SKManagedWStream(output);
        Write(stream);
    }

    /// <summary>The PDF in native memory, written without a call back into .NET per write; the caller disposes it.</summary>
    public SKData ToPdf()
    {
        using var stream = new SKDynamicMemoryWStream();
        Write(stream);
        return stream.DetachAsData();
    }

    protected abstract void Write(SKWStream output);
}

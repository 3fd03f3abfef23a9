using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>
/// Every typographic choice of Npq's PDFs in one place. The fonts (DejaVu Sans, an open licence, with £, €,
/// accents and curly quotes) ship inside the assembly so output is the same on every machine and nothing is
/// fetched while rendering.
/// </summary>
public static class Typography
{
    public const float PageWidth = 595.28f;   // A4 in points
    public const float PageHeight = 841.89f;
    public const float MarginLeft = 56f;
    public const float MarginRight = 56f;
    public const float MarginTop = 64f;
    public const float MarginBottom = 64f;
    public const float ContentWidth = PageWidth - MarginLeft - MarginRight;

    public const float BodySize = 10.5f;
    public const float SmallSize = 8.5f;
    public const float LineSpacing = 1.45f;

    public static readonly SKColor Ink = new(0x1b, 0x1f, 0x24);
    public static readonly SKColor Muted = new(0x4a, 0x54, 0x61);
    public static readonly SKColor Brand = new(0x1d, 0x3f, 0x72);
    public static readonly SKColor Line = new(0xcf, 0xd6, 0xdf);

    public static readonly SKTypeface Regular = Load("DejaVuSans.ttf");
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold.ttf");
    public static readonly SKTypeface Italic = Load("DejaVuSans-Oblique.ttf");
    public static readonly SKTypeface BoldItalic = Load("DejaVuSans-BoldOblique.ttf");

    public static float HeadingSize(int level) => level switch
    {
        1 => 20f,
        2 => 15f,
        3 => 12.5f,
        _ => 11f,
    };

    public static SKTypeface Face(bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => BoldItalic,
        (true, false) => Bold,
        (false, true) => Italic,
        _ => Regular,
    };

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(Typography).Assembly.GetManifestResourceStream("Npq.Web.Documents.Fonts." + file)
            ?? throw new InvalidOperationException($"Font {file} is not embedded");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Font {file} could not be read");
    }
}

using SkiaSharp;

namespace Npq.Web.Documents.Layout;

/// <summary>
/// Measures text for one document: a font per face and size, made once, and each distinct word measured once per
/// font (an answer repeats its words a lot).
/// </summary>
internal sealed class TextMeasure : IDisposable
{
    private readonly Dictionary<(int Face, float Size), SKFont> _fonts = [];
    private readonly Dictionary<SKFont, Dictionary<string, float>> _widths = [];

    public SKFont Font(bool bold, bool italic, float size)
    {
        var key = (Typography.FaceIndex(bold, italic), size);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new SKFont(Typography.Face(bold, italic), size);
            _fonts[key] = font;
            _widths[font] = new Dictionary<string, float>(StringComparer.Ordinal);
        }

        return font;
    }

    public float Width(SKFont font, string text)
    {
        var widths = _widths[font];
        if (!widths.TryGetValue(text, out var width))
        {
            width = font.MeasureText(text);
            widths[text] = width;
        }

        return width;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
        _widths.Clear();
    }
}

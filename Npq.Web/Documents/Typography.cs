using Npq.Web.Documents.Layout;
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

    // Index: 1 for bold, 2 for italic (see FaceIndex). Each font is read once per process; its typeface measures
    // text, and each document embeds a subset of it cut from the parsed file.
    private static readonly FontFile[] Files =
    [
        new("DejaVuSans.ttf"),
        new("DejaVuSans-Bold.ttf"),
        new("DejaVuSans-Oblique.ttf"),
        new("DejaVuSans-BoldOblique.ttf"),
    ];

    public static SKTypeface Regular => Files[0].Typeface;
    public static SKTypeface Bold => Files[1].Typeface;
    public static SKTypeface Italic => Files[2].Typeface;
    public static SKTypeface BoldItalic => Files[3].Typeface;

    public static float HeadingSize(int level) => level switch
    {
        1 => 20f,
        2 => 15f,
        3 => 12.5f,
        _ => 11f,
    };

    public static SKTypeface Face(bool bold, bool italic) => Files[FaceIndex(bold, italic)].Typeface;

    /// <summary>0 regular, 1 bold, 2 italic, 3 bold italic.</summary>
    public static int FaceIndex(bool bold, bool italic) => (bold ? 1 : 0) | (italic ? 2 : 0);

    internal static FontFile File(int faceIndex) => Files[faceIndex];

    /// <summary>One shipped font: its full typeface (for measuring) and its parsed file (for cutting subsets).</summary>
    internal sealed class FontFile
    {
        private readonly Lazy<SKTypeface> _common;

        public FontFile(string file)
        {
            using var stream = typeof(Typography).Assembly.GetManifestResourceStream("Npq.Web.Documents.Fonts." + file)
                ?? throw new InvalidOperationException($"Font {file} is not embedded");
            var data = new byte[stream.Length];
            stream.ReadExactly(data);
            using var skData = SKData.CreateCopy(data);
            Typeface = SKTypeface.FromData(skData) ?? throw new InvalidOperationException($"Font {file} could not be read");
            Program = new TrueTypeSubset(data);
            AlwaysEmbedded = Typeface.GetGlyphs(Enumerable.Range(0x20, 0x7f - 0x20).ToArray());
            _common = new Lazy<SKTypeface>(() => Subset(CommonCodePoints), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public SKTypeface Typeface { get; }

        public TrueTypeSubset Program { get; }

        /// <summary>
        /// The printable ASCII glyphs go into every subset, whatever the document draws: FreeType reads a few letters
        /// (M, X) to describe the face, and this keeps that description the same as the full font's.
        /// </summary>
        public ushort[] AlwaysEmbedded { get; }

        /// <summary>
        /// The subset with every <see cref="IsCommon">common</see> character, made once per process and shared by every
        /// document whose text in this face uses nothing else: most documents, which then pay neither for cutting a
        /// subset nor for FreeType loading and hinting its glyphs again (a few milliseconds), for about 12 KB more to
        /// deflate per face than an exact subset. Never disposed.
        /// </summary>
        public SKTypeface CommonSubset => _common.Value;

        /// <summary>A typeface of this face holding (at least) the glyphs of <paramref name="codePoints"/>: the caller disposes it.</summary>
        public SKTypeface Subset(IEnumerable<int> codePoints)
        {
            var subset = Program.Subset(Typeface.GetGlyphs(codePoints.ToArray()).Concat(AlwaysEmbedded));
            using var data = SKData.CreateCopy(subset);
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException("A font subset could not be read");
        }
    }

    /// <summary>
    /// The characters of most documents: ASCII, Latin-1 (£, é, ë, ñ…), the typographic punctuation (– — ‘ ’ “ ” • …)
    /// and €, ™ and −. A face whose text uses only these is embedded from one subset made once per process.
    /// </summary>
    internal static bool IsCommon(int codePoint) => codePoint is (>= 0x20 and <= 0x7e) or (>= 0xa0 and <= 0xff) or (>= 0x2010 and <= 0x2027)
        or (>= 0x2030 and <= 0x203a) or 0x20ac or 0x2122 or 0x2212;

    private static readonly int[] CommonCodePoints = Enumerable.Range(0x20, 0x2213 - 0x20).Where(IsCommon).ToArray();
}

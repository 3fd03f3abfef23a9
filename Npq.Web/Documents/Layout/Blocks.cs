using SkiaSharp;

namespace Npq.Web.Documents.Layout;

/// <summary>A piece of text in one style.</summary>
public sealed record Run(string Text, bool Bold = false, bool Italic = false, SKColor? Colour = null, float? Size = null);

/// <summary>What a document is made of; the layout engine flows blocks over pages.</summary>
public abstract record Block;

public sealed record Heading(string Text, int Level) : Block;

/// <summary>A paragraph of runs, optionally indented, optionally with a marker ("•", "3.") hanging to its left.</summary>
public sealed record Paragraph(IReadOnlyList<Run> Runs, float Indent = 0, string? Marker = null, float? Size = null) : Block
{
    public Paragraph(string text, bool bold = false, bool italic = false)
        : this([new Run(text, bold, italic)])
    {
    }
}

/// <summary>Label/value rows (a cover page's facts).</summary>
public sealed record Facts(IReadOnlyList<KeyValuePair<string, string>> Rows, float LabelWidth = 150) : Block;

public sealed record Spacer(float Height) : Block;

public sealed record Rule : Block;

public sealed record PageBreak : Block;

/// <summary>A filled box with a title and text, for an outcome or a notice.</summary>
public sealed record Panel(string Title, string Text, SKColor Colour) : Block;

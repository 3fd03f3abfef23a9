using System.Text;
using SkiaSharp;

namespace Npq.Web.Documents.Layout;

// Line breaking: how runs of styled text are cut into lines that fit a width.
public sealed partial class PdfComposer
{
    /// <summary>
    /// Greedy line filling over words, keeping each run's style. A word wider than the line is split by characters
    /// so nothing is ever lost off the edge. Explicit line breaks ("\n") are kept.
    /// </summary>
    internal static List<List<(string Text, Run Run, float Offset)>> Wrap(IReadOnlyList<Run> runs, float width, float defaultSize)
    {
        using var measure = new TextMeasure();
        return Wrap(runs, width, defaultSize, measure);
    }

    /// <summary>
    /// <see cref="Wrap(IReadOnlyList{Run}, float, float)"/> with the document's measurer. Linear: each word is
    /// measured once (and repeated words not at all), and the words of one run on one line are gathered into one
    /// string whose end is tracked as it grows rather than measured again.
    /// </summary>
    internal static List<List<(string Text, Run Run, float Offset)>> Wrap(IReadOnlyList<Run> runs, float width, float defaultSize, TextMeasure measure)
    {
        var line = new List<(string Text, Run Run, float Offset)>();
        var lines = new List<List<(string Text, Run Run, float Offset)>> { line };
        var x = 0f;

        // The last segment of the line stays open (its text in a builder) while words of its run join it.
        var open = new StringBuilder();
        Run? openRun = null;
        var openOffset = 0f;
        var openEnd = 0f;

        void Close()
        {
            if (openRun is not null)
            {
                line.Add((open.ToString(), openRun, openOffset));
                open.Clear();
                openRun = null;
            }
        }

        void Open(string text, Run run, float offset, float end)
        {
            Close();
            open.Append(text);
            openRun = run;
            openOffset = offset;
            openEnd = end;
        }

        void NewLine()
        {
            Close();
            line = [];
            lines.Add(line);
            x = 0;
        }

        foreach (var run in runs)
        {
            var font = measure.Font(run.Bold, run.Italic, run.Size ?? defaultSize);
            var spaceWidth = measure.Width(font, " ");
            var paragraphs = run.Text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            for (var p = 0; p < paragraphs.Length; p++)
            {
                if (p > 0)
                {
                    NewLine();
                }

                var words = paragraphs[p].Split(' ');
                for (var w = 0; w < words.Length; w++)
                {
                    var word = words[w];
                    if (word.Length == 0)
                    {
                        if (x > 0)
                        {
                            x += spaceWidth;
                        }

                        continue;
                    }

                    var wordWidth = measure.Width(font, word);
                    if (x > 0 && x + wordWidth > width)
                    {
                        NewLine();
                    }

                    while (wordWidth > width)
                    {
                        // Split an over-long word (a URL, say) at the last character that fits.
                        var fit = LastFit(font, word, width - x);
                        Open(word[..fit], run, x, x);
                        NewLine();
                        word = word[fit..];
                        wordWidth = font.MeasureText(word);
                    }

                    // Words of one run on one line are drawn as one string, spaces included, so the PDF's
                    // text copies and searches as a sentence rather than glued-together words.
                    if (openRun is not null && ReferenceEquals(openRun, run) && x > 0)
                    {
                        var spaces = Math.Max(1, (int)Math.Round((x - openEnd) / spaceWidth));
                        open.Append(' ', spaces).Append(word);
                        openEnd = x + wordWidth;
                    }
                    else if (openRun is not null && x > 0 && x - openEnd >= spaceWidth * 0.5f)
                    {
                        // A new style after a space: carry the space in the text too, drawn where it was measured.
                        Open(" " + word, run, x - spaceWidth, x + wordWidth);
                    }
                    else
                    {
                        Open(word, run, x, x + wordWidth);
                    }

                    x += wordWidth;
                    if (w < words.Length - 1)
                    {
                        x += spaceWidth;
                    }
                }
            }
        }

        Close();
        if (lines.Count > 1 && lines[^1].Count == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>
    /// The longest prefix (at least one character, at most all but one) no wider than <paramref name="available"/>,
    /// or one character when none fits. Prefix widths only grow, so a binary search finds it.
    /// </summary>
    private static int LastFit(SKFont font, string word, float available)
    {
        if (word.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            // A surrogate pair cut in half measures as a missing glyph, so widths need not grow: look one by one.
            var fit = word.Length - 1;
            while (fit > 1 && font.MeasureText(word.AsSpan(0, fit)) > available)
            {
                fit--;
            }

            return fit;
        }

        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (font.MeasureText(word.AsSpan(0, middle)) <= available)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}

using System.Buffers.Binary;

namespace Npq.Web.Documents.Layout;

/// <summary>
/// A TrueType font parsed once (its table directory, glyph locations and metrics), from which a document's subset
/// is cut: only the glyphs the document draws keep their outlines. SkiaSharp's PDF backend has no subsetter and
/// would otherwise embed, and deflate, the whole font (about 700 KB per face) into every PDF.
/// </summary>
/// <remarks>
/// Glyph ids are kept as they are (unused glyphs become empty), so the cmap, the advances and therefore every
/// measurement, position and the text's Unicode mapping stay exactly those of the full font. Tables a PDF viewer
/// never reads (OpenType layout, kerning, glyph names, licence text) are left out, as every PDF subsetter does.
/// </remarks>
internal sealed class TrueTypeSubset
{
    // What the subset keeps: what FreeType needs to load the face and its outlines (so Skia measures and describes
    // it as before) and the hinting programs. post is reduced to its header and name to the naming records.
    private static readonly string[] Kept = ["OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"];

    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly int[] _glyphOffsets;

    public TrueTypeSubset(byte[] data)
    {
        _data = data;
        var version = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (version is not (0x00010000 or 0x74727565))
        {
            throw new InvalidOperationException("Not a TrueType font");
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = data.AsSpan(12 + (16 * i), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            _tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        foreach (var required in new[] { "head", "maxp", "hhea", "hmtx", "loca", "glyf", "cmap" })
        {
            if (!_tables.ContainsKey(required))
            {
                throw new InvalidOperationException($"The font has no {required} table");
            }
        }

        GlyphCount = BinaryPrimitives.ReadUInt16BigEndian(Table("maxp")[4..]);
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(Table("head")[50..]) == 1;
        var loca = Table("loca");
        _glyphOffsets = new int[GlyphCount + 1];
        for (var i = 0; i <= GlyphCount; i++)
        {
            _glyphOffsets[i] = longOffsets ? (int)BinaryPrimitives.ReadUInt32BigEndian(loca[(4 * i)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(2 * i)..]) * 2;
        }
    }

    public int GlyphCount { get; }

    /// <summary>A complete font file whose only outlines are those of <paramref name="glyphs"/> (and what they are built from) and .notdef.</summary>
    public byte[] Subset(IEnumerable<ushort> glyphs)
    {
        var keep = new bool[GlyphCount];
        var pending = new Stack<int>();
        pending.Push(0);
        foreach (var glyph in glyphs)
        {
            pending.Push(glyph);
        }

        var glyf = Table("glyf");
        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (glyph >= GlyphCount || keep[glyph])
            {
                continue;
            }

            keep[glyph] = true;
            foreach (var component in Components(glyf, glyph))
            {
                pending.Push(component);
            }
        }

        var glyfLength = 0;
        for (var i = 0; i < GlyphCount; i++)
        {
            if (keep[i])
            {
                glyfLength += Align4(_glyphOffsets[i + 1] - _glyphOffsets[i]);
            }
        }

        // The new tables, in tag order.
        var tables = new List<(string Tag, byte[] Data)>();
        foreach (var tag in Kept)
        {
            if (!_tables.ContainsKey(tag))
            {
                continue;
            }

            tables.Add((tag, tag switch
            {
                "glyf" => Glyf(glyf, keep, glyfLength),
                "loca" => Loca(keep),
                "head" => Head(),
                "hmtx" => Hmtx(keep),
                "post" => Post(),
                "name" => Name(),
                _ => Table(tag).ToArray(),
            }));
        }

        tables.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        return Assemble(tables);
    }

    private ReadOnlySpan<byte> Table(string tag) => _tables.TryGetValue(tag, out var t) ? _data.AsSpan(t.Offset, t.Length) : [];

    private static int Align4(int length) => (length + 3) & ~3;

    /// <summary>The glyphs a composite glyph is made of (none for a simple or empty glyph).</summary>
    private IEnumerable<int> Components(ReadOnlySpan<byte> glyf, int glyph)
    {
        var start = _glyphOffsets[glyph];
        var length = _glyphOffsets[glyph + 1] - start;
        if (length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyf[start..]) >= 0)
        {
            return [];
        }

        var components = new List<int>();
        var position = start + 10;
        var end = start + length;
        while (position + 4 <= end)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyf[position..]);
            components.Add(BinaryPrimitives.ReadUInt16BigEndian(glyf[(position + 2)..]));
            position += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            position += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
            if ((flags & 0x0020) == 0)
            {
                break;
            }
        }

        return components;
    }

    /// <summary>The kept glyphs' data, each padded to four bytes, in glyph order (the order <see cref="Loca"/> indexes).</summary>
    private byte[] Glyf(ReadOnlySpan<byte> glyf, bool[] keep, int length)
    {
        var output = new byte[length];
        var position = 0;
        for (var i = 0; i < GlyphCount; i++)
        {
            if (keep[i])
            {
                var size = _glyphOffsets[i + 1] - _glyphOffsets[i];
                glyf.Slice(_glyphOffsets[i], size).CopyTo(output.AsSpan(position));
                position += Align4(size);
            }
        }

        return output;
    }

    /// <summary>Long (32-bit) offsets: a kept glyph's span, zero length for every other glyph.</summary>
    private byte[] Loca(bool[] keep)
    {
        var output = new byte[4 * (GlyphCount + 1)];
        var position = 0;
        for (var i = 0; i < GlyphCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(4 * i), (uint)position);
            if (keep[i])
            {
                position += Align4(_glyphOffsets[i + 1] - _glyphOffsets[i]);
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(4 * GlyphCount), (uint)position);
        return output;
    }

    /// <summary>
    /// The kept glyphs' advances and side bearings as they are; zeros for the others, which nothing draws or measures
    /// and which then cost next to nothing to deflate.
    /// </summary>
    private byte[] Hmtx(bool[] keep)
    {
        var hmtx = Table("hmtx");
        var output = new byte[hmtx.Length];
        var longMetrics = BinaryPrimitives.ReadUInt16BigEndian(Table("hhea")[34..]);
        for (var i = 0; i < GlyphCount; i++)
        {
            // The last long metric's advance also serves every glyph after it, so it always stays.
            var (offset, length) = i < longMetrics ? (4 * i, 4) : ((4 * longMetrics) + (2 * (i - longMetrics)), 2);
            if ((keep[i] || i == longMetrics - 1) && offset + length <= hmtx.Length)
            {
                hmtx.Slice(offset, length).CopyTo(output.AsSpan(offset));
            }
        }

        return output;
    }

    private byte[] Head()
    {
        var head = Table("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);   // checkSumAdjustment, set once the file is whole
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);   // indexToLocFormat: long offsets
        return head;
    }

    /// <summary>post version 3: the same italic angle, underline and pitch, no glyph names.</summary>
    private byte[] Post()
    {
        var post = Table("post");
        var output = new byte[32];
        post[..Math.Min(32, post.Length)].CopyTo(output);
        BinaryPrimitives.WriteUInt32BigEndian(output, 0x00030000);
        return output;
    }

    /// <summary>The naming records (copyright, family, style, unique and full names, version, PostScript name, typographic family and style); no licence text.</summary>
    private byte[] Name()
    {
        var name = Table("name");
        var count = BinaryPrimitives.ReadUInt16BigEndian(name[2..]);
        var storage = BinaryPrimitives.ReadUInt16BigEndian(name[4..]);
        var records = new List<(ushort Platform, ushort Encoding, ushort Language, ushort Id, int Offset, int Length)>();
        for (var i = 0; i < count; i++)
        {
            var r = name.Slice(6 + (12 * i), 12);
            var id = BinaryPrimitives.ReadUInt16BigEndian(r[6..]);
            if (id <= 6 || id is 16 or 17)
            {
                records.Add((BinaryPrimitives.ReadUInt16BigEndian(r), BinaryPrimitives.ReadUInt16BigEndian(r[2..]), BinaryPrimitives.ReadUInt16BigEndian(r[4..]), id,
                    storage + BinaryPrimitives.ReadUInt16BigEndian(r[10..]), BinaryPrimitives.ReadUInt16BigEndian(r[8..])));
            }
        }

        var header = 6 + (12 * records.Count);
        var output = new byte[header + records.Sum(r => r.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(2), (ushort)records.Count);
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(4), (ushort)header);
        var position = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var (platform, encoding, language, id, offset, length) = records[i];
            var r = output.AsSpan(6 + (12 * i), 12);
            BinaryPrimitives.WriteUInt16BigEndian(r, platform);
            BinaryPrimitives.WriteUInt16BigEndian(r[2..], encoding);
            BinaryPrimitives.WriteUInt16BigEndian(r[4..], language);
            BinaryPrimitives.WriteUInt16BigEndian(r[6..], id);
            BinaryPrimitives.WriteUInt16BigEndian(r[8..], (ushort)length);
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], (ushort)position);
            name.Slice(offset, length).CopyTo(output.AsSpan(header + position));
            position += length;
        }

        return output;
    }

    private static byte[] Assemble(List<(string Tag, byte[] Data)> tables)
    {
        var directory = 12 + (16 * tables.Count);
        var output = new byte[directory + tables.Sum(t => Align4(t.Data.Length))];
        var span = output.AsSpan();
        var entrySelector = (int)Math.Log2(tables.Count);
        var searchRange = (1 << entrySelector) * 16;
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tables.Count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tables.Count * 16) - searchRange));
        var position = directory;
        var headOffset = -1;
        for (var i = 0; i < tables.Count; i++)
        {
            var (tag, data) = tables[i];
            data.CopyTo(span[position..]);
            var record = span.Slice(12 + (16 * i), 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(span.Slice(position, Align4(data.Length))));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            if (tag == "head")
            {
                headOffset = position;
            }

            position += Align4(data.Length);
        }

        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(span)));
        }

        return output;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        }

        return sum;
    }
}

using System.Text;

namespace Distill.Teachers.Mesh;

/// <summary>
/// Reads <c>mesh-terms.tsv</c> (see <c>data/mesh/PROVENANCE.md</c>): UTF-8, tab-separated, one header line
/// <c>descriptor_ui preferred_name tree_numbers category terms</c>, tree numbers joined by <c>;</c>, terms by
/// <c>|</c>. Errors name the file and line.
/// </summary>
internal static class MeshReader
{
    static readonly string[] Header = ["descriptor_ui", "preferred_name", "tree_numbers", "category", "terms"];

    /// <summary>Longest line accepted (the longest in MeSH 2024 is ~5 kB); a bigger one is not this file.</summary>
    const int MaxLineChars = 1 << 20;

    public static IReadOnlyList<MeshDescriptor> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static IReadOnlyList<MeshDescriptor> Read(TextReader reader, string source)
    {
        var lineNumber = 1;
        var header = ReadLine(reader, source, lineNumber) ?? throw new InvalidDataException($"{source}: empty file, expected the header '{string.Join('\t', Header)}'.");
        if (!header.Split('\t').SequenceEqual(Header))
            throw new InvalidDataException($"{source}:1: expected the header '{string.Join('\t', Header)}', found '{Truncate(header)}'.");
        var descriptors = new List<MeshDescriptor>();
        while (ReadLine(reader, source, ++lineNumber) is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != Header.Length)
                throw new InvalidDataException($"{source}:{lineNumber}: expected {Header.Length} tab-separated fields, found {fields.Length}.");
            if (fields[0].Length == 0 || fields[1].Length == 0)
                throw new InvalidDataException($"{source}:{lineNumber}: empty descriptor_ui or preferred_name.");
            var trees = fields[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var terms = fields[4].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            descriptors.Add(new MeshDescriptor(fields[0], fields[1], trees, fields[3], terms.Length == 0 ? [fields[1]] : terms));
        }
        return descriptors;
    }

    /// <summary>One line without its end, or null at the end; a line over <see cref="MaxLineChars"/> fails before it is all read.</summary>
    static string? ReadLine(TextReader reader, string source, int lineNumber)
    {
        var line = new StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c < 0) return line.Length == 0 ? null : line.ToString();
            if (c == '\n') return line.ToString();
            if (c == '\r') { if (reader.Peek() == '\n') reader.Read(); return line.ToString(); }
            if (line.Length == MaxLineChars)
                throw new InvalidDataException($"{source}:{lineNumber}: line longer than {MaxLineChars:N0} characters; a MeSH descriptor row is a few kB at most.");
            line.Append((char)c);
        }
    }

    static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

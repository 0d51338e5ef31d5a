using System.Text;

namespace Distill.Teachers.Dictionary;

/// <summary>One DrugBank vocabulary row: id, common name and synonyms.</summary>
internal sealed record DrugEntry(string DrugBankId, string CommonName, IReadOnlyList<string> Synonyms);

/// <summary>
/// Reads DrugBank's open "vocabulary" CSV (RFC 4180, header <c>DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key</c>;
/// synonyms joined by <c> | </c>). Errors name the file and line.
/// </summary>
internal static class DrugVocabularyReader
{
    public static IReadOnlyList<DrugEntry> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static IReadOnlyList<DrugEntry> Read(TextReader reader, string source)
    {
        var lineNumber = 0;
        var header = ReadRecord(reader, source, ref lineNumber)
            ?? throw new InvalidDataException($"{source}: empty file, expected a DrugBank vocabulary CSV header.");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{source}:1: header has no '{name}' column (found: {string.Join(", ", header)}).");
        int idColumn = Column("DrugBank ID"), nameColumn = Column("Common name"), synonymsColumn = Column("Synonyms");
        var entries = new List<DrugEntry>();
        while (ReadRecord(reader, source, ref lineNumber) is { } fields)
        {
            if (fields.Length == 1 && fields[0].Length == 0) continue;
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{source}:{lineNumber}: expected {header.Length} fields, found {fields.Length}.");
            var synonyms = fields[synonymsColumn].Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            entries.Add(new DrugEntry(fields[idColumn], fields[nameColumn], synonyms));
        }
        return entries;
    }

    /// <summary>One CSV record (quoted fields may span lines); null at end of input.</summary>
    static string[]? ReadRecord(TextReader reader, string source, ref int lineNumber)
    {
        var line = reader.ReadLine();
        if (line is null) return null;
        lineNumber++;
        var startLine = lineNumber;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= line.Length)
            {
                if (!quoted) break;
                line = reader.ReadLine() ?? throw new InvalidDataException($"{source}:{startLine}: quoted field is not closed before the end of the file.");
                lineNumber++;
                field.Append('\n');
                i = 0;
                continue;
            }
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
            i++;
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}

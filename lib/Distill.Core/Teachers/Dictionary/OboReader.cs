using System.Text;

namespace Distill.Teachers.Dictionary;

/// <summary>
/// Reads the <c>[Term]</c> stanzas of an OBO 1.2 flat file (Disease Ontology, Symptom Ontology): <c>id</c>,
/// <c>name</c>, <c>synonym</c> (quoted text, scope) and <c>is_obsolete</c>. Other tags and other stanza types
/// (<c>[Typedef]</c>) are skipped. Errors name the file and line.
/// </summary>
internal static class OboReader
{
    public static IReadOnlyList<OboTerm> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static IReadOnlyList<OboTerm> Read(TextReader reader, string source)
    {
        var terms = new List<OboTerm>();
        string? id = null, name = null;
        var synonyms = new List<OboSynonym>();
        var obsolete = false;
        var inTerm = false;
        var startLine = 0;
        var lineNumber = 0;

        void Flush()
        {
            if (!inTerm) return;
            if (id is null) throw new InvalidDataException($"{source}:{startLine}: [Term] stanza has no 'id:' line.");
            if (name is null) throw new InvalidDataException($"{source}:{startLine}: [Term] {id} has no 'name:' line.");
            terms.Add(new OboTerm(id, name, synonyms.ToArray(), obsolete));
        }

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith('['))
            {
                Flush();
                inTerm = line.TrimEnd() == "[Term]";
                id = name = null;
                synonyms.Clear();
                obsolete = false;
                startLine = lineNumber;
                continue;
            }
            if (!inTerm) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var tag = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (tag)
            {
                case "id": id = value; break;
                case "name": name = value; break;
                case "is_obsolete": obsolete = value == "true"; break;
                case "synonym": synonyms.Add(ParseSynonym(value, source, lineNumber)); break;
            }
        }
        Flush();
        return terms;
    }

    /// <summary><c>"text with \" escapes" SCOPE [TYPE] [xrefs]</c>.</summary>
    static OboSynonym ParseSynonym(string value, string source, int line)
    {
        if (!value.StartsWith('"'))
            throw new InvalidDataException($"{source}:{line}: synonym must start with a quoted text, got '{value}'.");
        var text = new StringBuilder();
        var i = 1;
        for (; i < value.Length && value[i] != '"'; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            text.Append(value[i]);
        }
        if (i >= value.Length)
            throw new InvalidDataException($"{source}:{line}: synonym text has no closing quote: '{value}'.");
        var rest = value[(i + 1)..].TrimStart();
        var scopeWord = rest.Split(' ', 2)[0];
        var scope = scopeWord switch
        {
            "EXACT" => SynonymScope.Exact,
            "RELATED" => SynonymScope.Related,
            "NARROW" => SynonymScope.Narrow,
            "BROAD" => SynonymScope.Broad,
            // OBO 1.0 files may omit the scope; the spec's default is RELATED.
            _ => SynonymScope.Related,
        };
        return new OboSynonym(text.ToString(), scope);
    }
}

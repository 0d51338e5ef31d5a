using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Distill.Corpora;

/// <summary>
/// Reads our JSONL document format (see <see cref="JsonlCorpusWriter"/>), so users can bring any
/// corpus. Required: <c>id</c> (non-empty string), <c>text</c> (string). Optional: <c>spans</c> (array,
/// default empty; each needs <c>start</c>, <c>end</c>, <c>type</c>; <c>text</c>, when present, must equal
/// the covered text, when absent it is filled in), <c>metadata</c> (object; strings kept, other values
/// kept as their JSON text). Unknown fields are ignored. Types are taken as written unless a label map is given.
/// Blank lines are skipped; ids must be unique within a file. Errors name the file and the 1-based line.
/// </summary>
public static class JsonlCorpusReader
{
    public const string Extension = ".jsonl";

    public static async IAsyncEnumerable<Document> ReadAsync(
        string path, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"JSONL corpus file not found: {path}", path);
        using var reader = TextFileEncoding.OpenReader(path, options?.Encoding);
        await foreach (var doc in ReadAsync(reader, path, options, report, cancellationToken))
            yield return doc;
    }

    public static async IAsyncEnumerable<Document> ReadAsync(
        TextReader reader, string sourceName, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        var map = options.LabelMap ?? LabelMap.Identity;
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (Parse(line, sourceName, lineNo, map, problems) is not { } doc)
                continue;
            // Later stages key caches and predictions by id, so an id must name one document per file.
            if (!firstLineOf.TryAdd(doc.Id, lineNo))
            {
                problems.Raise(sourceName, lineNo, $"document id '{doc.Id}' was already used on line {firstLineOf[doc.Id]}; ids must be unique within a file.");
                continue;
            }
            yield return doc;
        }
    }

    public static IReadOnlyList<Document> Read(string path, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        ReadAsync(path, options, report).ToBlockingEnumerable().ToList();

    /// <summary>Reads every <c>*.jsonl</c> of <paramref name="dir"/> as one split named after the file.</summary>
    public static async Task<Corpus> ReadCorpusAsync(
        string dir, string? name = null, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"JSONL corpus folder not found: {dir}");
        var files = Directory.GetFiles(dir, "*" + Extension).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new FileNotFoundException($"No *{Extension} files in {dir}; expected one per split (train{Extension}, dev{Extension}, ...).");
        var splits = new Dictionary<string, IReadOnlyList<Document>>();
        foreach (var file in files)
        {
            var docs = new List<Document>();
            await foreach (var doc in ReadAsync(file, options, report, cancellationToken))
                docs.Add(doc);
            (options ?? CorpusReadOptions.Strict).RequireDocuments(file, docs.Count);
            splits[Path.GetFileNameWithoutExtension(file)] = docs;
        }
        return new Corpus(name ?? Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar)), splits);
    }

    static Document? Parse(string line, string file, int lineNo, LabelMap map, ReadProblems problems)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            problems.Raise(file, lineNo, $"not valid JSON ({ex.Message}).");
            return null;
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Raise(file, lineNo, $"expected a JSON object per line, got {root.ValueKind}.");
                return null;
            }
            if (!TryString(root, "id", out var id) || id.Length == 0)
            {
                problems.Raise(file, lineNo, "field 'id' must be a non-empty string.");
                return null;
            }
            if (!TryString(root, "text", out var text))
            {
                problems.Raise(file, lineNo, $"document '{id}': field 'text' must be a string.");
                return null;
            }
            var spans = new List<EntitySpan>();
            if (root.TryGetProperty("spans", out var spansJson) && spansJson.ValueKind != JsonValueKind.Null)
            {
                if (spansJson.ValueKind != JsonValueKind.Array)
                {
                    problems.Raise(file, lineNo, $"document '{id}': field 'spans' must be an array.");
                    return null;
                }
                var index = 0;
                foreach (var s in spansJson.EnumerateArray())
                {
                    if (ParseSpan(s, text, $"document '{id}' span {index}", file, lineNo, map, problems) is { } span)
                        spans.Add(span);
                    index++;
                }
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
            {
                if (meta.ValueKind != JsonValueKind.Object)
                {
                    problems.Raise(file, lineNo, $"document '{id}': field 'metadata' must be an object.");
                    return null;
                }
                foreach (var p in meta.EnumerateObject())
                    metadata[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            return new Document(id, text, spans, metadata);
        }
    }

    static EntitySpan? ParseSpan(JsonElement s, string text, string what, string file, int lineNo, LabelMap map, ReadProblems problems)
    {
        if (s.ValueKind != JsonValueKind.Object
            || !TryInt(s, "start", out var start) || !TryInt(s, "end", out var end)
            || !TryString(s, "type", out var sourceType) || sourceType.Length == 0)
        {
            problems.Raise(file, lineNo, $"{what}: expected an object with integer 'start', 'end' and a non-empty string 'type'.");
            return null;
        }
        string? expected = null;
        if (s.TryGetProperty("text", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.String)
            {
                problems.Raise(file, lineNo, $"{what}: 'text' must be a string.");
                return null;
            }
            expected = t.GetString();
        }
        if (!problems.CheckSpan(text, start, end, expected, file, lineNo, what))
            return null;
        if (problems.MapType(map, sourceType, file, lineNo) is not { } type)
            return null;
        TryString(s, "source_type", out var originalType);
        TryString(s, "source_id", out var sourceId);
        return new EntitySpan(start, end, type, text[start..end])
        {
            // A label map applied here makes the written type the source type, unless the file already had one.
            SourceType = originalType.Length > 0 ? originalType : type != sourceType ? sourceType : null,
            SourceId = sourceId.Length > 0 ? sourceId : null,
        };
    }

    static bool TryInt(JsonElement obj, string name, out int value)
    {
        value = 0;
        return obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    static bool TryString(JsonElement obj, string name, out string value)
    {
        value = "";
        if (!obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String)
            return false;
        value = e.GetString()!;
        return true;
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Distill.Corpora;

namespace Distill.Students.Training;

/// <summary>
/// Reads the distillation training set (JSONL, one document per line), as the subset-search stage
/// writes it: <c>{"id", "text", "spans": [{"start","end","type","text"}], "tokens": [[start,end],...],
/// "tags": ["O","disease",...], "labels"?: ["O","disease"], "probabilities"?: [[pO,pdisease],...]}</c>.
/// A line with only spans (a plain gold document) is tokenized with <see cref="ClinicalWordTokenizer"/>
/// and tagged with <see cref="IoTagging.Encode"/>. Errors name the file, line and field.
/// </summary>
public static class TrainingSetReader
{
    /// <summary>
    /// Streams the documents of <paramref name="path"/>, decoded as strict UTF-8 (bytes that are not UTF-8 are a
    /// <see cref="CorpusFormatException"/> naming file and line, as for corpora); any other problem is an
    /// <see cref="InvalidDataException"/> whose message starts with <c>file:line:</c>.
    /// </summary>
    public static async IAsyncEnumerable<TrainingDocument> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Training set not found: {path}", path);
        using var reader = TextFileEncoding.OpenReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return Parse(line, $"{path}:{lineNumber}");
        }
    }

    /// <summary>Reads the whole file, stopping after <paramref name="maxDocuments"/> when given.</summary>
    public static async Task<List<TrainingDocument>> ReadAllAsync(string path, int? maxDocuments = null, CancellationToken cancellationToken = default)
    {
        var documents = new List<TrainingDocument>();
        await foreach (var doc in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (documents.Count >= maxDocuments) break;
            documents.Add(doc);
        }
        return documents;
    }

    internal static TrainingDocument Parse(string line, string where)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not a JSON object ({e.Message}).", e);
        }
        using (json)
        {
            // Issue 15: a line such as [1,2], or "spans": null, reached TryGetProperty / EnumerateArray on the wrong kind
            // of value and surfaced as an InvalidOperationException stack trace. Every field's kind is checked first.
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{where}: expected a JSON object {{\"id\", \"text\", ...}}, got a JSON {Kind(root)}.");
            var id = String(root, "id", where);
            // Found by the fuzzer: "id": "" reached Document's constructor (ArgumentException) on a gold line.
            if (id.Length == 0)
                throw new InvalidDataException($"{where}: field 'id' is empty; every document needs an id.");
            var text = String(root, "text", where);
            // "spans": null is refused rather than read as "no spans": a gold document whose spans were lost on export
            // would otherwise train the student that nothing in it is a mention (issue 15).
            if (root.TryGetProperty("spans", out var spansValue) && spansValue.ValueKind == JsonValueKind.Null)
                throw new InvalidDataException($"{where}: field 'spans' is null; expected an array of spans (write [] for a document without mentions).");
            var spans = new List<EntitySpan>();
            var index = 0;
            foreach (var s in OptionalArray(root, "spans", where))
            {
                var what = $"'spans' item {index++}";
                if (s.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{where}: field {what} is a JSON {Kind(s)}, expected an object {{\"start\", \"end\", \"type\"}}.");
                var start = Int(s, "start", where);
                var end = Int(s, "end", where);
                var type = String(s, "type", where);
                if (start < 0 || end > text.Length || start >= end)
                    throw new InvalidDataException($"{where}: span [{start}, {end}) is outside the text (length {text.Length}).");
                spans.Add(new EntitySpan(start, end, type, text[start..end]));
            }

            if (!Present(root, "tokens"))
            {
                if (Present(root, "probabilities"))
                    throw new InvalidDataException($"{where}: 'probabilities' need the 'tokens' they are aligned with.");
                try
                {
                    return TrainingDocument.FromGold(new Document(id, text, spans));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{where}: {e.Message}", e);
                }
            }

            var tokens = new List<Token>();
            foreach (var t in OptionalArray(root, "tokens", where))
            {
                if (t.ValueKind != JsonValueKind.Array || t.GetArrayLength() != 2 || !IsInt32(t[0], out var start) || !IsInt32(t[1], out var end))
                    throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} is not [start, end] (two integers).");
                if (start < 0 || end > text.Length || start >= end || (tokens.Count > 0 && start < tokens[^1].End))
                    throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} [{start}, {end}) is outside the text, empty or out of order.");
                tokens.Add(new Token(start, end, text[start..end]));
            }
            if (!Present(root, "tags"))
                throw new InvalidDataException($"{where}: field 'tags' is missing (one IO tag per token).");
            var tags = Strings(root, "tags", where);
            if (tags.Length != tokens.Count)
                throw new InvalidDataException($"{where}: {tokens.Count} tokens but {tags.Length} tags.");

            string[]? labels = null;
            List<float[]>? probabilities = null;
            if (Present(root, "probabilities"))
            {
                if (!Present(root, "labels"))
                    throw new InvalidDataException($"{where}: 'probabilities' without 'labels' (the order of each vector).");
                labels = Strings(root, "labels", where);
                probabilities = [];
                foreach (var row in OptionalArray(root, "probabilities", where))
                {
                    if (row.ValueKind != JsonValueKind.Array || row.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                        throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} is not an array of numbers.");
                    var p = row.EnumerateArray().Select(v => v.GetSingle()).ToArray();
                    if (p.Length != labels.Length)
                        throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} has {p.Length} values for {labels.Length} labels.");
                    if (p.Any(v => v < 0 || !float.IsFinite(v)) || Math.Abs(p.Sum() - 1) > 1e-3)
                        throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} is not a probability vector (non-negative, sums to 1).");
                    probabilities.Add(p);
                }
                if (probabilities.Count != tokens.Count)
                    throw new InvalidDataException($"{where}: {tokens.Count} tokens but {probabilities.Count} probability rows.");
            }
            return new TrainingDocument(id, text, tokens, tags, labels, probabilities);
        }
    }

    static bool IsInt32(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    /// <summary>True when <paramref name="field"/> is there and not null (null means absent, as in the corpus format).</summary>
    static bool Present(JsonElement obj, string field) => obj.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    static string String(JsonElement obj, string field, string where) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new InvalidDataException($"{where}: field '{field}' is missing or not a string.");

    static int Int(JsonElement obj, string field, string where) =>
        obj.TryGetProperty(field, out var v) && IsInt32(v, out var i) ? i
            : throw new InvalidDataException($"{where}: field '{field}' is missing or not an integer.");

    /// <summary>The items of an array field; none when it is absent or null; an error naming it when it is anything else.</summary>
    static IEnumerable<JsonElement> OptionalArray(JsonElement obj, string field, string where)
    {
        if (!obj.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray()
            : throw new InvalidDataException($"{where}: field '{field}' is a JSON {Kind(v)}, expected an array.");
    }

    static string[] Strings(JsonElement obj, string field, string where)
    {
        var items = OptionalArray(obj, field, where).ToArray();
        return items.All(i => i.ValueKind == JsonValueKind.String) ? items.Select(i => i.GetString()!).ToArray()
            : throw new InvalidDataException($"{where}: field '{field}' must be an array of strings.");
    }
}

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
    public static async IAsyncEnumerable<TrainingDocument> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
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
            var root = json.RootElement;
            string Str(JsonElement e, string field) =>
                e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new InvalidDataException($"{where}: field '{field}' is missing or not a string.");
            var id = Str(root, "id");
            var text = Str(root, "text");
            var spans = new List<EntitySpan>();
            if (root.TryGetProperty("spans", out var spansElement))
                foreach (var s in spansElement.EnumerateArray())
                {
                    var start = Int(s, "start", where);
                    var end = Int(s, "end", where);
                    var type = Str(s, "type");
                    if (start < 0 || end > text.Length || start >= end)
                        throw new InvalidDataException($"{where}: span [{start}, {end}) is outside the text (length {text.Length}).");
                    spans.Add(new EntitySpan(start, end, type, text[start..end]));
                }

            if (!root.TryGetProperty("tokens", out var tokensElement))
            {
                if (root.TryGetProperty("probabilities", out _))
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
            foreach (var t in tokensElement.EnumerateArray())
            {
                if (t.ValueKind != JsonValueKind.Array || t.GetArrayLength() != 2)
                    throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} is not [start, end].");
                var (start, end) = (t[0].GetInt32(), t[1].GetInt32());
                if (start < 0 || end > text.Length || start >= end || (tokens.Count > 0 && start < tokens[^1].End))
                    throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} [{start}, {end}) is outside the text, empty or out of order.");
                tokens.Add(new Token(start, end, text[start..end]));
            }
            if (!root.TryGetProperty("tags", out var tagsElement))
                throw new InvalidDataException($"{where}: field 'tags' is missing (one IO tag per token).");
            var tags = tagsElement.EnumerateArray().Select(t => t.GetString() ?? "").ToArray();
            if (tags.Length != tokens.Count)
                throw new InvalidDataException($"{where}: {tokens.Count} tokens but {tags.Length} tags.");

            string[]? labels = null;
            List<float[]>? probabilities = null;
            if (root.TryGetProperty("probabilities", out var probsElement) && probsElement.ValueKind != JsonValueKind.Null)
            {
                if (!root.TryGetProperty("labels", out var labelsElement))
                    throw new InvalidDataException($"{where}: 'probabilities' without 'labels' (the order of each vector).");
                labels = labelsElement.EnumerateArray().Select(l => l.GetString() ?? "").ToArray();
                probabilities = [];
                foreach (var row in probsElement.EnumerateArray())
                {
                    var p = row.EnumerateArray().Select(v => v.GetSingle()).ToArray();
                    if (p.Length != labels.Length)
                        throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} has {p.Length} values for {labels.Length} labels.");
                    if (p.Any(v => v < 0 || float.IsNaN(v)) || Math.Abs(p.Sum() - 1) > 1e-3)
                        throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} is not a probability vector (non-negative, sums to 1).");
                    probabilities.Add(p);
                }
                if (probabilities.Count != tokens.Count)
                    throw new InvalidDataException($"{where}: {tokens.Count} tokens but {probabilities.Count} probability rows.");
            }
            return new TrainingDocument(id, text, tokens, tags, labels, probabilities);
        }
    }

    static int Int(JsonElement e, string field, string where) =>
        e.TryGetProperty(field, out var v) && v.TryGetInt32(out var i) ? i : throw new InvalidDataException($"{where}: field '{field}' is missing or not an integer.");
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Corpora;
using Distill.IO;

namespace Distill.Evaluation;

/// <summary>
/// Our JSONL document format, one document per line:
/// <c>{"id":"...","text":"...","spans":[{"start":0,"end":5,"type":"disease","text":"..."}],"metadata":{}}</c>.
/// A small reader and writer kept inside Evaluation until the corpora stage's JsonlCorpusReader lands
/// (same format; swap this for it then).
/// </summary>
internal static class DocumentJsonl
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal sealed record SpanLine(int Start, int End, string Type, string Text, string? SourceType = null, string? SourceId = null);

    internal sealed record DocumentLine(string Id, string Text, List<SpanLine>? Spans, Dictionary<string, string>? Metadata);

    public static async Task<IReadOnlyList<Document>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No JSONL file at '{path}'.", path);
        var documents = new List<Document>();
        var lineNumber = 0;
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            DocumentLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<DocumentLine>(line, Options);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON document object ({e.Message}).", e);
            }
            if (parsed is null || string.IsNullOrEmpty(parsed.Id))
                throw new InvalidDataException($"{path}:{lineNumber}: field 'id' is missing or empty; expected a non-empty string.");
            if (parsed.Text is null)
                throw new InvalidDataException($"{path}:{lineNumber}: field 'text' is missing; expected the document's exact text.");
            var spans = new List<EntitySpan>();
            foreach (var (s, i) in (parsed.Spans ?? []).Select((s, i) => (s, i)))
            {
                if (string.IsNullOrEmpty(s.Type))
                    throw new InvalidDataException($"{path}:{lineNumber}: spans[{i}].type is missing; expected an entity type such as 'disease'.");
                spans.Add(new EntitySpan(s.Start, s.End, s.Type, s.Text ?? "") { SourceType = s.SourceType, SourceId = s.SourceId });
            }
            try
            {
                documents.Add(new Document(parsed.Id, parsed.Text, spans, parsed.Metadata));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
        return documents;
    }

    /// <summary>Writes documents, one per line, via a temporary file renamed into place.</summary>
    public static async Task WriteAsync(string path, IEnumerable<Document> documents, CancellationToken cancellationToken = default)
    {
        await AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
            foreach (var d in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = new DocumentLine(d.Id, d.Text,
                    d.Spans.Select(s => new SpanLine(s.Start, s.End, s.Type, s.Text, s.SourceType, s.SourceId)).ToList(),
                    d.Metadata.ToDictionary());
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, Options));
            }
        }, cancellationToken);
    }
}

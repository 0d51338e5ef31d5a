using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Distill.IO;

namespace Distill.Corpora;

/// <summary>
/// Writes our JSONL document format, the contract between readers and every later stage. One
/// document per line, fields in this order, snake_case, optional span fields omitted when null:
/// <code>{"id":"...","text":"...","spans":[{"start":0,"end":5,"type":"disease","text":"...","source_type":"...","source_id":"..."}],"metadata":{"k":"v"}}</code>
/// Offsets are UTF-16 code-unit offsets into <c>text</c> (what .NET and JavaScript strings index),
/// end exclusive. Files are written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public static class JsonlCorpusWriter
{
    static readonly JsonWriterOptions WriterOptions = new()
    {
        // Clinical text is full of quotes, '<', '&' and non-ASCII; keep it readable (the file is never HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>One document as one JSON line (no newline).</summary>
    public static string Serialize(Document document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            Write(json, document);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Task WriteAsync(string path, IEnumerable<Document> documents, CancellationToken cancellationToken = default) =>
        WriteAsync(path, documents.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Writes <paramref name="documents"/> to <paramref name="path"/> (temp file + rename); returns when the file is in place.</summary>
    public static async Task WriteAsync(string path, IAsyncEnumerable<Document> documents, CancellationToken cancellationToken = default)
    {
        await AtomicFile.WriteAsync(path, async stream =>
        {
            var newline = "\n"u8.ToArray();
            await foreach (var doc in documents.WithCancellation(cancellationToken))
            {
                using (var json = new Utf8JsonWriter(stream, WriterOptions))
                    Write(json, doc);
                await stream.WriteAsync(newline, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Writes each split as <c>&lt;dir&gt;/&lt;split&gt;.jsonl</c>; <see cref="JsonlCorpusReader.ReadCorpusAsync"/> reads it back.</summary>
    public static async Task WriteCorpusAsync(Corpus corpus, string dir, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dir);
        foreach (var (split, docs) in corpus.Splits)
            await WriteAsync(Path.Combine(dir, split + JsonlCorpusReader.Extension), docs, cancellationToken);
    }

    static void Write(Utf8JsonWriter json, Document doc)
    {
        json.WriteStartObject();
        json.WriteString("id", doc.Id);
        json.WriteString("text", doc.Text);
        json.WriteStartArray("spans");
        foreach (var span in doc.Spans)
        {
            json.WriteStartObject();
            json.WriteNumber("start", span.Start);
            json.WriteNumber("end", span.End);
            json.WriteString("type", span.Type);
            json.WriteString("text", span.Text);
            if (span.SourceType is not null) json.WriteString("source_type", span.SourceType);
            if (span.SourceId is not null) json.WriteString("source_id", span.SourceId);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("metadata");
        foreach (var (key, value) in doc.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

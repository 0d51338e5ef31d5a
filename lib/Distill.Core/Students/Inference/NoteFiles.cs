using System.Text;
using System.Text.Json;
using Distill.Corpora;

namespace Distill.Students.Inference;

/// <summary>A note to label: an id and its exact text.</summary>
public sealed record Note(string Id, string Text);

/// <summary>
/// Reads notes for prediction and writes the student's spans. Input: a folder of .txt files (id = file
/// name), a .jsonl file of <c>{"id","text"}</c> objects, or any other file as one note. Output: JSONL
/// (<c>{"id","text","spans":[{"start","end","type","text"}]}</c>, the corpus format); BRAT standoff is
/// written by <see cref="BratNoteWriter"/>.
/// </summary>
public static class NoteFiles
{
    public static IAsyncEnumerable<Note> ReadAsync(string path, CancellationToken cancellationToken = default) => ReadAsync(path, null, cancellationToken);

    /// <summary>
    /// Reads the notes of <paramref name="path"/>, decoded with <paramref name="encoding"/> (null: strict UTF-8, so bytes
    /// that are not UTF-8 are a <see cref="CorpusFormatException"/> naming file and line; see <see cref="TextFileEncoding"/>).
    /// </summary>
    public static async IAsyncEnumerable<Note> ReadAsync(string path, Encoding? encoding,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.txt").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new FileNotFoundException($"Folder '{path}' has no .txt notes.");
            foreach (var file in files)
                yield return new Note(Path.GetFileNameWithoutExtension(file), await TextFileEncoding.ReadAllTextAsync(file, encoding, cancellationToken).ConfigureAwait(false));
            yield break;
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"Input '{path}' is neither a file nor a folder.", path);
        if (!path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            yield return new Note(Path.GetFileNameWithoutExtension(path), await TextFileEncoding.ReadAllTextAsync(path, encoding, cancellationToken).ConfigureAwait(false));
            yield break;
        }
        using var reader = TextFileEncoding.OpenReader(path, encoding);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Note note;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                // Issue 15: a line such as [1,2] reached TryGetProperty on an array and surfaced as a stack trace.
                if (root.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{path}:{lineNumber}: expected a JSON object {{\"id\", \"text\"}}, got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
                note = new Note(
                    root.TryGetProperty("id", out var id) ? id.ToString() : $"line-{lineNumber}",
                    root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()!
                        : throw new InvalidDataException($"{path}:{lineNumber}: field 'text' is missing or not a string."));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object ({e.Message}).", e);
            }
            yield return note;
        }
    }

    /// <summary>One JSON line for a labelled note.</summary>
    public static string ToJsonLine(Document document) => JsonSerializer.Serialize(new
    {
        id = document.Id,
        text = document.Text,
        spans = document.Spans.Select(s => new { start = s.Start, end = s.End, type = s.Type, text = s.Text }),
    });
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Distill.Aggregation;
using Distill.Corpora;

namespace Distill.Students.Training;

/// <summary>
/// Reads the distillation training set (JSONL, one <see cref="DistillationLine"/> per line) through the contract the
/// subset-search stage writes it with (<see cref="DistillationJsonContext"/>), then checks what a contract cannot say:
/// tokens inside the text and in order, one tag per token, probability vectors over the labels. A line with only spans
/// (a plain gold document) is tokenized with <see cref="ClinicalWordTokenizer"/> and tagged with <see cref="IoTagging.Encode"/>.
/// Every error is one line naming the file, line and field (<see cref="DistillationLineErrors"/>).
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

    /// <summary>One line, as the contract reads it; <paramref name="where"/> (<c>file:line</c>) starts every error.</summary>
    internal static DistillationLine Deserialize(string line, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(line, DistillationJsonContext.Default.DistillationLine)
                ?? throw new InvalidDataException($"{where}: expected a JSON object {{\"id\", \"text\", ...}}, got a JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: {DistillationLineErrors.Describe(line, e)}", e);
        }
    }

    internal static TrainingDocument Parse(string line, string where) => ToTrainingDocument(Deserialize(line, where), where);

    /// <summary>The document the trainer learns from, after the checks the JSON contract cannot make.</summary>
    internal static TrainingDocument ToTrainingDocument(DistillationLine line, string where)
    {
        var id = line.Id ?? throw new InvalidDataException($"{where}: field 'id' is missing or not a string.");
        // Found by the fuzzer (issue 15): an empty id reached Document's constructor as an ArgumentException.
        if (id.Length == 0) throw new InvalidDataException($"{where}: field 'id' is empty; every document needs an id.");
        var text = line.Text ?? throw new InvalidDataException($"{where}: field 'text' is missing or not a string.");
        var spans = new List<EntitySpan>(line.Spans.Count);
        for (var i = 0; i < line.Spans.Count; i++)
        {
            var s = line.Spans[i] ?? throw new InvalidDataException($"{where}: field 'spans' item {i} is a JSON null, expected an object {{\"start\", \"end\", \"type\"}}.");
            var start = s.Start ?? throw new InvalidDataException($"{where}: field 'start' is missing or not an integer ('spans' item {i}).");
            var end = s.End ?? throw new InvalidDataException($"{where}: field 'end' is missing or not an integer ('spans' item {i}).");
            var type = s.Type ?? throw new InvalidDataException($"{where}: field 'type' is missing or not a string ('spans' item {i}).");
            if (start < 0 || end > text.Length || start >= end)
                throw new InvalidDataException($"{where}: span [{start}, {end}) is outside the text (length {text.Length}).");
            spans.Add(new EntitySpan(start, end, type, text[start..end]));
        }

        if (line.Tokens is null)
        {
            if (line.Probabilities is not null)
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

        var tokens = new List<Token>(line.Tokens.Count);
        foreach (var t in line.Tokens)
        {
            if (t is not [var start, var end])
                throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} is not [start, end] (two integers).");
            if (start < 0 || end > text.Length || start >= end || (tokens.Count > 0 && start < tokens[^1].End))
                throw new InvalidDataException($"{where}: field 'tokens' item {tokens.Count} [{start}, {end}) is outside the text, empty or out of order.");
            tokens.Add(new Token(start, end, text[start..end]));
        }
        var tags = Strings(line.Tags, "tags", where) ?? throw new InvalidDataException($"{where}: field 'tags' is missing (one IO tag per token).");
        if (tags.Count != tokens.Count)
            throw new InvalidDataException($"{where}: {tokens.Count} tokens but {tags.Count} tags.");

        IReadOnlyList<string>? labels = null;
        List<float[]>? probabilities = null;
        if (line.Probabilities is not null)
        {
            labels = Strings(line.Labels, "labels", where) ?? throw new InvalidDataException($"{where}: 'probabilities' without 'labels' (the order of each vector).");
            probabilities = new List<float[]>(line.Probabilities.Count);
            foreach (var row in line.Probabilities)
            {
                if (row is null)
                    throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} is not an array of numbers.");
                // The file holds 5-decimal numbers: decimal → double → float gives the float nearest to the decimal, as reading floats directly does.
                var p = Array.ConvertAll(row, v => (float)v);
                if (p.Length != labels.Count)
                    throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} has {p.Length} values for {labels.Count} labels.");
                if (p.Any(v => v < 0 || !float.IsFinite(v)) || Math.Abs(p.Sum() - 1) > 1e-3)
                    throw new InvalidDataException($"{where}: 'probabilities' row {probabilities.Count} is not a probability vector (non-negative, sums to 1).");
                probabilities.Add(p);
            }
            if (probabilities.Count != tokens.Count)
                throw new InvalidDataException($"{where}: {tokens.Count} tokens but {probabilities.Count} probability rows.");
        }
        return new TrainingDocument(id, text, tokens, tags, labels, probabilities);
    }

    // The contract cannot say "no null items" for a list's items, so a null item is caught here.
    static IReadOnlyList<string>? Strings(IReadOnlyList<string>? items, string field, string where) =>
        items is null || items.All(i => i is not null) ? items
            : throw new InvalidDataException($"{where}: field '{field}' must be an array of strings.");
}

using System.Text.Json;
using Distill.Corpora;
using Distill.IO;

namespace Distill.Aggregation;

/// <summary>
/// One document of the distillation training set: the combined teachers' labels as spans, as hard IO
/// tags over our word tokens, and as a probability per token and label (soft labels).
/// Written to disk as a <see cref="DistillationLine"/>, the JSONL line the student trainer reads.
/// </summary>
/// <param name="Tokens">Word tokens (<see cref="ClinicalWordTokenizer"/>) as [start, end) offsets.</param>
/// <param name="Tags">Hard IO tag per token: "O" or an entity type.</param>
/// <param name="Labels">Label order of <paramref name="Probabilities"/>: "O" first, then the entity types.</param>
/// <param name="Probabilities">Per token, a probability per label (sums to 1).</param>
public sealed record DistillationExample(
    string Id,
    string Text,
    IReadOnlyList<EntitySpan> Spans,
    IReadOnlyList<Token> Tokens,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Labels,
    IReadOnlyList<double[]> Probabilities);

/// <summary>Where the training set's labels came from, written next to it.</summary>
public sealed record DistillationProvenance(
    DateTimeOffset Created,
    string Tokenizer,
    IReadOnlyList<string> Teachers,
    IReadOnlyList<DistillationChoiceProvenance> Choices,
    int Documents,
    long Tokens,
    IReadOnlyDictionary<string, int> MentionsPerType,
    IReadOnlyList<string> CacheKeys);

/// <summary>The subset and rule used for one entity type, with its dev score.</summary>
public sealed record DistillationChoiceProvenance(
    string EntityType, string Teachers, string Rule, double DevPrecision, double DevRecall, double DevF1, double CostPerNote, string Reason,
    double[]? PatternProbabilities);

/// <summary>Applies the chosen subset and rule per entity type to an unlabeled pool.</summary>
internal static class DistillationSetBuilder
{
    /// <summary>
    /// Labels <paramref name="pool"/>. For each entity type the chosen rule decides each token from the
    /// chosen teachers' votes; the combiner's <see cref="ILabelCombiner.Apply"/> gives the table (the label model is refitted
    /// on the pool's own votes, it needs no gold; the weighted vote keeps the weights fitted on gold dev). A token inside several types takes the
    /// most probable one. Soft labels: P(O) = Π(1 − p_t), and the rest is shared in proportion to p_t.
    /// </summary>
    public static IReadOnlyList<DistillationExample> Build(
        IReadOnlyList<Document> pool,
        IReadOnlyList<string> teachers,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>> teacherSpans,
        IReadOnlyList<SubsetChoice> choices,
        IWordTokenizer? tokenizer = null)
    {
        tokenizer ??= ClinicalWordTokenizer.Instance;
        var types = choices.Select(c => c.EntityType).ToArray();
        string[] labels = [IoTagging.Outside, .. types];
        var tokenized = pool.Select(d => tokenizer.Tokenize(d.Text)).ToArray();

        // probability[type][doc][token]
        var probability = new double[types.Length][][];
        for (var t = 0; t < types.Length; t++)
        {
            var choice = choices[t];
            var subset = choice.Chosen.Subset;
            var compressed = new uint[pool.Count][];
            var counts = new long[1 << subset.Count];
            for (var d = 0; d < pool.Count; d++)
            {
                var votes = VoteTable.TokenVotes(pool[d].Id, tokenized[d], types[t], teacherSpans, out _);
                compressed[d] = votes.Select(v => VoteTable.Compress(v, subset.Mask)).ToArray();
                foreach (var q in compressed[d]) counts[q]++;
            }
            var table = choice.Chosen.Rule.Apply(subset.Count, choice.Probabilities, counts);
            probability[t] = compressed.Select(doc => doc.Select(q => table[q]).ToArray()).ToArray();
        }

        var examples = new List<DistillationExample>(pool.Count);
        for (var d = 0; d < pool.Count; d++)
        {
            var tokens = tokenized[d];
            var tags = new string[tokens.Count];
            var probs = new double[tokens.Count][];
            for (var k = 0; k < tokens.Count; k++)
            {
                var best = -1;
                var outside = 1.0;
                var sum = 0.0;
                for (var t = 0; t < types.Length; t++)
                {
                    var p = probability[t][d][k];
                    outside *= 1 - p;
                    sum += p;
                    if (p > 0.5 && (best < 0 || p > probability[best][d][k])) best = t;
                }
                tags[k] = best < 0 ? IoTagging.Outside : types[best];
                var row = new double[labels.Length];
                row[0] = outside;
                for (var t = 0; t < types.Length; t++)
                    row[t + 1] = sum > 0 ? (1 - outside) * probability[t][d][k] / sum : 0;
                probs[k] = row;
            }
            var spans = IoTagging.Decode(pool[d].Text, tokens, tags);
            examples.Add(new DistillationExample(pool[d].Id, pool[d].Text, spans, tokens, tags, labels, probs));
        }
        return examples;
    }
}

/// <summary>
/// Writes the training set as JSONL (temp file, then rename) with a provenance file beside it, both through
/// <see cref="DistillationJsonContext"/>; the student's <c>TrainingSetReader</c> reads them through the same contract.
/// </summary>
internal static class DistillationSetWriter
{
    /// <summary>The provenance file's path for a training-set path: <c>x.jsonl</c> → <c>x.provenance.json</c>.</summary>
    public static string ProvenancePath(string path) => Path.ChangeExtension(path, ".provenance.json");

    /// <summary>The provenance written beside a training set, or null when there is none (a gold training set).</summary>
    public static DistillationProvenance? ReadProvenance(string trainingSetPath)
    {
        var path = ProvenancePath(trainingSetPath);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), DistillationJsonContext.Default.DistillationProvenance);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a distillation provenance file ({e.Message}).", e);
        }
    }

    /// <summary>One example as its JSONL line (no newline).</summary>
    public static string Serialize(DistillationExample example) =>
        JsonSerializer.Serialize(DistillationLine.From(example), DistillationJsonContext.Default.DistillationLine);

    public static async Task WriteAsync(string path, IEnumerable<DistillationExample> examples, DistillationProvenance provenance, CancellationToken cancellationToken = default)
    {
        await AtomicFile.WriteTextAsync(path, async writer =>
        {
            foreach (var e in examples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(Serialize(e));
            }
        }, cancellationToken);
        await AtomicFile.WriteAllTextAsync(ProvenancePath(path),
            JsonSerializer.Serialize(provenance, DistillationJsonContext.Indented.DistillationProvenance), cancellationToken);
    }
}

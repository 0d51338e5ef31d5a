using Distill.Corpora;

namespace Distill.Aggregation;

/// <summary>
/// One line of the distillation training set (<c>train.jsonl</c>), the file between the subset search and the student:
/// written by <see cref="DistillationSetWriter"/>, read by the student's <c>TrainingSetReader</c>, both through
/// <see cref="DistillationJsonContext"/> (source-generated System.Text.Json), so the two cannot drift apart.
/// <code>{"id","text","spans":[{"start","end","type","text"}],"tokens":[[start,end],...],"tags":["O","disease",...],
///  "labels":["O","disease"],"probabilities":[[pO,pdisease],...]}</code>
/// Hard labels are <see cref="Tags"/> (one IO tag per token), soft labels <see cref="Probabilities"/> (one vector per token
/// over <see cref="Labels"/>, summing to 1); where they came from is the provenance file beside it
/// (<see cref="DistillationProvenance"/>). A gold document may carry only <c>id</c>, <c>text</c> and <c>spans</c>; the
/// reader then tokenizes and tags it. Every member but <see cref="Spans"/> is nullable so that the reader, not the
/// serializer, says which field is missing; <c>"spans": null</c> is refused by the serializer (a gold document whose spans
/// were lost must not teach the student that it has no mentions).
/// </summary>
public sealed record DistillationLine
{
    public string? Id { get; init; }
    public string? Text { get; init; }
    // A setter, not init: the source generator assigns every init-only member (null when absent), a setter only when present.
    public IReadOnlyList<SpanLine> Spans { get; set; } = [];

    /// <summary>Word tokens (<see cref="ClinicalWordTokenizer"/>) as [start, end) pairs.</summary>
    public IReadOnlyList<int[]>? Tokens { get; init; }

    /// <summary>Hard IO tag per token: "O" or an entity type.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Label order of <see cref="Probabilities"/>: "O" first, then the entity types.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Per token, a probability per label, rounded to 5 decimals when written.</summary>
    public IReadOnlyList<double[]>? Probabilities { get; init; }

    /// <summary>The line for one built example (probabilities rounded to 5 decimals: the file stays small, and 1e-5 is far below what training resolves).</summary>
    public static DistillationLine From(DistillationExample example) => new()
    {
        Id = example.Id,
        Text = example.Text,
        Spans = example.Spans.Select(SpanLine.From).ToArray(),
        Tokens = example.Tokens.Select(t => new[] { t.Start, t.End }).ToArray(),
        Tags = example.Tags,
        Labels = example.Labels,
        Probabilities = example.Probabilities.Select(row => row.Select(p => Math.Round(p, 5)).ToArray()).ToArray(),
    };

    // Records compare list members by reference; a line read back equals the one written when every list holds the same items.
    public bool Equals(DistillationLine? other) =>
        other is not null && Id == other.Id && Text == other.Text && Spans.SequenceEqual(other.Spans)
        && SameRows(Tokens, other.Tokens) && SameItems(Tags, other.Tags) && SameItems(Labels, other.Labels) && SameRows(Probabilities, other.Probabilities);

    public override int GetHashCode() => HashCode.Combine(Id, Text, Spans.Count, Tokens?.Count);

    static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);

    static bool SameRows<T>(IReadOnlyList<T[]>? a, IReadOnlyList<T[]>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));
}

using System.Text.Json.Serialization;
using Distill.Corpora;
using Distill.Corpora.Relations;

namespace Distill.Aggregation.Relations;

/// <summary>A span as the ADE hand-off files store it (offsets into the sentence, and its text to check them).</summary>
public sealed record AdeSpanRecord(int Start, int End, string Text)
{
    public static AdeSpanRecord From(EntitySpan span) => new(span.Start, span.End, span.Text);

    /// <summary>The span of <paramref name="type"/> in <paramref name="text"/>; offsets that do not fit the text are an error naming the sentence.</summary>
    public EntitySpan ToSpan(string text, string type, string sentenceId) =>
        Start >= 0 && End > Start && End <= text.Length && string.Equals(text[Start..End], Text, StringComparison.Ordinal)
            ? new EntitySpan(Start, End, type, Text)
            : throw new InvalidDataException($"Sentence '{sentenceId}': span [{Start}, {End}) '{Text}' does not fit its text.");
}

/// <summary>A (drug, adverse event) pair as stored, with the probability the combination gave it (1 for hard rules).</summary>
public sealed record AdePairRecord(AdeSpanRecord Drug, AdeSpanRecord AdverseEvent, double Probability)
{
    public AdePair ToPair(string text, string sentenceId) =>
        new(Drug.ToSpan(text, AdeTypes.Drug, sentenceId), AdverseEvent.ToSpan(text, AdeTypes.AdverseEffect, sentenceId));
}

/// <summary>
/// One line of the ADE distillation set (<c>distillation/train.jsonl</c>) and of a prediction file: a sentence, the
/// drug mentions the student learns to find (the combination's drugs and the offline drug lexicons' matches), and its
/// (drug, adverse event) pairs. No gold: in the distillation set everything comes from teachers. Written and read
/// through <see cref="AdeJsonContext"/>.
/// </summary>
public sealed record AdeDistillationLine(string Id, string Text, IReadOnlyList<AdeSpanRecord> Drugs, IReadOnlyList<AdePairRecord> Pairs)
{
    /// <summary>The pairs as spans of the sentence (checked against the text).</summary>
    public IReadOnlyList<AdePair> ToPairs() => Pairs.Select(p => p.ToPair(Text, Id)).ToArray();

    /// <summary>The drug mentions as spans of the sentence (checked against the text).</summary>
    public IReadOnlyList<EntitySpan> ToDrugs() => Drugs.Select(d => d.ToSpan(Text, AdeTypes.Drug, Id)).ToArray();

    public static AdeDistillationLine From(string id, string text, IEnumerable<EntitySpan> drugs, IEnumerable<(AdePair Pair, double Probability)> pairs) => new(
        id, text,
        drugs.DistinctBy(d => (d.Start, d.End)).OrderBy(d => d.Start).Select(AdeSpanRecord.From).ToArray(),
        pairs.Select(p => new AdePairRecord(AdeSpanRecord.From(p.Pair.Drug), AdeSpanRecord.From(p.Pair.AdverseEvent), p.Probability)).ToArray());
}

/// <summary>Source-generated System.Text.Json contracts of the ADE hand-off files (snake_case, one object per line).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AdeDistillationLine))]
public sealed partial class AdeJsonContext : JsonSerializerContext;

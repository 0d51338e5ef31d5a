namespace Distill.Corpora;

/// <summary>Counts for one split.</summary>
public sealed record SplitStatistics(
    string Split, int Documents, int Sentences, int Tokens, int Mentions, IReadOnlyDictionary<string, int> MentionsByType);

/// <summary>Documents, sentences, tokens and mentions (per type) for every split of a corpus.</summary>
public sealed record CorpusStatistics(string Corpus, IReadOnlyList<SplitStatistics> Splits)
{
    /// <summary>Every entity type that occurs, sorted.</summary>
    public IReadOnlyList<string> Types => Splits.SelectMany(s => s.MentionsByType.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Counts with <paramref name="tokenizer"/> (default: <see cref="ClinicalWordTokenizer"/>) and the default sentence splitter.</summary>
    public static CorpusStatistics Compute(Corpus corpus, IWordTokenizer? tokenizer = null, SentenceSplitter? splitter = null)
    {
        tokenizer ??= ClinicalWordTokenizer.Instance;
        splitter ??= SentenceSplitter.Default;
        var order = new[] { SplitNames.Train, SplitNames.Dev, SplitNames.Test, SplitNames.Unlabeled };
        var rows = corpus.Splits
            .OrderBy(kv => Array.IndexOf(order, kv.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SplitStatistics(
                kv.Key,
                kv.Value.Count,
                kv.Value.Sum(d => splitter.Split(d.Text).Count),
                kv.Value.Sum(d => tokenizer.Tokenize(d.Text).Count),
                kv.Value.Sum(d => d.Spans.Count),
                kv.Value.SelectMany(d => d.Spans).CountBy(s => s.Type).OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary()))
            .ToList();
        return new CorpusStatistics(corpus.Name, rows);
    }
}

using System.Diagnostics;
using Distill.Corpora;

namespace Distill.Aggregation;

/// <summary>Timings of one subset-search benchmark run.</summary>
public sealed record SubsetSearchTiming(
    int Teachers, int Subsets, int Rules, int Documents, long Tokens, int DistinctPatterns,
    TimeSpan BuildVotes, TimeSpan Search, double SubsetRuleScoresPerSecond);

/// <summary>
/// Measures the subset search on synthetic documents and teachers (named as such): n teachers with
/// different, seeded error rates label a few thousand generated notes; we time building the vote
/// table (tokenizing, IO-tagging each teacher) and the search itself (all 2^n − 1 subsets × rules,
/// with the bootstrap near-tie test).
/// </summary>
public static class SubsetSearchBenchmark
{
    static readonly string[] Vocabulary =
        ["patient", "denies", "reports", "history", "of", "with", "and", "the", "no", "acute", "chronic", "mild",
         "severe", "pain", "left", "right", "today", "since", "was", "given", "daily", "mg", "po", "bid"];
    static readonly string[] Mentions =
        ["asthma", "diabetes", "hypertension", "pneumonia", "sepsis", "migraine", "anemia", "gout", "cellulitis", "copd"];

    public static SubsetSearchTiming Run(int teachers = 10, int documents = 2000, int wordsPerDocument = 150, int seed = 1, SubsetSearchOptions? options = null)
    {
        var random = new Random(seed);
        var docs = new List<Document>(documents);
        for (var d = 0; d < documents; d++)
        {
            var words = new List<string>(wordsPerDocument);
            var gold = new List<(int index, string word)>();
            for (var w = 0; w < wordsPerDocument; w++)
            {
                if (random.NextDouble() < 0.06) { gold.Add((words.Count, Mentions[random.Next(Mentions.Length)])); words.Add(gold[^1].word); }
                else words.Add(Vocabulary[random.Next(Vocabulary.Length)]);
            }
            var text = string.Join(' ', words);
            var offsets = new int[words.Count];
            for (int w = 0, pos = 0; w < words.Count; pos += words[w].Length + 1, w++) offsets[w] = pos;
            docs.Add(new Document($"synthetic-{d}", text, gold.Select(g => new EntitySpan(offsets[g.index], offsets[g.index] + g.word.Length, EntityTypes.Disease, g.word))));
        }
        var spans = new List<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>>();
        var names = new List<string>();
        for (var t = 0; t < teachers; t++)
        {
            var recall = 0.5 + 0.45 * random.NextDouble();
            var noise = 0.002 + 0.02 * random.NextDouble();
            names.Add($"synthetic-teacher-{t}");
            var labels = new Dictionary<string, IReadOnlyList<EntitySpan>>();
            foreach (var doc in docs)
            {
                var chosen = doc.Spans.Where(_ => random.NextDouble() < recall).ToList();
                foreach (var token in ClinicalWordTokenizer.Instance.Tokenize(doc.Text))
                    if (random.NextDouble() < noise) chosen.Add(new EntitySpan(token.Start, token.End, EntityTypes.Disease, token.Text));
                labels[doc.Id] = chosen;
            }
            spans.Add(labels);
        }

        var watch = Stopwatch.StartNew();
        var table = VoteTable.Build(EntityTypes.Disease, docs, names, spans, withGold: true, tokenizer: null, out _);
        var build = watch.Elapsed;
        options ??= new SubsetSearchOptions();
        watch.Restart();
        var result = SubsetSearch.Run([table], [], options);
        var search = watch.Elapsed;
        var subsets = (1 << teachers) - 1;
        return new SubsetSearchTiming(teachers, subsets, (options.Rules ?? LabelCombiners.All).Count, documents, table.TokenCount,
            table.Total.Patterns.Length, build, search, result.Scores.Count / search.TotalSeconds);
    }
}

using System.Text.Json;
using Distill.Aggregation;
using Distill.Aggregation.Relations;
using Distill.Corpora.Relations;
using Distill.IO;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>The pair subset search's result: the choice (with its fitted probabilities) and the stored record.</summary>
public sealed record AdeSearchResult(PairSubsetChoice Choice, AdeSearchRecord Record, string Path);

/// <summary>Runs the pair subset search on the dev labels against dev gold and writes <c>search/pair-search.json</c>.</summary>
public static class AdeSearchStage
{
    public static AdeSearchResult Run(AdeTeacherLabels dev, IReadOnlyList<IReadOnlyList<AdePair>> devGold, AdeRunLayout layout)
    {
        var table = PairVoteTable.Build(dev.Teachers, dev.DocumentIds, dev.Teachers.Select((_, t) => dev.PairsOf(t)).ToArray());
        var choice = PairSubsetSearch.Run(table, devGold, dev.Costs());
        var record = new AdeSearchRecord(dev.Teachers, Row(choice.Chosen), choice.Scores.Select(Row).ToArray());
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(layout.Search)!);
        AtomicFile.WriteAllText(layout.Search, JsonSerializer.Serialize(record, AdePipelineJsonContext.Default.AdeSearchRecord));
        return new AdeSearchResult(choice, record, layout.Search);
    }

    public static AdeSearchRow Row(PairSubsetScore s) => new(s.Teachers, s.Rule.Name, s.Strict.F1, s.Strict.Precision, s.Strict.Recall, s.Lenient.F1, s.CostPerSentence, s.SecondsPerSentence);

    /// <summary>The chosen combination applied to another split's labels (probabilities fitted on dev).</summary>
    public static IReadOnlyList<IReadOnlyList<(AdePair Pair, double Probability)>> Combine(PairSubsetChoice choice, AdeTeacherLabels labels)
    {
        if (!labels.Teachers.SequenceEqual(choice.Teachers)) throw new ArgumentException("The labels come from other teachers than the search's.");
        var table = PairVoteTable.Build(labels.Teachers, labels.DocumentIds, labels.Teachers.Select((_, t) => labels.PairsOf(t)).ToArray());
        return table.Apply(choice.Chosen.Subset, choice.Probabilities);
    }
}

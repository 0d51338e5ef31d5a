using System.Text.Json;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.IO;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>The corpus stage's result: the (sampled, in quick mode) split and the gold pairs by sentence id (for scoring only).</summary>
internal sealed record AdeCorpusResult(AdeSplit Split, IReadOnlyDictionary<string, IReadOnlyList<AdePair>> Gold, int Sentences, bool Resumed);

/// <summary>Reads ADE-Corpus-V2, makes the fixed PMID split (<see cref="AdeSplit"/>), samples it in quick mode, writes <c>inputs/split.json</c>.</summary>
internal static class AdeCorpusStage
{
    public static AdeCorpusResult Run(AdeStudyOptions options, AdeRunLayout layout)
    {
        if (!Directory.Exists(options.CorpusPath))
            throw new DirectoryNotFoundException($"--path '{options.CorpusPath}': no such folder; give the folder holding DRUG-AE.rel, DRUG-DOSE.rel and ADE-NEG.txt.");
        var sentences = AdeCorpusReader.Read(options.CorpusPath);
        var full = AdeSplit.Create(sentences, options.SplitSeed);
        var split = new AdeSplit(
            Limit(full.Pool, options.ResolvedPoolLimit, options.Seed), Limit(full.Dev, options.DevLimit, options.Seed + 1), Limit(full.Test, options.TestLimit, options.Seed + 2), full.Seed);
        var record = new AdeSplitRecord(options.SplitSeed, options.Quick,
            $"ADE-Corpus-V2 split by PMID (seed {options.SplitSeed}: {AdeSplit.TestFraction:P0} of PMIDs test, {AdeSplit.DevFraction:P0} dev, the rest pool), negatives included; {options.QuickMeaning}",
            split.Pool.Select(s => s.Document.Id).ToArray(), split.Dev.Select(s => s.Document.Id).ToArray(), split.Test.Select(s => s.Document.Id).ToArray());
        var resumed = false;
        if (File.Exists(layout.Split))
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(layout.Split), AdePipelineJsonContext.Default.AdeSplitRecord)
                ?? throw new InvalidDataException($"{layout.Split}: empty.");
            if (!stored.Pool.SequenceEqual(record.Pool) || !stored.Dev.SequenceEqual(record.Dev) || !stored.Test.SequenceEqual(record.Test))
                throw new InvalidDataException($"{layout.Split} holds another split than these options give (other corpus copy, seed or --quick); use a new --run-id.");
            resumed = true;
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(layout.Split)!);
            AtomicFile.WriteAllText(layout.Split, JsonSerializer.Serialize(record, AdePipelineJsonContext.Default.AdeSplitRecord));
        }
        var gold = sentences.ToDictionary(s => s.Document.Id, AdePair.GoldOf);
        return new AdeCorpusResult(split, gold, sentences.Count, resumed);
    }

    static IReadOnlyList<AdeSentence> Limit(IReadOnlyList<AdeSentence> sentences, int? limit, int seed) =>
        limit is { } n ? AdeSplit.Sample(sentences, n, seed) : sentences;

    /// <summary>A sentence as teachers see it: the text and id, with no gold spans or relations.</summary>
    public static Document Unlabeled(AdeSentence sentence) => new(sentence.Document.Id, sentence.Document.Text, metadata: sentence.Document.Metadata);
}

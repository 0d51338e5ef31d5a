using Distill.Corpora;

namespace Distill.Tests.Corpora;

public sealed class AdeCorpusReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-ade-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Synthetic_sample_maps_abstract_offsets_into_sentences()
    {
        var report = new CorpusReadReport();

        var sentences = AdeCorpusReader.Read(CorpusTestData.Path("ade-corpus-v2"), report: report);

        Assert.Equal(6, sentences.Count); // 3 AE sentences, 1 dose-only, 2 negative
        var first = sentences[0];
        Assert.Equal("99000001-1", first.Document.Id);
        Assert.Equal([("drugamycin", "medication"), ("ototoxicity", "adverse_effect")], first.Document.Spans.Select(s => (s.Text, s.Type)));
        Assert.Equal("Drug-AE", Assert.Single(first.Relations).Kind);
        Assert.Equal("dose-only", sentences[3].Document.Metadata["ade"]);
        Assert.Equal(("200 mg", "dose"), (sentences[3].Document.Spans[1].Text, sentences[3].Document.Spans[1].Type));
        Assert.Equal("negative", sentences[4].Document.Metadata["ade"]);
        Assert.Equal("\"Quoted\" SYNTHETIC negative sentence.", sentences[5].Document.Text);
        Assert.Equal("99000002-1", sentences[5].Document.Id);
        Assert.Equal(6, report.Count("relations"));
    }

    [Fact]
    public void Repeated_mentions_are_placed_by_the_shift_all_lines_agree_on()
    {
        var report = new CorpusReadReport();

        var repeated = AdeCorpusReader.Read(CorpusTestData.Path("ade-corpus-v2"), report: report)
            .Single(s => s.Document.Text.StartsWith("fakeprofen rash and"));

        // "fakeprofen rash and fakeprofen rash recurred.": each relation keeps its own pair.
        Assert.Equal([(0, 11), (20, 31)], repeated.Relations.Select(r => (r.Drug.Start, r.Other.Start)));
        Assert.Equal(4, repeated.Document.Spans.Count);
        Assert.Equal(0, report.Count("ade lines with an ambiguous mention position (first taken)"));
    }

    [Fact]
    public void Line_whose_mentions_do_not_fit_the_sentence_names_file_and_line()
    {
        File.WriteAllText(Path.Combine(dir, AdeCorpusReader.DrugAeFile), "1|A drug caused rash.|rash|14|18|drug|2|6\n1|Other sentence.|rash|0|4|drug|5|9\n");
        File.WriteAllText(Path.Combine(dir, AdeCorpusReader.DrugDoseFile), "");

        var ex = Assert.Throws<CorpusFormatException>(() => AdeCorpusReader.Read(dir, includeNegatives: false));

        Assert.EndsWith(AdeCorpusReader.DrugAeFile, ex.File);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Wrong_field_count_names_the_line()
    {
        File.WriteAllText(Path.Combine(dir, AdeCorpusReader.DrugAeFile), "1|s|x|0\n");
        File.WriteAllText(Path.Combine(dir, AdeCorpusReader.DrugDoseFile), "");

        var ex = Assert.Throws<CorpusFormatException>(() => AdeCorpusReader.Read(dir, includeNegatives: false));

        Assert.Equal(1, ex.Line);
        Assert.Contains("expected 8 '|'-separated fields", ex.Message);
    }

    /// <summary>The staged real corpus (tests only, never copied into data/: its licence is unclear).</summary>
    [Fact]
    public void Real_corpus_when_staged_places_every_relation()
    {
        // CI runs with ../shared beside the clone; /work/shared is where the project stages it.
        var staged = new[] { Path.Combine(RepositoryRoot.Path, "..", "shared", "data", "ade-corpus-v2"), "/work/shared/data/ade-corpus-v2" }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, AdeCorpusReader.DrugAeFile)));
        if (staged is null)
            return; // not staged on this machine: the synthetic tests above cover the format
        var report = new CorpusReadReport();

        var sentences = AdeCorpusReader.Read(staged, report: report);

        // Released line counts: 6,821 Drug-AE + 279 Drug-Dose relations, 16,695 negative sentences.
        Assert.Equal(0, report.WarningCount);
        Assert.Equal(6821 + 279, sentences.Sum(s => s.Relations.Count));
        Assert.Equal(16695, sentences.Count(s => s.Document.Metadata["ade"] == "negative"));
        // 4,272 distinct sentences carry the relations (every Drug-Dose sentence also has a Drug-AE line),
        // the number of ADE sentences in the corpus paper.
        Assert.Equal(4272, sentences.Count(s => s.Document.Metadata["ade"] != "negative"));
        // Six lines fit two sentence shifts on their own; the other lines of their sentences settle each one.
        Assert.Equal(0, report.Count("ade lines with an ambiguous mention position (first taken)"));
        Assert.Equal(0, report.Count("ade lines with their own sentence shift"));
        Assert.All(sentences.SelectMany(s => s.Relations), r => Assert.True(r.Drug.Type == EntityTypes.Medication));
    }
}

using System.Text.Json;
using Distill.Pipeline.AdverseEvents;
using Distill.Tests.Students;

namespace Distill.Tests.Pipeline.AdverseEvents;

/// <summary>
/// The ADE study end to end on a small synthetic corpus in ADE-Corpus-V2's exact format (written here; the real corpus
/// has no licence and is never copied), with the tiny BERT fixture as encoder so the test stays fast.
/// </summary>
public sealed class AdeStudyTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-ade-study-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Writes DRUG-AE.rel, DRUG-DOSE.rel and ADE-NEG.txt: 60 PMIDs, sentence offsets shifted as in the release (abstract offsets).</summary>
    internal static string WriteCorpus(string folder)
    {
        Directory.CreateDirectory(folder);
        string[] drugs = ["azithromycin", "isoniazid", "heparin", "lithium", "amiodarone"];
        string[] events = ["ototoxicity", "hepatitis", "thrombocytopenia", "tremor", "pneumonitis"];
        var ae = new List<string>();
        var neg = new List<string>();
        for (var p = 0; p < 60; p++)
        {
            var pmid = (90000000 + p).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (drug, ev) = (drugs[p % 5], events[(p / 5) % 5]);
            var sentence = p % 2 == 0 ? $"Severe {ev} due to {drug} in an elderly man." : $"A case of {drug}-induced {ev}.";
            var shift = 17 + p; // the sentence's start in the (unshipped) abstract
            var es = sentence.IndexOf(ev, StringComparison.Ordinal);
            var ds = sentence.IndexOf(drug, StringComparison.Ordinal);
            ae.Add($"{pmid}|{sentence}|{ev}|{es + shift}|{es + shift + ev.Length}|{drug}|{ds + shift}|{ds + shift + drug.Length}");
            neg.Add($"{pmid} NEG The patient was admitted for observation and recovered fully.");
        }
        File.WriteAllLines(Path.Combine(folder, "DRUG-AE.rel"), ae);
        File.WriteAllText(Path.Combine(folder, "DRUG-DOSE.rel"), "");
        File.WriteAllLines(Path.Combine(folder, "ADE-NEG.txt"), neg);
        return folder;
    }

    AdeStudyOptions Options() => new()
    {
        CorpusPath = WriteCorpus(Path.Combine(dir, "corpus")),
        Quick = true,
        Checkpoint = TinyBert.Directory,
        ResultsFolder = Path.Combine(dir, "results"),
        RunId = "ade-test",
        Device = "cpu",
        Epochs = 1,
    };

    [Fact]
    public async Task Runs_every_stage_writes_typed_files_and_resumes()
    {
        var options = Options();
        var cache = Path.Combine(dir, "cache", "teachers.sqlite");
        var events = new List<AdeStageEvent>();
        var result = await AdeStudy.RunAsync(options, cache, new Recorder(events));

        var layout = result.Layout;
        foreach (var path in new[] { layout.Split, layout.Search, layout.DistillationSet, layout.ReportJson, layout.ReportMarkdown,
                     layout.Predictions(AdeStudentStage.DrugConditioned), layout.Predictions(AdeStudentStage.DrugMarkers) })
            Assert.True(File.Exists(path), path);
        var systems = result.Report.Pairs.Select(r => r.System).ToArray();
        Assert.Equal(["ade-patterns", "ade-nearest", "ade-cooccurrence"], systems.Take(3));
        Assert.StartsWith("combination: ", systems[3]);
        Assert.Equal([AdeStudentStage.DrugConditioned, AdeStudentStage.DrugMarkers], systems.Skip(4));
        // The synthetic sentences are written in the patterns' own forms: the pattern teacher finds most pairs (those whose
        // drug and event the shipped lexicons know) and emits nothing on the negative sentences.
        var patterns = result.Report.Pairs[0];
        Assert.True(patterns.StrictRecall > 0.5, $"recall {patterns.StrictRecall}");
        Assert.Equal(1.0, patterns.StrictPrecision);
        Assert.InRange(patterns.StrictF1, patterns.StrictLow, patterns.StrictHigh);
        Assert.Contains("QUICK", result.Markdown);
        Assert.Contains("QUICK", result.Report.Mode);
        Assert.Equal(4, result.Report.DrugNer.Count);
        var stored = JsonSerializer.Deserialize(File.ReadAllText(layout.ReportJson), AdePipelineJsonContext.Default.AdeReportRecord)!;
        Assert.Equal(result.Report.Pairs.Select(r => r.StrictF1), stored.Pairs.Select(r => r.StrictF1));
        Assert.DoesNotContain(events, e => e.Resumed && e.Stage == "student");
        // The event bias: chosen on dev for each student from the grid, recorded in the run and in each student's config.json.
        var bias = JsonSerializer.Deserialize(File.ReadAllText(layout.EventBias), AdePipelineJsonContext.Default.AdeEventBiasRecord)!;
        Assert.Equal(2 * Distill.Students.Relations.EventDecision.Grid.Count, bias.Rows.Count);
        foreach (var student in new[] { AdeStudentStage.DrugConditioned, AdeStudentStage.DrugMarkers })
        {
            Assert.Contains(bias.Chosen[student], Distill.Students.Relations.EventDecision.Grid);
            Assert.Equal(bias.Rows.Where(r => r.Student == student).Max(r => r.StrictF1), bias.Rows.Single(r => r.Student == student && r.Bias == bias.Chosen[student]).StrictF1);
            Assert.Equal(bias.Chosen[student], Distill.Students.Relations.AdeStudentHead.EventBias(layout.Student(student)));
        }
        Assert.Contains(events, e => e.Stage == "calibrate" && !e.Resumed);
        // Each student against the combination, strict and lenient, paired on the same sentences: the difference is the
        // difference of the table's F1s, inside its interval.
        Assert.Equal(4, result.Report.Comparisons!.Count);
        foreach (var c in result.Report.Comparisons)
        {
            var student = result.Report.Pairs.Single(r => r.System == c.Student);
            var combination = result.Report.Pairs.Single(r => r.System == c.Against);
            var expected = c.Matching == "strict" ? student.StrictF1 - combination.StrictF1 : student.LenientF1 - combination.LenientF1;
            Assert.Equal(expected, c.Difference, 9);
            Assert.InRange(c.Difference, c.Low, c.High);
            Assert.InRange(c.PValue, 0, 1);
        }
        Assert.Contains("paired sentence bootstrap", result.Markdown);
        Assert.Contains(result.Report.Notes, n => n.Contains("event decision bias"));

        events.Clear();
        var again = await AdeStudy.RunAsync(options, cache, new Recorder(events));
        Assert.Contains(events, e => e.Resumed && e.Stage == "teachers");
        Assert.Equal(2, events.Count(e => e.Resumed && e.Stage == "student"));
        Assert.Contains(events, e => e.Resumed && e.Stage == "predict");
        Assert.Contains(events, e => e.Resumed && e.Stage == "calibrate");
        // A resumed student reports the time its training took, not the moment it took to find it.
        var studentsNote = result.Report.Notes.Single(n => n.StartsWith("Students: "));
        Assert.Equal(studentsNote.Replace(" s;", " s (resumed);").Replace(" s.", " s (resumed)."), again.Report.Notes.Single(n => n.StartsWith("Students: ")));
        Assert.Equal(result.Report.Pairs.Select(r => r.StrictF1), again.Report.Pairs.Select(r => r.StrictF1));
    }

    [Fact]
    public async Task A_missing_corpus_folder_is_one_clear_error()
    {
        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => AdeStudy.RunAsync(Options() with { CorpusPath = Path.Combine(dir, "nope") }, Path.Combine(dir, "c.sqlite")));
        Assert.Contains("nope", e.Message);
    }

    sealed class Recorder(List<AdeStageEvent> events) : IProgress<AdeStageEvent>
    {
        public void Report(AdeStageEvent value) => events.Add(value);
    }
}

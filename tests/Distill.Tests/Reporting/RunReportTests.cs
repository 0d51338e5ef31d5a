using System.Text.Json;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.Reporting;

namespace Distill.Tests.Reporting;

/// <summary>End to end on the NCBI Disease test split: gold as a perfect system, and a system that misses every other mention.</summary>
public sealed class RunReportTests : IDisposable
{
    readonly string results = Path.Combine(Path.GetTempPath(), $"distill-results-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
    }

    [Fact]
    public async Task Evaluate_writes_the_run_folder_and_report_rebuilds_the_same_scores()
    {
        var gold = await GoldSource.LoadAsync("ncbi-disease:test");
        Assert.Equal(100, gold.Count);
        Assert.Equal(960, gold.Sum(d => d.Spans.Count));
        Directory.CreateDirectory(results);
        var perfect = Path.Combine(results, "perfect.jsonl");
        var half = Path.Combine(results, "half.jsonl");
        await JsonlCorpusWriter.WriteAsync(perfect, gold);
        await JsonlCorpusWriter.WriteAsync(half, gold.Select(d => d.WithSpans(d.Spans.Where((_, i) => i % 2 == 0))));

        var folder = RunFolder.For(results, "e2e");
        var settings = EvaluationSettings.Default with { Bootstrap = new BootstrapOptions(Resamples: 200, Seed: 5) };
        var result = await RunReport.CreateAsync(folder, new RunRequest("ncbi-disease:test", [("perfect", perfect), ("half", half)], settings,
            TeacherCacheKeys: ["gpt-4o/prompt-1"], Configuration: new Dictionary<string, string> { ["note"] = "e2e" }, Seeds: new Dictionary<string, int> { ["student"] = 42 }));

        Assert.Equal(["disease"], result.Types);
        Assert.All(result.Scores.Where(s => s.System == "perfect"), s => Assert.Equal(1.0, s.F1));
        var halfStrict = result.Scores.Single(s => s.System == "half" && s.Mode == "strict" && s.Type == "disease");
        Assert.Equal(1.0, halfStrict.Precision);
        var kept = gold.Sum(d => (d.Spans.Count + 1) / 2); // spans 0, 2, 4, ... of each document
        Assert.Equal((double)kept / 960, halfStrict.Recall, 12);
        var test = result.PairedTests.Single(p => p.Mode == "token");
        Assert.True(test.Difference < 0 && test.PValue < 0.01, $"{test}");
        Assert.Equal(0, result.ErrorCounts["perfect"]);
        Assert.Equal(960 - kept, result.ErrorCounts["half"]);

        var manifest = await RunManifest.ReadAsync(folder.Manifest);
        Assert.Equal("e2e", manifest.RunId);
        Assert.Equal("61c8050bf6979ef7b943ec1158dfc03b651ea3367d4c37356f9de4841e85c9a3", Assert.Single(manifest.DatasetFiles).Sha256);
        Assert.Equal(["perfect", "half"], manifest.Systems.Select(s => s.Name));
        Assert.Equal(5, manifest.Seeds["bootstrap"]);
        Assert.Equal(42, manifest.Seeds["student"]);
        Assert.Equal(["gpt-4o/prompt-1"], manifest.TeacherCacheKeys);
        Assert.Equal("e2e", manifest.Configuration["note"]);
        Assert.Equal(200, manifest.Evaluation.Bootstrap.Resamples);
        Assert.NotNull(manifest.FinishedAt);
        Assert.True(manifest.FinishedAt >= manifest.StartedAt);
        Assert.False(string.IsNullOrWhiteSpace(manifest.Machine.CpuModel));
        Assert.Matches("^[0-9a-f]{40}$", manifest.GitCommit ?? new string('0', 40));

        foreach (var file in new[] { "tables/system_by_type_token.md", "tables/system_by_type_token.csv", "tables/system_by_type_token.html",
                     "tables/paired_tests.md", "errors/half.csv", "report.html", "scores.json", "gold.jsonl", "predictions/half.jsonl" })
            Assert.True(File.Exists(Path.Combine(folder.Root, file)), $"{file} was not written");
        var errorsCsv = CsvFormat.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Root, "errors/half.csv")));
        Assert.All(errorsCsv.Skip(1), row => Assert.Equal("Missed", row[2]));

        // Rebuild from the saved folder: same numbers (the bootstrap is seeded).
        var scoresBefore = await File.ReadAllTextAsync(folder.Scores);
        File.Delete(folder.Scores);
        File.Delete(folder.Report);
        var rebuilt = await RunReport.BuildAsync(folder);
        Assert.Equal(scoresBefore, await File.ReadAllTextAsync(folder.Scores));
        // The figures are inline in report.html, with one plotly.js; no separate plot page carries its own copy (issue 17).
        var page = await File.ReadAllTextAsync(folder.Report);
        Assert.Equal(rebuilt.Figures.Count, Count(page, "class=\"plot\""));
        Assert.Contains(rebuilt.Figures, f => f.Name == "f1-disease");
        Assert.Equal(1, Count(page, PlotlyLibrary.InlineMarker));
        Assert.False(Directory.Exists(folder.Plots));
        Assert.Equal(result.Scores, rebuilt.Scores);
    }

    static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public async Task A_run_id_that_exists_is_not_overwritten_and_bad_predictions_fail_before_writing()
    {
        var gold = new[] { new Document("d1", "Fever.", [new EntitySpan(0, 5, EntityTypes.Symptom, "Fever")]) };
        Directory.CreateDirectory(results);
        var goldFile = Path.Combine(results, "gold.jsonl");
        await JsonlCorpusWriter.WriteAsync(goldFile, gold);
        var wrong = Path.Combine(results, "wrong.jsonl");
        await File.WriteAllTextAsync(wrong, "{\"id\":\"d2\",\"text\":\"x\",\"spans\":[]}\n");

        var folder = RunFolder.For(results, "bad");
        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            RunReport.CreateAsync(folder, new RunRequest(goldFile, [("wrong", wrong)], EvaluationSettings.Default)));
        Assert.Contains("documents not in gold: d2", e.Message);
        Assert.False(File.Exists(folder.Manifest));

        var ok = Path.Combine(results, "ok.jsonl");
        await JsonlCorpusWriter.WriteAsync(ok, gold);
        var small = EvaluationSettings.Default with { Bootstrap = new BootstrapOptions(Resamples: 20) };
        var existing = RunFolder.For(results, "once");
        await RunReport.CreateAsync(existing, new RunRequest(goldFile, [("ok", ok)], small));
        await Assert.ThrowsAsync<IOException>(() => RunReport.CreateAsync(existing, new RunRequest(goldFile, [("ok", ok)], small)));
    }

    [Fact]
    public async Task A_malformed_predictions_line_names_the_file_and_line()
    {
        var gold = new[] { new Document("d1", "Fever.", [new EntitySpan(0, 5, EntityTypes.Symptom, "Fever")]) };
        Directory.CreateDirectory(results);
        var goldFile = Path.Combine(results, "gold.jsonl");
        await JsonlCorpusWriter.WriteAsync(goldFile, gold);
        var broken = Path.Combine(results, "broken.jsonl");
        await File.WriteAllTextAsync(broken, "{\"id\":\"d1\",\"text\":\"Fever.\",\"spans\":[]}\n{\"id\":\"d2\",\"text\":\n");

        var folder = RunFolder.For(results, "broken");
        var e = await Assert.ThrowsAsync<CorpusFormatException>(() =>
            RunReport.CreateAsync(folder, new RunRequest(goldFile, [("broken", broken)], EvaluationSettings.Default)));
        Assert.StartsWith($"{broken}:2:", e.Message);
        Assert.False(File.Exists(folder.Manifest));
    }

    [Fact]
    public void Run_ids_and_system_names_must_be_safe_file_names()
    {
        Assert.Throws<ArgumentException>(() => RunFolder.For(results, "../escape"));
        Assert.Throws<ArgumentException>(() => RunFolder.PredictionsFileFor("a/b"));
        Assert.Equal("20250102-030405", RunFolder.NewRunId(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }
}

using System.CommandLine;
using Distill.Cli.Commands;

namespace Distill.Tests.Cli;

/// <summary>`distill evaluate` then `distill report` on three small notes, through the real command line parser.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"distill-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    static Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root.Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task Evaluate_writes_a_run_and_report_rebuilds_it()
    {
        Directory.CreateDirectory(folder);
        var gold = Path.Combine(folder, "gold.jsonl");
        await File.WriteAllLinesAsync(gold,
        [
            """{"id":"a","text":"Chest pain and fever.","spans":[{"start":0,"end":10,"type":"symptom","text":"Chest pain"},{"start":15,"end":20,"type":"symptom","text":"fever"}],"metadata":{}}""",
            """{"id":"b","text":"No asthma.","spans":[{"start":3,"end":9,"type":"disease","text":"asthma"}],"metadata":{}}""",
            """{"id":"c","text":"Rash.","spans":[],"metadata":{}}""",
        ]);
        var pred = Path.Combine(folder, "pred.jsonl");
        await File.WriteAllLinesAsync(pred,
        [
            """{"id":"a","text":"Chest pain and fever.","spans":[{"start":6,"end":10,"type":"symptom","text":"pain"}]}""",
            """{"id":"b","text":"No asthma.","spans":[{"start":3,"end":9,"type":"disease","text":"asthma"}]}""",
            """{"id":"c","text":"Rash.","spans":[{"start":0,"end":4,"type":"symptom","text":"Rash"}]}""",
        ]);
        var results = Path.Combine(folder, "results");

        Assert.Equal(0, await RunAsync("evaluate", "--gold", gold, "--pred", $"student={pred}", "--run-id", "cli", "--out", results, "--resamples", "50",
            "--teacher-cache-key", "gpt-4o/abc", "--config", "student=bert-base", "--no-plots"));
        var run = Path.Combine(results, "cli");
        var table = await File.ReadAllTextAsync(Path.Combine(run, "tables", "system_by_type_token.md"));
        // token level: disease 1 of 1 (F1 1); symptom: 'pain' tp, 'Chest','fever' fn, 'Rash' fp -> P 1/2, R 1/3, F1 0.4.
        Assert.Contains("| student | 1.000 (", table);
        Assert.Contains("| 0.400 (", table);
        var manifest = await Distill.Reporting.RunManifest.ReadAsync(Path.Combine(run, "manifest.json"));
        Assert.Equal(["gpt-4o/abc"], manifest.TeacherCacheKeys);
        Assert.Equal("bert-base", manifest.Configuration["student"]);
        Assert.Equal(50, manifest.Evaluation.Bootstrap.Resamples);
        Assert.False(Directory.Exists(Path.Combine(run, "plots")));
        var errors = await File.ReadAllTextAsync(Path.Combine(run, "errors", "student.csv"));
        Assert.Contains("Boundary", errors);
        Assert.Contains("Spurious", errors);

        File.Delete(Path.Combine(run, "tables", "system_by_type_token.md"));
        Assert.Equal(0, await RunAsync("report", "cli", "--out", results));
        Assert.Equal(table, await File.ReadAllTextAsync(Path.Combine(run, "tables", "system_by_type_token.md")));
    }

    [Fact]
    public async Task Bad_input_exits_with_status_two_and_writes_no_run()
    {
        var missing = Path.Combine(folder, "nope.jsonl");
        Assert.Equal(2, await RunAsync("evaluate", "--gold", missing, "--pred", missing, "--out", folder, "--run-id", "x"));
        Assert.False(File.Exists(Path.Combine(folder, "x", "manifest.json")));
        Assert.Equal(2, await RunAsync("report", "never-ran", "--out", folder));
    }
}

using System.CommandLine;
using Distill.Cli.Commands;
using Distill.Corpora;

namespace Distill.Tests.Cli;

/// <summary>The `distill data` commands, invoked in-process; exit codes are the contract scripts rely on.</summary>
[Collection(nameof(Distill.Tests.Cli.ConsoleCommandsCollection))]
public sealed class DataCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-datacmd-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static Task<int> Run(params string[] args)
    {
        var root = new RootCommand { DataCommand.Create() };
        return root.Parse(["data", .. args]).InvokeAsync();
    }

    [Fact]
    public async Task Verify_passes_on_the_shipped_ncbi_copy()
    {
        Assert.Equal(0, await Run("verify", "ncbi-disease", "--path", Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease"),
            "--manifests", Path.Combine(RepositoryRoot.Path, "data-manifests")));
    }

    [Fact]
    public async Task Verify_exits_non_zero_when_files_are_missing()
    {
        Assert.Equal(1, await Run("verify", "ncbi-disease", "--path", dir, "--manifests", Path.Combine(RepositoryRoot.Path, "data-manifests")));
    }

    [Fact]
    public async Task Stats_and_export_work_on_the_embedded_default()
    {
        var manifests = Path.Combine(RepositoryRoot.Path, "data-manifests");
        var ncbi = Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease");

        Assert.Equal(0, await Run("stats", "--path", ncbi, "--manifests", manifests));
        Assert.Equal(0, await Run("export", "--path", ncbi, "--manifests", manifests, "--out", dir));
        Assert.Equal(0, await Run("stats", "--dataset", "jsonl", "--path", dir));

        var back = await JsonlCorpusReader.ReadCorpusAsync(dir);
        Assert.Equal(6892, back.Splits.Values.SelectMany(d => d).Sum(d => d.Spans.Count));
    }

    [Fact]
    public async Task An_empty_corpus_file_exits_2_unless_allow_empty()
    {
        // Issue 15: `data stats` on an empty file printed "0 documents" and exited 0.
        await File.WriteAllTextAsync(Path.Combine(dir, "test.jsonl"), "");
        Assert.Equal(2, await Run("stats", "--dataset", "jsonl", "--path", dir));
        Assert.Equal(0, await Run("stats", "--dataset", "jsonl", "--path", dir, "--allow-empty"));
    }

    [Fact]
    public async Task Export_samples_mimic_notes_reproducibly_into_unlabeled_jsonl()
    {
        var manifests = Path.Combine(RepositoryRoot.Path, "data-manifests");
        var csv = Path.Combine(AppContext.BaseDirectory, "TestData", "Corpora", "mimic-iii", "NOTEEVENTS.csv");

        Assert.Equal(0, await Run("export", "--dataset", "mimic-iii", "--manifests", manifests, "--path", csv, "--count", "4", "--seed", "3", "--out", Path.Combine(dir, "a")));
        Assert.Equal(0, await Run("export", "--dataset", "mimic-iii", "--manifests", manifests, "--path", Path.GetDirectoryName(csv)!, "--count", "4", "--seed", "3", "--out", Path.Combine(dir, "b")));

        var a = JsonlCorpusReader.Read(Path.Combine(dir, "a", "unlabeled.jsonl"));
        Assert.Equal(4, a.Count);
        Assert.All(a, d => Assert.Equal("Discharge summary", d.Metadata["category"]));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(dir, "a", "unlabeled.jsonl")), await File.ReadAllTextAsync(Path.Combine(dir, "b", "unlabeled.jsonl")));
    }

    [Fact]
    public async Task Align_runs_on_the_default_and_user_errors_exit_2()
    {
        var manifests = Path.Combine(RepositoryRoot.Path, "data-manifests");

        Assert.Equal(0, await Run("align", "--manifests", manifests, "--path", Path.Combine(RepositoryRoot.Path, "data", "ncbi-disease")));
        Assert.Equal(2, await Run("stats", "--dataset", "n2c2-2018-track2", "--manifests", manifests));
        Assert.Equal(2, await Run("verify", "no-such-dataset", "--manifests", manifests));
    }

    [Fact]
    public async Task Stats_stops_at_a_bad_line_unless_lenient()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "train.jsonl"),
            """{"id":"a","text":"gout","spans":[{"start":0,"end":4,"type":"disease"}]}""" + "\n" + "{broken\n");

        Assert.Equal(2, await Run("stats", "--dataset", "jsonl", "--path", dir));
        Assert.Equal(0, await Run("stats", "--dataset", "jsonl", "--path", dir, "--lenient"));
    }
}

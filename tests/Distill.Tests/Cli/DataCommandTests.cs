using System.CommandLine;
using Distill.Cli.Commands;
using Distill.Corpora;

namespace Distill.Tests.Cli;

/// <summary>The `distill data` commands, invoked in-process; exit codes are the contract scripts rely on.</summary>
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
}

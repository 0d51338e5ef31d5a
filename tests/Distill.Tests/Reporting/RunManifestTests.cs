using Distill.Evaluation;
using Distill.Reporting;

namespace Distill.Tests.Reporting;

public class RunManifestTests
{
    [Fact]
    public async Task Round_trips_through_snake_case_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        try
        {
            var manifest = new RunManifest
            {
                RunId = "r1",
                GitCommit = null,
                Dataset = "ncbi-disease:test",
                DatasetFiles = [new FileHash("/x", "ab", 3)],
                TeacherCacheKeys = ["gpt-4o|prompt-v1|sha"],
                Configuration = new Dictionary<string, string> { ["student"] = "bert-base" },
                Seeds = new Dictionary<string, int> { ["bootstrap"] = 1 },
                Evaluation = new EvaluationSettings(new BootstrapOptions(100, 1), new ErrorAnalysisOptions(10), ["disease"], "student"),
                Machine = MachineDescription.Current(),
                StartedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            await manifest.WriteAsync(path);
            var text = await File.ReadAllTextAsync(path);
            Assert.Contains("\"teacher_cache_keys\": [", text);
            Assert.Contains("\"git_commit\": null", text);
            var back = await RunManifest.ReadAsync(path);
            Assert.Equal(manifest.TeacherCacheKeys, back.TeacherCacheKeys);
            Assert.Equal(manifest.Evaluation.Bootstrap, back.Evaluation.Bootstrap);
            Assert.Equal(["disease"], back.Evaluation.Types);
            Assert.Equal("bert-base", back.Configuration["student"]);
            Assert.Equal(manifest.Machine, back.Machine);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bad_manifest_is_a_clear_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ not json");
        try
        {
            var e = await Assert.ThrowsAsync<InvalidDataException>(() => RunManifest.ReadAsync(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Git_commit_is_read_from_the_checkout() =>
        Assert.Matches("^[0-9a-f]{40}$", RunManifest.CurrentGitCommit(Distill.Tests.RepositoryRoot.Path) ?? "git is not available here");
}

using Distill.Teachers.Running;
using Distill.Teachers.Cache;

namespace Distill.Tests.Teachers.Running;

/// <summary>The default `distill label` job: dictionary + simulated teachers, offline, through the cache.</summary>
public class LabelJobTests
{
    static Spectre.Console.IAnsiConsole QuietConsole() =>
        Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });

    [Fact]
    public async Task The_default_job_labels_then_replays_entirely_from_the_cache()
    {
        var cachePath = Path.Combine(TeacherTestData.TempFolder(), "teachers.sqlite");
        var options = new LabelJobOptions { CorpusFile = TeacherTestData.File("ncbi-sample.txt"), Split = "test", CachePath = cachePath, Offline = true };
        var job = LabelJob.Prepare(options);
        Assert.Equal(["dictionary", "simulated:good"], job.Teachers.Select(t => t.Name));

        var first = await job.RunAsync(QuietConsole());
        Assert.Equal((6, 0, 0), (first.Summary.Labeled, first.Summary.FromCache, first.Summary.Failed));
        var second = await job.RunAsync(QuietConsole());
        Assert.Equal((6, 6), (second.Summary.Labeled, second.Summary.FromCache));
        Assert.Equal(first.Labelings.SelectMany(l => l.Spans), second.Labelings.SelectMany(l => l.Spans));

        await using var cache = SqliteTeacherCache.Open(cachePath);
        Assert.Equal(6, await cache.CountAsync());
        // Simulated labels are marked as such wherever they go: in results, in the cache, in the JSONL export.
        Assert.All(second.Labelings.Where(l => l.Teacher == "simulated:good"), l => Assert.Equal(Distill.Teachers.TeacherKind.Simulated, l.Kind));
        var export = Path.Combine(Path.GetDirectoryName(cachePath)!, "labels.jsonl");
        await cache.ExportJsonlAsync(export);
        Assert.Equal(3, File.ReadLines(export).Count(line => line.Contains("\"teacher\":\"simulated:good\"") && line.Contains("\"kind\":\"simulated\"")));
        var scores = job.Score(second);
        Assert.Equal(2, scores.Count);
        Assert.True(scores.Single(s => s.Teacher == "simulated:good").Score.F1 > scores.Single(s => s.Teacher == "dictionary").Score.F1);
    }
}

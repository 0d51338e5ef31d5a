using Distill.Teachers.Running;
using Distill.Teachers.Cache;

namespace Distill.Tests.Teachers.Running;

/// <summary>`distill label` jobs: the default real offline teachers, and the simulated teaching set, through the cache.</summary>
public class LabelJobTests
{

    [Fact]
    public async Task The_default_job_uses_the_real_offline_teachers_then_replays_entirely_from_the_cache()
    {
        var cachePath = Path.Combine(TeacherTestData.TempFolder(), "teachers.sqlite");
        var options = new LabelJobOptions { CorpusFile = TeacherTestData.File("ncbi-sample.txt"), Split = "test", CachePath = cachePath, Offline = true };
        var job = LabelJob.Prepare(options);
        Assert.Equal(Distill.Teachers.TeacherSets.Resolve(null).Select(t => t.Name), job.Teachers.Select(t => t.Name));
        Assert.DoesNotContain(job.Teachers, t => t.Kind == Distill.Teachers.TeacherKind.Simulated);
        var calls = 3 * job.Teachers.Count;

        var first = await job.RunAsync();
        Assert.Equal((calls, 0, 0), (first.Summary.Labeled, first.Summary.FromCache, first.Summary.Failed));
        var second = await job.RunAsync();
        Assert.Equal((calls, calls), (second.Summary.Labeled, second.Summary.FromCache));
        Assert.Equal(first.Labelings.SelectMany(l => l.Spans), second.Labelings.SelectMany(l => l.Spans));
        await using var cache = SqliteTeacherCache.Open(cachePath);
        Assert.Equal(calls, await cache.CountAsync());
        Assert.Equal(job.Teachers.Count, job.Score(second).Count);
    }

    [Fact]
    public async Task Simulated_labels_are_marked_as_such_in_results_cache_and_export()
    {
        var cachePath = Path.Combine(TeacherTestData.TempFolder(), "teachers.sqlite");
        var options = new LabelJobOptions { CorpusFile = TeacherTestData.File("ncbi-sample.txt"), Split = "test", CachePath = cachePath, TeachersFile = "simulated" };
        var job = LabelJob.Prepare(options);
        Assert.Equal(["dictionary", "simulated:precise", "simulated:balanced", "simulated:recall-heavy", "simulated:noisy"], job.Teachers.Select(t => t.Name));
        var result = await job.RunAsync();
        Assert.All(result.Labelings.Where(l => l.Teacher.StartsWith("simulated:", StringComparison.Ordinal)), l => Assert.Equal(Distill.Teachers.TeacherKind.Simulated, l.Kind));
        await using var cache = SqliteTeacherCache.Open(cachePath);
        var export = Path.Combine(Path.GetDirectoryName(cachePath)!, "labels.jsonl");
        await cache.ExportJsonlAsync(export);
        Assert.Equal(3, File.ReadLines(export).Count(line => line.Contains("\"teacher\":\"simulated:precise\"") && line.Contains("\"kind\":\"simulated\"")));
        var scores = job.Score(result);
        Assert.True(scores.Single(s => s.Teacher == "simulated:precise").Score.F1 > scores.Single(s => s.Teacher == "dictionary").Score.F1);
    }
}

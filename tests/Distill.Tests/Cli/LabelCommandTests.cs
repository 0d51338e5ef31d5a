using System.CommandLine;
using Distill.Cli.Commands;
using Distill.Teachers.Cache;
using Distill.Tests.Teachers;

namespace Distill.Tests.Cli;

/// <summary>`distill label` end to end on three NCBI Disease test abstracts (one class: Spectre allows one live display at a time).</summary>
public class LabelCommandTests
{
    static Task<int> Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(LabelCommand.Create());
        return root.Parse(["label", .. args]).InvokeAsync();
    }

    [Fact]
    public async Task Labels_into_the_cache_then_a_second_offline_run_adds_nothing_and_an_LLM_miss_offline_fails()
    {
        var folder = TeacherTestData.TempFolder();
        var cachePath = Path.Combine(folder, "teachers.sqlite");
        string[] common = ["--corpus-file", TeacherTestData.File("ncbi-sample.txt"), "--cache", cachePath];
        var calls = 3 * Distill.Teachers.TeacherSets.Resolve(null).Count; // 3 documents × the default (offline) teachers

        Assert.Equal(0, await Run(common));
        await using (var cache = SqliteTeacherCache.Open(cachePath))
            Assert.Equal(calls, await cache.CountAsync());

        var export = Path.Combine(folder, "labels.jsonl");
        Assert.Equal(0, await Run([.. common, "--offline", "--export-jsonl", export]));
        await using (var cache = SqliteTeacherCache.Open(cachePath))
            Assert.Equal(calls, await cache.CountAsync());
        Assert.Equal(calls, File.ReadAllLines(export).Length);

        var teachers = Path.Combine(folder, "teachers.yaml");
        File.WriteAllText(teachers, "teachers:\n  - name: gpt-4o\n    provider: openai\n    model: gpt-4o\n    api_key_env: DISTILL_TEST_NO_SUCH_KEY\n");
        Assert.Equal(2, await Run([.. common, "--offline", "--teachers", teachers])); // a cache miss under --offline is bad input (CommandErrors)
        Assert.Equal(0, await Run([.. common, "--teachers", teachers, "--dry-run"]));
    }
}

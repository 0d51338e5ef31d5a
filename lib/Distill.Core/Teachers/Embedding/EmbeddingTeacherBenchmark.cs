using System.Diagnostics;
using Distill.Corpora;
using Distill.Encoders;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Running;

namespace Distill.Teachers.Embedding;

/// <summary>
/// Times the embedding teacher the way the study runs it (through <see cref="TeacherRunner"/> and a SQLite teacher
/// cache, several documents in flight) in three passes over the same documents, each with a new teacher:
/// <b>cold</b> (no term vectors on disk, empty teacher cache: the first run on a fresh clone), <b>warm</b> (the cold
/// pass's term vectors on disk, empty teacher cache: the same study labeled again after a rule change) and <b>cached</b> (the warm pass's
/// teacher cache: a re-run, which must not load the encoder). Everything it writes goes under a work folder.
/// For <c>distill bench embedding</c>; performance claims live there, never in timed tests.
/// </summary>
public static class EmbeddingTeacherBenchmark
{
    public static async Task<IReadOnlyList<EmbeddingBenchmarkStep>> RunAsync(IReadOnlyList<Document> documents, Lexicon lexicon, EncoderFiles encoder,
        string workDirectory, EmbeddingTeacherOptions? options = null, string entityType = EntityTypes.Disease, int concurrency = 4,
        CancellationToken cancellationToken = default)
    {
        options = (options ?? new EmbeddingTeacherOptions()) with { CacheDirectory = Path.Combine(workDirectory, "embeddings") };
        if (Directory.Exists(options.CacheDirectory)) Directory.Delete(options.CacheDirectory, recursive: true);
        var steps = new List<EmbeddingBenchmarkStep>();
        var passes = new[]
        {
            ("cold", "no term vectors on disk, empty teacher cache", "cold.sqlite"),
            ("warm", "term vectors on disk, empty teacher cache", "warm.sqlite"),
            ("cached", "the warm pass's teacher cache", "warm.sqlite"),
        };
        foreach (var (name, what, cacheFile) in passes)
        {
            var cachePath = Path.Combine(workDirectory, cacheFile);
            if (name != "cached") DeleteCache(cachePath);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            using var teacher = new EmbeddingTeacher(lexicon, encoder, options);
            await using (var cache = SqliteTeacherCache.Open(cachePath))
            {
                var runner = new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = concurrency });
                var result = await runner.RunAsync(documents, [teacher], [entityType], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Summary.Failed > 0)
                    throw new TeacherLabelingFailedException($"{result.Summary.Failed} labelings failed: {result.Labelings.First(l => !l.Succeeded).Error}");
                process.Refresh();
                steps.Add(new EmbeddingBenchmarkStep(name, what, Stopwatch.GetElapsedTime(started), process.TotalProcessorTime - cpu, teacher.TextsEncoded,
                    result.Summary.Labeled, result.Summary.FromCache, teacher.EncoderLoaded, teacher.TermVectorsComputed, teacher.TermVectorsRead));
            }
        }
        return steps;
    }

    static void DeleteCache(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}

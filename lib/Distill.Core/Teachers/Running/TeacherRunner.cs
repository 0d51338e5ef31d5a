using System.Diagnostics;
using Distill.Corpora;
using Distill.Teachers.Cache;

namespace Distill.Teachers.Running;

/// <summary>How a labeling run is carried out.</summary>
internal sealed record TeacherRunOptions
{
    /// <summary>Labelings in flight at once, over all teachers (default 4: enough to hide API latency, gentle on rate limits).</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>A cache miss that needs the network is an error (<see cref="TeacherCacheMissException"/>), default false.</summary>
    public bool Offline { get; init; }
}

/// <summary>A step of a run, for progress displays.</summary>
public sealed record TeacherRunProgress(int Done, int Total, TeacherLabeling Last);

/// <summary>
/// Labels documents for several teachers × entity types through the cache, with bounded concurrency.
/// Each answer is stored as it arrives (see <see cref="SqliteTeacherCache"/>), so a cancelled or crashed run
/// resumes from the cache. Labelings come back in a fixed order whatever order they finished in.
/// </summary>
internal sealed class TeacherRunner(ITeacherCache cache, TeacherRunOptions? options = null)
{
    readonly TeacherRunOptions options = options ?? new TeacherRunOptions();

    /// <summary>Wraps cacheable teachers with the cache; others run uncached.</summary>
    public ITeacher Cached(ITeacher teacher) =>
        teacher is ICacheableTeacher cacheable ? new CachedTeacher(cacheable, cache, options.Offline) : teacher;

    public async Task<TeacherRunResult> RunAsync(
        IReadOnlyList<Document> documents,
        IReadOnlyList<ITeacher> teachers,
        IReadOnlyList<string> entityTypes,
        IProgress<TeacherRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (options.MaxConcurrency < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrency, "MaxConcurrency must be at least 1.");
        var duplicate = teachers.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two teachers are named '{duplicate.Key}'; names key the cache and the results, so they must differ.", nameof(teachers));
        var cached = teachers.Select(Cached).ToArray();
        // A teacher is only asked for the types it can label (ITeacher.Supports): no failed labelings for a
        // morphology teacher asked about medications, and no "outside" votes counted for it either.
        var jobs = (from t in cached from type in entityTypes where t.Supports(type) from d in documents select (Teacher: t, Type: type, Document: d)).ToArray();
        var results = new TeacherLabeling[jobs.Length];
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (teacher, type, document) = jobs[i];
                try
                {
                    results[i] = await teacher.LabelAsync(document, type, ct).ConfigureAwait(false);
                }
                // Teachers turn bad answers into failed labelings; what still throws is a bug or a setup error, and it stops
                // the run, but the message must say where (issue 15: a wrong-shape 200 aborted a run naming nothing).
                catch (Exception e) when (e is not OperationCanceledException and not TeacherCacheMissException)
                {
                    throw new InvalidOperationException($"Teacher '{teacher.Name}' failed on document '{document.Id}' ({type}): {e.Message}", e);
                }
                progress?.Report(new TeacherRunProgress(Interlocked.Increment(ref done), jobs.Length, results[i]));
            }).ConfigureAwait(false);
        return new TeacherRunResult(results, TeacherRunSummary.Of(results, Stopwatch.GetElapsedTime(started)));
    }
}

using System.Diagnostics;
using Distill.Corpora;

namespace Distill.Teachers.Cache;

/// <summary>
/// Serves a teacher's answers from the cache and stores every new call (failures too, for provenance).
/// A stored success is replayed; a stored failure is retried online and replayed offline.
/// With <c>offline</c>, a miss that would need a network call throws <see cref="TeacherCacheMissException"/>;
/// local teachers (dictionary, simulated) are computed, since they cost nothing and need no key.
/// </summary>
public sealed class CachedTeacher(ICacheableTeacher inner, ITeacherCache cache, bool offline = false, TimeProvider? clock = null) : ITeacher
{
    readonly TimeProvider clock = clock ?? TimeProvider.System;

    public string Name => inner.Name;
    public TeacherKind Kind => inner.Kind;
    public ICacheableTeacher Inner => inner;
    public bool Supports(string entityType) => inner.Supports(entityType);

    public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        var fingerprint = inner.Fingerprint(entityType);
        var documentHash = CacheKey.DocumentHash(document.Text);
        var key = CacheKey.Compute(inner.Name, fingerprint, documentHash, entityType);
        var stored = await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is not null && (stored.Error is null || offline))
            return stored.ToLabeling(document, fromCache: true);
        if (offline && fingerprint.UsesNetwork)
            throw new TeacherCacheMissException(
                $"Offline: teacher '{inner.Name}' (model '{fingerprint.Model}') has no cached answer for document '{document.Id}', " +
                $"entity type '{entityType}'. Run without --offline (needs the API key), or import the study's cache JSONL first.");

        var started = Stopwatch.GetTimestamp();
        var labeling = await inner.LabelAsync(document, entityType, cancellationToken).ConfigureAwait(false);
        // Cancellation throws above, so what reaches here is a finished answer: store it before returning.
        await cache.RecordAsync(CacheRecord.From(labeling with { Kind = inner.Kind, Teacher = inner.Name }, key, fingerprint, documentHash, clock.GetUtcNow(),
            labeling.Latency > TimeSpan.Zero ? labeling.Latency : Stopwatch.GetElapsedTime(started)), CancellationToken.None).ConfigureAwait(false);
        return labeling with { FromCache = false, Kind = inner.Kind };
    }
}

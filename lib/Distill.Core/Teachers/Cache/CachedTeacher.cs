using System.Diagnostics;
using Distill.Corpora;

namespace Distill.Teachers.Cache;

/// <summary>
/// Serves a teacher's answers from the cache and stores every new call (failures too, for provenance).
/// A stored success is replayed; a stored failure is retried online and replayed offline.
/// With <c>offline</c>, a miss that would need a network call throws <see cref="TeacherCacheMissException"/>;
/// local teachers (dictionary, simulated) are computed, since they cost nothing and need no key.
/// <para>
/// A stored answer whose spans do not match the text at their offsets (<see cref="CacheRecord.ReplayProblem"/>) is a
/// miss, never replayed: the key holds the text's hash, so such a row was damaged or edited, and the labels it would
/// give are wrong. Online the teacher is asked again (the new row wins, being the newest success); offline the miss
/// is an error that names the record and the span.
/// </para>
/// <para>
/// Before calling the teacher the key is claimed in the cache (<see cref="ITeacherCache.TryClaimAsync"/>); a key
/// another runner has claimed is waited for and its answer used, so two runs over the same documents pay once.
/// </para>
/// </summary>
internal sealed class CachedTeacher(ICacheableTeacher inner, ITeacherCache cache, bool offline = false, TimeProvider? clock = null) : ITeacher
{
    /// <summary>How long a claim lasts without renewal; it is renewed every third of that while the call runs.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often a runner waiting for another's answer looks again.</summary>
    public static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(100);

    readonly TimeProvider clock = clock ?? TimeProvider.System;

    public string Name => inner.Name;
    public TeacherKind Kind => inner.Kind;
    public ICacheableTeacher Inner => inner;
    public bool Supports(string entityType) => inner.Supports(entityType);

    public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        var fingerprint = inner.Fingerprint(entityType);
        var documentHash = inner.DocumentFingerprint(document, entityType);
        var key = CacheKey.Compute(inner.Name, fingerprint, documentHash, entityType);
        var stored = await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false);
        string? refused = null;
        if (stored is not null && (stored.Error is null || offline))
        {
            if ((refused = stored.ReplayProblem(document)) is null) return stored.ToLabeling(document, fromCache: true);
            Trace.TraceWarning($"{inner.Name}: cached answer {stored.CallId} for '{document.Id}' ({entityType}) is not replayed: {refused}.");
        }
        if (offline && fingerprint.UsesNetwork)
            throw new TeacherCacheMissException(refused is not null
                ? $"Offline: the cached answer of teacher '{inner.Name}' for document '{document.Id}', entity type '{entityType}' (call {stored!.CallId}) " +
                  $"does not fit the text: {refused}. The cache row was damaged or edited; run without --offline to ask the teacher again."
                : $"Offline: teacher '{inner.Name}' (model '{fingerprint.Model}') has no cached answer for document '{document.Id}', " +
                  $"entity type '{entityType}'. Run without --offline (needs the API key), or import the study's cache JSONL first.");

        // Claim the key, or wait for the runner that holds it; its answer, recorded after we started waiting, is ours.
        var waitingSince = clock.GetUtcNow();
        while (!await cache.TryClaimAsync(key, Lease, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(WaitPoll, clock, cancellationToken).ConfigureAwait(false);
            if (await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } answer
                && (answer.Error is null || answer.CreatedUtc >= waitingSince) && answer.ReplayProblem(document) is null)
                return answer.ToLabeling(document, fromCache: true);
        }
        try
        {
            // The holder may have finished between our lookup and our claim.
            if (await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } late && late.CallId != stored?.CallId
                && (late.Error is null || late.CreatedUtc >= waitingSince) && late.ReplayProblem(document) is null)
                return late.ToLabeling(document, fromCache: true);

            var started = Stopwatch.GetTimestamp();
            TeacherLabeling labeling;
            using (var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var renewal = RenewAsync(key, renewing.Token);
                try
                {
                    labeling = await inner.LabelAsync(document, entityType, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await renewing.CancelAsync().ConfigureAwait(false);
                    await renewal.ConfigureAwait(false);
                }
            }
            // Cancellation throws above, so what reaches here is a finished answer: store it before returning.
            await cache.RecordAsync(CacheRecord.From(labeling with { Kind = inner.Kind, Teacher = inner.Name }, key, fingerprint, documentHash, clock.GetUtcNow(),
                labeling.Latency > TimeSpan.Zero ? labeling.Latency : Stopwatch.GetElapsedTime(started)), CancellationToken.None).ConfigureAwait(false);
            return labeling with { FromCache = false, Kind = inner.Kind };
        }
        finally
        {
            await cache.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the claim alive while a slow call (retries, long timeouts) runs.</summary>
    async Task RenewAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, clock, cancellationToken).ConfigureAwait(false);
                await cache.TryClaimAsync(key, Lease, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the call finished
        }
    }
}

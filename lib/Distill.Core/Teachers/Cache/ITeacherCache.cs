namespace Distill.Teachers.Cache;

/// <summary>Where teacher calls are stored and replayed from. <see cref="SqliteTeacherCache"/> is the real one.</summary>
internal interface ITeacherCache
{
    /// <summary>
    /// The best stored call for <paramref name="cacheKey"/>: the newest successful one, else the newest failed
    /// one, else null.
    /// </summary>
    Task<CacheRecord?> LookupAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Stores one call, committed before this returns (a crash afterwards loses nothing).</summary>
    Task RecordAsync(CacheRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims <paramref name="cacheKey"/> for <paramref name="lease"/> so no other runner pays for the same call while this
    /// one makes it (issue 15: two label runs at once made 1,248 calls for 1,184 keys). True when this cache instance holds
    /// the claim now (claiming again renews it); false while another instance holds an unexpired one. Default: always true
    /// (a cache that only one runner uses).
    /// </summary>
    Task<bool> TryClaimAsync(string cacheKey, TimeSpan lease, CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>Gives up this instance's claim on <paramref name="cacheKey"/> (after its answer is recorded, or on failure).</summary>
    Task ReleaseAsync(string cacheKey, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

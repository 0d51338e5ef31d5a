namespace Distill.Teachers.Cache;

/// <summary>Where teacher calls are stored and replayed from. <see cref="SqliteTeacherCache"/> is the real one.</summary>
public interface ITeacherCache
{
    /// <summary>
    /// The best stored call for <paramref name="cacheKey"/>: the newest successful one, else the newest failed
    /// one, else null.
    /// </summary>
    Task<CacheRecord?> LookupAsync(string cacheKey, CancellationToken cancellationToken = default);

    /// <summary>Stores one call, committed before this returns (a crash afterwards loses nothing).</summary>
    Task RecordAsync(CacheRecord record, CancellationToken cancellationToken = default);
}

namespace Distill.Runtime;

/// <summary>
/// Reports on the calling thread, in order. <see cref="Progress{T}"/> posts each report to the captured context or the
/// thread pool, so a console bar or table can receive updates late and out of order.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

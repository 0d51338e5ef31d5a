namespace Distill.IO;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread, in order. <see cref="Progress{T}"/> posts each
/// report to the captured synchronisation context or the thread pool, which can reorder updates and, in a notebook
/// cell, deliver them after the cell has finished.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

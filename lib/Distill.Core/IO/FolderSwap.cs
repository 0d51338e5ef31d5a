namespace Distill.IO;

/// <summary>The points of a <see cref="FolderSwap"/> after which a kill leaves a different state on disk (for tests).</summary>
internal enum FolderSwapStep
{
    /// <summary>The new version is complete and flushed in its temporary sibling; nothing visible has changed.</summary>
    Written,
    /// <summary>A stale <c>.old</c> (the current folder being complete) was removed.</summary>
    StaleOldRemoved,
    /// <summary>The current folder was renamed to <c>.old</c>; the folder's name is free.</summary>
    CurrentMovedAside,
    /// <summary>The new version was renamed into place.</summary>
    NewMovedIn,
    /// <summary>The <c>.old</c> copy was removed: the swap is finished.</summary>
    OldRemoved,
    /// <summary>The new files are committed (the <c>.ready</c> folder exists): from here a restart rolls forward.</summary>
    FilesCommitted,
    /// <summary>One committed file was moved into place (raised once per file).</summary>
    FileMovedIn,
}

/// <summary>
/// Replaces a folder's contents as one unit, so a kill at any point leaves one complete version: the old or the new,
/// never a mix (issue 15: after a kill between the two renames of the training checkpoint swap, the next save deleted
/// <c>.old</c>, the only complete checkpoint; and the best model was written file by file, so weights and provenance
/// could come from different epochs). Everything is written to a temporary sibling and flushed (files, then
/// directories) before any rename, and each rename is flushed in its parent.
/// <list type="bullet">
/// <item><see cref="Replace"/> swaps a whole folder: <c>X.partial</c> is written, <c>X</c> becomes <c>X.old</c>,
/// <c>X.partial</c> becomes <c>X</c>, <c>X.old</c> goes. A folder named <c>X</c> is always complete (it only ever
/// appears by renaming a complete <c>X.partial</c>), so <see cref="Resolve"/> reads <c>X</c>, else <c>X.old</c>; a
/// save never removes <c>X.old</c> while there is no <c>X</c>.</item>
/// <item><see cref="ReplaceFilesIn"/> swaps the files of a folder that also holds other things (a Hugging Face model
/// directory with <c>checkpoint-last/</c> and logs beside it): the new files are written to <c>.distill-swap.partial/</c>,
/// committed by renaming it to <c>.distill-swap.ready/</c>, then moved in one by one. A kill during the moves is
/// finished by <see cref="FinishInterrupted"/> (rolled forward, as a database replays its journal), which the trainer
/// and <c>StudentModel.Load</c> call before they read the folder.</item>
/// </list>
/// </summary>
internal static class FolderSwap
{
    const string PartialSuffix = ".partial";
    const string OldSuffix = ".old";

    /// <summary>Subfolder holding a file swap that is still being written (discarded on restart).</summary>
    public const string FilesPartial = ".distill-swap.partial";

    /// <summary>Subfolder holding a committed file swap (rolled forward on restart).</summary>
    public const string FilesReady = ".distill-swap.ready";

    /// <summary>
    /// Writes a new version of <paramref name="folder"/> with <paramref name="write"/> (given the temporary folder to
    /// fill) and swaps it in whole.
    /// </summary>
    public static void Replace(string folder, Action<string> write) => ReplaceObserved(folder, write, null);

    /// <summary><see cref="Replace"/>, calling <paramref name="afterStep"/> at each point where a kill changes what is on disk (tests throw there).</summary>
    internal static void ReplaceObserved(string folder, Action<string> write, Action<FolderSwapStep>? afterStep)
    {
        folder = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar));
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var partial = folder + PartialSuffix;
        var old = folder + OldSuffix;
        // A leftover .partial was never renamed into place, so it is never the only complete copy.
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        write(partial);
        FileSync.Tree(partial);
        afterStep?.Invoke(FolderSwapStep.Written);
        if (Directory.Exists(folder))
        {
            // The folder is complete, so an .old beside it is stale (a kill after the new one moved in).
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
                afterStep?.Invoke(FolderSwapStep.StaleOldRemoved);
            }
            Directory.Move(folder, old);
            FileSync.Directory(parent);
            afterStep?.Invoke(FolderSwapStep.CurrentMovedAside);
        }
        // else: no folder, so .old (if any) is the only complete version; it stays until the new one is in place.
        Directory.Move(partial, folder);
        FileSync.Directory(parent);
        afterStep?.Invoke(FolderSwapStep.NewMovedIn);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
            afterStep?.Invoke(FolderSwapStep.OldRemoved);
        }
    }

    /// <summary>The complete version of a folder written by <see cref="Replace"/>: the folder, else its <c>.old</c>; null when neither exists.</summary>
    public static string? Resolve(string folder)
    {
        folder = folder.TrimEnd(Path.DirectorySeparatorChar);
        if (Directory.Exists(folder)) return folder;
        return Directory.Exists(folder + OldSuffix) ? folder + OldSuffix : null;
    }

    /// <summary>
    /// Writes a new set of files into <paramref name="directory"/> with <paramref name="write"/> (given a temporary
    /// folder to fill; files only) and moves them in as one committed unit. Files of the directory that the new set
    /// does not name are left alone.
    /// </summary>
    public static void ReplaceFilesIn(string directory, Action<string> write) => ReplaceFilesInObserved(directory, write, null);

    /// <summary><see cref="ReplaceFilesIn"/>, calling <paramref name="afterStep"/> at each kill point (tests throw there).</summary>
    internal static void ReplaceFilesInObserved(string directory, Action<string> write, Action<FolderSwapStep>? afterStep)
    {
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        FinishInterrupted(directory);
        var partial = Path.Combine(directory, FilesPartial);
        Directory.CreateDirectory(partial);
        write(partial);
        if (Directory.EnumerateDirectories(partial).Any())
            throw new InvalidOperationException($"{partial}: a file swap moves files only; the writer created a folder.");
        FileSync.Tree(partial);
        afterStep?.Invoke(FolderSwapStep.Written);
        var ready = Path.Combine(directory, FilesReady);
        Directory.Move(partial, ready);
        FileSync.Directory(directory);
        afterStep?.Invoke(FolderSwapStep.FilesCommitted);
        RollForward(directory, ready, afterStep);
    }

    /// <summary>
    /// Completes or discards a file swap that a kill interrupted in <paramref name="directory"/>: a committed one is
    /// rolled forward (its remaining files moved in), an uncommitted one removed. Does nothing when there is none.
    /// </summary>
    public static void FinishInterrupted(string directory)
    {
        var ready = Path.Combine(directory, FilesReady);
        if (Directory.Exists(ready)) RollForward(directory, ready, null);
        var partial = Path.Combine(directory, FilesPartial);
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
    }

    static void RollForward(string directory, string ready, Action<FolderSwapStep>? afterStep)
    {
        foreach (var file in Directory.GetFiles(ready).Order(StringComparer.Ordinal))
        {
            File.Move(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
            afterStep?.Invoke(FolderSwapStep.FileMovedIn);
        }
        FileSync.Directory(directory);
        Directory.Delete(ready, recursive: true);
        FileSync.Directory(directory);
    }
}

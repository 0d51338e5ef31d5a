using System.Text;
using Distill.Corpora;
using Distill.IO;

namespace Distill.Students.Inference;

/// <summary>
/// Writes labelled notes as BRAT standoff into one folder: <c>stem.txt</c> (the text) and <c>stem.ann</c>
/// (<c>T1\ttype start end\ttext</c> lines), where the stem is the note id with characters a file name cannot hold
/// replaced by <c>_</c>. A note whose stem was already written in this folder gets <c>-2</c>, <c>-3</c>... (as
/// <see cref="PubTatorReader"/> does for a repeated PMID) and is listed in <see cref="Renamed"/>, so two notes with
/// one id never overwrite each other (issue 15: two notes of the same id left one pair). Each file is written
/// atomically (<see cref="AtomicFile"/>), the .txt first: a stopped run leaves whole pairs, or a .txt the BRAT
/// reader reports as missing its .ann, never half a file.
/// </summary>
public sealed class BratNoteWriter(string folder)
{
    readonly Dictionary<string, int> written = new(StringComparer.Ordinal);
    readonly List<(string Id, string Stem)> renamed = [];

    public string Folder { get; } = folder;

    /// <summary>Notes written under another stem than their id's, in order.</summary>
    public IReadOnlyList<(string Id, string Stem)> Renamed => renamed;

    /// <summary>Writes the note's pair and returns its stem (file name without extension).</summary>
    public async Task<string> WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var safe = SafeStem(document.Id);
        var stem = Unique(safe);
        if (stem != safe) renamed.Add((document.Id, stem));
        var ann = new StringBuilder();
        var n = 0;
        foreach (var span in document.Spans)
            ann.Append('T').Append(++n).Append('\t').Append(span.Type).Append(' ').Append(span.Start).Append(' ').Append(span.End)
               .Append('\t').Append(span.Text.Replace('\n', ' ')).Append('\n');
        await AtomicFile.WriteTextAsync(Path.Combine(Folder, stem + ".txt"), w => w.WriteAsync(document.Text.AsMemory(), cancellationToken), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteTextAsync(Path.Combine(Folder, stem + ".ann"), w => w.WriteAsync(ann, cancellationToken), cancellationToken).ConfigureAwait(false);
        return stem;
    }

    static string SafeStem(string id)
    {
        var stem = string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        return stem is "" or "." or ".." ? "_" + stem : stem;
    }

    string Unique(string stem)
    {
        var n = written[stem] = written.GetValueOrDefault(stem) + 1;
        if (n == 1) return stem;
        // The suffixed name may itself be a later note's id; keep counting until it is free.
        var candidate = $"{stem}-{n}";
        while (written.ContainsKey(candidate)) candidate = $"{stem}-{++n}";
        written[stem] = n;
        written[candidate] = 1;
        return candidate;
    }
}

using System.Collections.Concurrent;

namespace Distill.Corpora;

/// <summary>One problem a lenient reader skipped past.</summary>
public sealed record ReadWarning(string File, int? Line, string Message)
{
    public override string ToString() => $"{CorpusFormatException.Locate(File, Line)}: {Message}";
}

/// <summary>
/// What a reader saw besides documents: warnings (lenient mode) and counts of things it did not turn
/// into spans on purpose (types the label map skips, relation lines, discontinuous fragments merged).
/// A reader fills it while it streams, so read it after enumeration finished. Nothing a reader drops
/// goes unrecorded here.
/// </summary>
public sealed class CorpusReadReport
{
    readonly ConcurrentQueue<ReadWarning> warnings = new();
    readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public IReadOnlyList<ReadWarning> Warnings => warnings.ToArray();

    /// <summary>Named counters, e.g. <c>skipped type Strength</c> or <c>relations</c>; sorted by name.</summary>
    public IReadOnlyDictionary<string, int> Counts =>
        new SortedDictionary<string, int>(counts, StringComparer.Ordinal);

    public int WarningCount => warnings.Count;

    public int Count(string name) => counts.TryGetValue(name, out var n) ? n : 0;

    public void Increment(string name, int by = 1) => counts.AddOrUpdate(name, by, (_, n) => n + by);

    internal void Warn(ReadWarning warning)
    {
        warnings.Enqueue(warning);
        Increment("warnings");
    }

    public override string ToString() =>
        string.Join(Environment.NewLine, Counts.Select(kv => $"{kv.Key}: {kv.Value}").Concat(Warnings.Select(w => w.ToString())));
}

/// <summary>Applies the read mode: throw in strict mode, record and continue in lenient mode.</summary>
internal sealed class ReadProblems(CorpusReadOptions options, CorpusReadReport? report)
{
    public CorpusReadReport Report { get; } = report ?? new CorpusReadReport();

    public LabelMap? LabelMap => options.LabelMap;

    /// <summary>Throws in strict mode; in lenient mode records the warning and returns so the caller can skip.</summary>
    public void Raise(string file, int? line, string message)
    {
        if (options.Mode == ReadMode.Strict)
            throw new CorpusFormatException(file, line, message);
        Report.Warn(new ReadWarning(file, line, message));
    }

    /// <summary>Maps a source type; a type the map skips is counted, a type it rejects is raised.</summary>
    public string? MapType(LabelMap map, string sourceType, string file, int? line)
    {
        switch (map.Resolve(sourceType, out var mapped))
        {
            case LabelResolution.Mapped:
                return mapped;
            case LabelResolution.Skipped:
                Report.Increment($"skipped type {sourceType}");
                return null;
            default:
                Raise(file, line, $"entity type '{sourceType}' is not in the label map (known: {string.Join(", ", map.Map.Keys)}).");
                return null;
        }
    }

    /// <summary>
    /// Checks a span against the text: inside, non-empty and (when given) covering the expected text.
    /// Returns false after raising when it does not.
    /// </summary>
    public bool CheckSpan(string text, int start, int end, string? expected, string file, int? line, string what)
    {
        if (start < 0 || end > text.Length || start >= end)
        {
            Raise(file, line, $"{what} [{start}, {end}) is outside the text (length {text.Length}) or empty.");
            return false;
        }
        if (expected is not null && !text.AsSpan(start, end - start).SequenceEqual(expected))
        {
            Raise(file, line, $"{what} [{start}, {end}) says '{expected}' but the text there is '{text.Substring(start, end - start)}'.");
            return false;
        }
        return true;
    }
}

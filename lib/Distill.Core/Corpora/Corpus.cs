namespace Distill.Corpora;

/// <summary>Standard split names. A corpus may have others.</summary>
public static class SplitNames
{
    public const string Train = "train";
    public const string Dev = "dev";
    public const string Test = "test";
    public const string Unlabeled = "unlabeled";
}

/// <summary>A named collection of documents in named splits (train/dev/test/unlabeled).</summary>
public sealed record Corpus(string Name, IReadOnlyDictionary<string, IReadOnlyList<Document>> Splits)
{
    /// <summary>The documents of <paramref name="split"/>; a clear error names the splits that exist.</summary>
    public IReadOnlyList<Document> Split(string split) =>
        Splits.TryGetValue(split, out var docs)
            ? docs
            : throw new KeyNotFoundException($"Corpus '{Name}' has no split '{split}'; it has: {string.Join(", ", Splits.Keys)}.");

    /// <summary>Entity types that occur in any split, sorted.</summary>
    public IReadOnlyList<string> EntityTypesPresent() =>
        Splits.Values.SelectMany(d => d).SelectMany(d => d.Spans).Select(s => s.Type).Distinct().Order(StringComparer.Ordinal).ToArray();
}

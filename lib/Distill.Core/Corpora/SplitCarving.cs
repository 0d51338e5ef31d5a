namespace Distill.Corpora;

/// <summary>
/// Carves a dev split out of another split reproducibly, as the reference study did (25 dev notes from
/// n2c2 2018 train, 5 from CORAL). The study did not publish which notes, so this is our rule: the
/// <c>count</c> documents whose ids hash lowest under <c>seed</c> (the hash of
/// <see cref="MimicNoteEventsReader.SampleAsync(IAsyncEnumerable{Document}, int, int, CancellationToken)"/>),
/// which depends only on (seed, id): the same notes on every machine, whatever the file order.
/// </summary>
internal static class SplitCarving
{
    /// <summary>Splits <paramref name="source"/> into (remaining, carved); both keep the source order.</summary>
    public static (IReadOnlyList<Document> Remaining, IReadOnlyList<Document> Carved) CarveOut(IReadOnlyList<Document> source, int count, int seed)
    {
        if (count < 0 || count > source.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Cannot carve {count} documents out of {source.Count}.");
        var chosen = source
            .Select((d, i) => (Key: MimicNoteEventsReader.SampleKey(d.Id, seed), Index: i))
            .OrderBy(x => x.Key).ThenBy(x => x.Index)
            .Take(count).Select(x => x.Index).ToHashSet();
        return (source.Where((_, i) => !chosen.Contains(i)).ToList(), source.Where((_, i) => chosen.Contains(i)).ToList());
    }
}

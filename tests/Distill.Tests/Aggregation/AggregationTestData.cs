using Distill.Corpora;

namespace Distill.Tests.Aggregation;

/// <summary>Builders for small hand-checkable vote tables.</summary>
internal static class AggregationTestData
{
    public static EntitySpan Span(string text, string word, string type = EntityTypes.Disease, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++) start = text.IndexOf(word, start + 1, StringComparison.Ordinal);
        if (start < 0) throw new ArgumentException($"'{word}' not in '{text}'");
        return new EntitySpan(start, start + word.Length, type, word);
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>> Labels(params (Document doc, string[] words)[] perDoc) =>
        perDoc.ToDictionary(p => p.doc.Id, p => (IReadOnlyList<EntitySpan>)p.words.Select(w => Span(p.doc.Text, w)).ToList());

    /// <summary>A document whose gold disease mentions are <paramref name="gold"/>.</summary>
    public static Document Doc(string id, string text, params string[] gold) =>
        new(id, text, gold.Select(g => Span(text, g)));
}

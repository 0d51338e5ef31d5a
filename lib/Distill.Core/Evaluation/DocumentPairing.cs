using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>Lines predictions up with gold documents by id, in gold order, and checks they are the same texts.</summary>
internal static class DocumentPairing
{
    /// <summary>
    /// The predicted document for each gold document. Every gold document needs a prediction (a system that
    /// found nothing must still say so with an empty span list), predictions of documents not in gold are an
    /// error, and the texts must be identical, because offsets are only comparable on the same text.
    /// </summary>
    public static IReadOnlyList<Document> Align(IReadOnlyList<Document> gold, IReadOnlyList<Document> predicted, string systemName = "predictions")
    {
        var byId = new Dictionary<string, Document>(predicted.Count, StringComparer.Ordinal);
        foreach (var p in predicted)
            if (!byId.TryAdd(p.Id, p))
                throw new InvalidDataException($"{systemName}: document '{p.Id}' appears twice.");
        var goldIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in gold)
            if (!goldIds.Add(g.Id))
                throw new InvalidDataException($"Gold: document '{g.Id}' appears twice.");
        var extra = byId.Keys.Where(id => !goldIds.Contains(id)).Take(5).ToArray();
        if (extra.Length > 0)
            throw new InvalidDataException($"{systemName}: documents not in gold: {string.Join(", ", extra)}{(extra.Length == 5 ? ", ..." : "")}.");
        var aligned = new Document[gold.Count];
        var missing = new List<string>();
        for (var i = 0; i < gold.Count; i++)
        {
            if (!byId.TryGetValue(gold[i].Id, out var p)) { missing.Add(gold[i].Id); continue; }
            if (!string.Equals(p.Text, gold[i].Text, StringComparison.Ordinal))
                throw new InvalidDataException(
                    $"{systemName}: document '{p.Id}' has a different text than gold (lengths {p.Text.Length} and {gold[i].Text.Length}); offsets cannot be compared.");
            aligned[i] = p;
        }
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{systemName}: no prediction for {missing.Count} of {gold.Count} gold documents (first: {string.Join(", ", missing.Take(5))}). " +
                "Write every document, with an empty span list where the system found nothing.");
        return aligned;
    }

    /// <summary>Types present in gold, sorted: the default set to score (a corpus annotated for diseases only says nothing about drugs).</summary>
    public static IReadOnlyList<string> GoldTypes(IEnumerable<Document> gold) =>
        gold.SelectMany(d => d.Spans).Select(s => s.Type).Distinct().Order(StringComparer.Ordinal).ToArray();
}

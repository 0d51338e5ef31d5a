using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// Finds entity-level false positives and false negatives and files each under a cause. Per document:
/// exact matches (start, end and type) are set aside; each remaining prediction is paired with the
/// remaining gold mention it overlaps most (same type preferred), giving a boundary, type or
/// boundary-and-type error; predictions overlapping no gold are spurious; gold mentions no remaining
/// prediction overlaps are missed.
/// </summary>
internal static class ErrorAnalysis
{
    public static IReadOnlyList<EntityError> Find(string system, IReadOnlyList<Document> gold, IReadOnlyList<Document> alignedPredictions,
        IReadOnlyList<string> types, ErrorAnalysisOptions? options = null)
    {
        options ??= new ErrorAnalysisOptions();
        if (options.ContextCharacters < 0)
            throw new ArgumentException($"ContextCharacters is {options.ContextCharacters}; expected 0 or more.");
        if (alignedPredictions.Count != gold.Count)
            throw new ArgumentException($"{alignedPredictions.Count} predicted documents for {gold.Count} gold documents; align them first.");
        var scored = types.ToHashSet(StringComparer.Ordinal);
        var errors = new List<EntityError>();
        for (var d = 0; d < gold.Count; d++)
        {
            var text = gold[d].Text;
            var g = DistinctOf(gold[d].Spans, scored);
            var p = DistinctOf(alignedPredictions[d].Spans, scored);
            var exact = g.Select(Key).ToHashSet();
            exact.IntersectWith(p.Select(Key));
            var goldLeft = g.Where(s => !exact.Contains(Key(s))).ToList();
            var predLeft = p.Where(s => !exact.Contains(Key(s))).ToList();
            var explained = new HashSet<EntitySpan>();
            foreach (var pred in predLeft)
            {
                var partner = goldLeft.Where(pred.Overlaps)
                    .OrderByDescending(x => x.Type == pred.Type)
                    .ThenByDescending(x => Math.Min(x.End, pred.End) - Math.Max(x.Start, pred.Start))
                    .FirstOrDefault();
                if (partner is null)
                {
                    errors.Add(Make(system, gold[d].Id, ErrorCause.Spurious, null, pred, text, options));
                    continue;
                }
                explained.Add(partner);
                var cause = partner.Type == pred.Type ? ErrorCause.Boundary
                    : partner.Start == pred.Start && partner.End == pred.End ? ErrorCause.Type
                    : ErrorCause.BoundaryAndType;
                errors.Add(Make(system, gold[d].Id, cause, partner, pred, text, options));
            }
            foreach (var missed in goldLeft.Where(x => !explained.Contains(x)))
                errors.Add(Make(system, gold[d].Id, ErrorCause.Missed, missed, null, text, options));
        }
        return errors;
    }

    /// <summary>Errors grouped by cause and surface form, most frequent first.</summary>
    public static IReadOnlyList<ErrorGroup> GroupBySurface(IEnumerable<EntityError> errors) =>
        errors.GroupBy(e => (e.Cause, Surface: NormalizeSurface(e.Surface)))
            .Select(grp => new ErrorGroup(grp.Key.Cause, grp.Key.Surface, grp.Count(), grp.Select(e => e.DocumentId).Distinct().ToArray()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Cause).ThenBy(x => x.Surface, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Count of errors per cause and entity type.</summary>
    public static IReadOnlyDictionary<(ErrorCause Cause, string Type), int> CountByCause(IEnumerable<EntityError> errors) =>
        errors.GroupBy(e => (e.Cause, e.EntityType)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Rows for review, one per error, with a header row; write them with an RFC 4180 CSV writer.</summary>
    public static IEnumerable<string[]> ToRows(IEnumerable<EntityError> errors)
    {
        yield return ["system", "document_id", "cause", "entity_type", "gold_start", "gold_end", "gold_type", "gold_text",
            "predicted_start", "predicted_end", "predicted_type", "predicted_text", "left_context", "surface", "right_context"];
        foreach (var e in errors)
            yield return [e.System, e.DocumentId, e.Cause.ToString(), e.EntityType,
                e.Gold?.Start.ToString() ?? "", e.Gold?.End.ToString() ?? "", e.Gold?.Type ?? "", e.Gold?.Text ?? "",
                e.Predicted?.Start.ToString() ?? "", e.Predicted?.End.ToString() ?? "", e.Predicted?.Type ?? "", e.Predicted?.Text ?? "",
                e.LeftContext, e.Surface, e.RightContext];
    }

    static string NormalizeSurface(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    static (int, int, string) Key(EntitySpan s) => (s.Start, s.End, s.Type);

    static List<EntitySpan> DistinctOf(IEnumerable<EntitySpan> spans, HashSet<string> types) =>
        spans.Where(s => types.Contains(s.Type)).DistinctBy(Key).ToList();

    static EntityError Make(string system, string id, ErrorCause cause, EntitySpan? gold, EntitySpan? pred, string text, ErrorAnalysisOptions options)
    {
        // Context around the union of the two mentions, on one line so a spreadsheet row stays readable.
        var start = Math.Min(gold?.Start ?? int.MaxValue, pred?.Start ?? int.MaxValue);
        var end = Math.Max(gold?.End ?? 0, pred?.End ?? 0);
        var anchorStart = (pred ?? gold)!.Start;
        var anchorEnd = (pred ?? gold)!.End;
        var left = text[Math.Max(0, Math.Min(start, anchorStart) - options.ContextCharacters)..anchorStart];
        var right = text[anchorEnd..Math.Min(text.Length, Math.Max(end, anchorEnd) + options.ContextCharacters)];
        return new EntityError(system, id, cause, gold, pred, OneLine(left), OneLine(right));
    }

    static string OneLine(string s) => s.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}

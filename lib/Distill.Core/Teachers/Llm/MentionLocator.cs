using Distill.Corpora;

namespace Distill.Teachers.Llm;

/// <summary>
/// Maps mention strings back to character spans: every case-insensitive occurrence whose ends fall on word
/// boundaries (no letter or digit just outside a mention that starts or ends with one), so "pain" is not found
/// inside "Spain". Where occurrences of different mentions overlap, the longer one wins ("breast cancer" over
/// "cancer"). Mentions found nowhere are counted, not dropped silently.
/// </summary>
internal static class MentionLocator
{
    public static (IReadOnlyList<EntitySpan> Spans, int NotFound) Locate(string text, IEnumerable<string> mentions, string entityType, int offset = 0)
    {
        var candidates = new List<EntitySpan>();
        var notFound = 0;
        foreach (var mention in mentions)
        {
            var found = false;
            for (var at = text.IndexOf(mention, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = at + 1 < text.Length ? text.IndexOf(mention, at + 1, StringComparison.OrdinalIgnoreCase) : -1)
            {
                var end = at + mention.Length;
                if (!AtBoundary(text, at, end)) continue;
                candidates.Add(new EntitySpan(offset + at, offset + end, entityType, text[at..end]));
                found = true;
            }
            if (!found) notFound++;
        }
        return (LongestNonOverlapping(candidates), notFound);
    }

    /// <summary>
    /// Resolves overlapping candidate spans: longest first (ties: earlier start), dropping any that overlaps one
    /// already kept; returns them by start. Shared by the teachers that find mentions by several routes (LLM, BioPortal).
    /// </summary>
    public static EntitySpan[] LongestNonOverlapping(IEnumerable<EntitySpan> candidates)
    {
        var chosen = new List<EntitySpan>();
        foreach (var span in candidates.OrderByDescending(s => s.Length).ThenBy(s => s.Start))
            if (!chosen.Any(c => c.Overlaps(span)))
                chosen.Add(span);
        return chosen.OrderBy(s => s.Start).ToArray();
    }

    static bool AtBoundary(string text, int start, int end) =>
        !(start > 0 && char.IsLetterOrDigit(text[start]) && char.IsLetterOrDigit(text[start - 1]))
        && !(end < text.Length && char.IsLetterOrDigit(text[end - 1]) && char.IsLetterOrDigit(text[end]));
}

using System.Globalization;
using Distill.Corpora;
using Distill.Corpora.Relations;

namespace Distill.Teachers.Relations;

/// <summary>
/// How a relation teacher's pairs travel through the span contract (<see cref="ITeacher"/>, the teacher cache, its
/// JSONL export) unchanged: a teacher is asked for the pseudo entity type <see cref="EntityType"/> and answers pair
/// n as two spans typed <c>drug#n</c> and <c>adverse_event#n</c>. The cache therefore checks every stored pair against
/// the text (<c>CacheRecord.ReplayProblem</c>) as it does spans, and one cache file holds span and pair answers.
/// </summary>
public static class PairSpans
{
    /// <summary>The entity type a relation teacher is asked for.</summary>
    public const string EntityType = "ade_pair";

    public const string DrugRole = "drug";
    public const string EventRole = "adverse_event";

    /// <summary>Pair n as its two spans.</summary>
    public static IReadOnlyList<EntitySpan> Encode(IEnumerable<AdePair> pairs)
    {
        var spans = new List<EntitySpan>();
        var n = 0;
        foreach (var pair in pairs)
        {
            var suffix = "#" + n.ToString(CultureInfo.InvariantCulture);
            spans.Add(pair.Drug with { Type = DrugRole + suffix });
            spans.Add(pair.AdverseEvent with { Type = EventRole + suffix });
            n++;
        }
        return spans;
    }

    /// <summary>
    /// The pairs of spans written by <see cref="Encode"/>, in pair order, their spans retyped <c>medication</c> and
    /// <c>adverse_effect</c> (the corpus's types). A span with another type, or a pair missing a role, is an error:
    /// the answer did not come from a relation teacher.
    /// </summary>
    public static IReadOnlyList<AdePair> Decode(IEnumerable<EntitySpan> spans)
    {
        var drugs = new SortedDictionary<int, EntitySpan>();
        var events = new SortedDictionary<int, EntitySpan>();
        foreach (var span in spans)
        {
            var hash = span.Type.LastIndexOf('#');
            if (hash < 0 || !int.TryParse(span.Type.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new InvalidDataException($"Span type '{span.Type}' is not a pair role ('{DrugRole}#n' or '{EventRole}#n').");
            var role = span.Type[..hash];
            var target = role == DrugRole ? drugs : role == EventRole ? events
                : throw new InvalidDataException($"Span type '{span.Type}' is not a pair role ('{DrugRole}#n' or '{EventRole}#n').");
            target[n] = span;
        }
        if (!drugs.Keys.SequenceEqual(events.Keys))
            throw new InvalidDataException($"Pair spans do not come in drug/adverse-event twos (drugs {string.Join(",", drugs.Keys)}; events {string.Join(",", events.Keys)}).");
        return drugs.Keys.Select(n => new AdePair(drugs[n] with { Type = EntityTypes.Medication }, events[n] with { Type = AdeTypes.AdverseEffect })).ToArray();
    }
}

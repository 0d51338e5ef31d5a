using System.Text.Json;
using Distill.Teachers.Llm;

namespace Distill.Teachers.Relations;

/// <summary>A (drug, adverse event) pair as a model named it: two strings to be located in the sentence.</summary>
public sealed record NamedPair(string Drug, string AdverseEvent);

/// <summary>The pairs an answer named, or why it could not be read.</summary>
public sealed record ParsedPairs(IReadOnlyList<NamedPair> Pairs, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Reads a model's answer to the pair prompt (<c>prompts/ade_pair.vN.txt</c>). Accepts, wherever the JSON sits in the
/// answer (prose and code fences around it are skipped, as <see cref="MentionParser"/> does): a list of objects with a
/// drug field (<c>drug</c>, <c>drug_name</c>, <c>medication</c>) and an effect field (<c>adverse_event</c>,
/// <c>adverse_effect</c>, <c>effect</c>, <c>event</c>, <c>ade</c>, <c>reaction</c>), a list of two-string lists
/// (<c>[["drug", "effect"]]</c>), or an object holding one such list (<c>{"pairs": [...]}</c>). An item whose effect
/// is a list gives one pair per effect. Duplicates (case-insensitive) are dropped. Anything else is an error with a
/// reason, never an exception.
/// </summary>
public static class AdePairParser
{
    static readonly string[] DrugFields = ["drug", "drug_name", "medication", "drugs"];
    static readonly string[] EventFields = ["adverse_event", "adverse_effect", "effect", "event", "ade", "reaction", "adverse_events", "adverse_effects"];

    public static ParsedPairs Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return new([], "empty answer");
        var (pairs, error) = JsonAnswerScanner.FirstValue(answer, Read);
        if (pairs is null) return new([], error ?? "the answer holds no JSON list of pairs");
        var seen = new HashSet<(string, string)>();
        return new(pairs.Where(p => p.Drug.Length > 0 && p.AdverseEvent.Length > 0 && seen.Add((p.Drug.ToLowerInvariant(), p.AdverseEvent.ToLowerInvariant()))).ToArray(), null);
    }

    static (List<NamedPair>? Value, string? Error) Read(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "pairs", "adverse_drug_events", "ades", "relations", "results" })
                if (element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array) return Read(list);
            var lists = element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToArray();
            if (lists.Length == 1 && Field(element, DrugFields) is null) return Read(lists[0].Value);
            // A single pair object, not wrapped in a list.
            if (Item(element) is { } single) return (single, null);
            return (null, $"JSON object with {lists.Length} list properties and no drug/adverse_event fields; expected a list of pairs");
        }
        if (element.ValueKind != JsonValueKind.Array) return (null, $"JSON {element.ValueKind}, expected a list of pairs");
        var pairs = new List<NamedPair>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2 && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
                pairs.Add(new NamedPair(item[0].GetString()!.Trim(), item[1].GetString()!.Trim()));
            else if (item.ValueKind == JsonValueKind.Object && Item(item) is { } found) pairs.AddRange(found);
            else return (null, $"list item is {item.ValueKind}, expected an object with 'drug' and 'adverse_event' or a [drug, effect] list");
        }
        return (pairs, null);
    }

    static List<NamedPair>? Item(JsonElement item)
    {
        var drugs = Strings(Field(item, DrugFields));
        var events = Strings(Field(item, EventFields));
        if (drugs is null || events is null) return null;
        return drugs.SelectMany(d => events.Select(e => new NamedPair(d, e))).ToList();
    }

    static JsonElement? Field(JsonElement item, string[] names)
    {
        foreach (var property in item.EnumerateObject())
            if (names.Contains(property.Name.ToLowerInvariant().Replace(' ', '_').Replace('-', '_'))) return property.Value;
        return null;
    }

    static List<string>? Strings(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => [v.GetString()!.Trim()],
        { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) => v.EnumerateArray().Select(x => x.GetString()!.Trim()).ToList(),
        _ => null,
    };
}

using System.Text.Json;

namespace Distill.Teachers.Llm;

/// <summary>The mentions an answer named, or why it could not be read.</summary>
internal sealed record ParsedMentions(IReadOnlyList<string> Mentions, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Reads a model's answer to "return a JSON list of exact mentions". Models wrap the list in many ways, so this
/// accepts: a bare list (<c>["a","b"]</c>); a list inside a Markdown code fence; a list followed or preceded by
/// prose; an object wrapper (<c>{"mentions": [...]}</c> or any object with one list property); list items
/// that are objects with a <c>text</c>/<c>mention</c>/<c>name</c> field. Duplicates (case-insensitive) are
/// dropped, order kept. Anything else is an error with a reason, never an exception.
/// </summary>
internal static class MentionParser
{
    static readonly string[] ItemTextFields = ["text", "mention", "name", "entity", "span"];

    public static ParsedMentions Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return new([], "empty answer");
        var (mentions, error) = JsonAnswerScanner.FirstValue(answer, element => (FromElement(element, out var e), e));
        return mentions is not null ? new(Deduplicate(mentions), null) : new([], error ?? "the answer holds no JSON list of mentions");
    }

    static List<string>? FromElement(JsonElement element, out string? error)
    {
        error = null;
        if (element.ValueKind == JsonValueKind.Array)
        {
            var mentions = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String) mentions.Add(item.GetString()!);
                else if (item.ValueKind == JsonValueKind.Object && ItemText(item) is { } text) mentions.Add(text);
                else { error = $"list item is {item.ValueKind}, expected a string or an object with a 'text' field"; return null; }
            }
            return mentions;
        }
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "mentions", "entities", "spans", "results" })
                if (element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                    return FromElement(list, out error);
            var lists = element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToArray();
            if (lists.Length == 1) return FromElement(lists[0].Value, out error);
            error = $"JSON object with {lists.Length} list properties; expected one list of mentions";
            return null;
        }
        error = $"JSON {element.ValueKind}, expected a list of mentions";
        return null;
    }

    static string? ItemText(JsonElement item)
    {
        foreach (var field in ItemTextFields)
            if (item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        return null;
    }

    static List<string> Deduplicate(IEnumerable<string> mentions)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return mentions.Select(m => m.Trim()).Where(m => m.Length > 0 && seen.Add(m)).ToList();
    }
}

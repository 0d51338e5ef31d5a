using System.Text.Json;
using System.Text.RegularExpressions;

namespace Distill.Students.Training;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a <c>DistillationLine</c> into one line naming the field and what was
/// found: the serializer knows where it stopped (<see cref="JsonException.Path"/>, e.g. <c>$.spans[0].start</c>) but not in
/// words a user can act on. Only the failing line is parsed again, so the happy path stays the source-generated one.
/// </summary>
internal static partial class DistillationLineErrors
{
    public static string Describe(string line, JsonException error)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException syntax)
        {
            return $"not a JSON object ({syntax.Message}).";
        }
        using (json)
        {
            var path = Segments(error.Path);
            if (json.RootElement.ValueKind != JsonValueKind.Object || path.Count == 0)
                return $"expected a JSON object {{\"id\", \"text\", ...}}, got a JSON {Kind(json.RootElement)}.";
            var field = path[0].Name ?? "";
            var found = Find(json.RootElement, path);
            var index = path.Count > 1 ? path[1].Index : null;
            return (field, index) switch
            {
                ("id" or "text", _) => $"field '{field}' is missing or not a string.",
                ("spans", null) when found?.ValueKind == JsonValueKind.Null => "field 'spans' is null; expected an array of spans (write [] for a document without mentions).",
                ("spans", { } i) when path.Count > 2 && path[2].Name is { } name =>
                    $"field '{name}' is missing or not {(name is "start" or "end" ? "an integer" : "a string")} ('spans' item {i}).",
                ("spans", { } i) => $"field 'spans' item {i} is a JSON {Kind(found)}, expected an object {{\"start\", \"end\", \"type\"}}.",
                ("tokens", { } i) => $"field 'tokens' item {i} is not [start, end] (two integers).",
                ("tags" or "labels", { }) => $"field '{field}' must be an array of strings.",
                ("probabilities", { } i) => $"'probabilities' row {i} is not an array of numbers.",
                (_, null) => $"field '{field}' is a JSON {Kind(found)}, expected an array.",
                _ => $"field '{field}' item {index} is not what the training-set format expects ({error.Message}).",
            };
        }
    }

    readonly record struct Segment(string? Name, int? Index);

    // "$.spans[0].start", "$['odd name'][3]" → [spans, 0, start].
    static List<Segment> Segments(string? path)
    {
        var segments = new List<Segment>();
        foreach (Match m in SegmentPattern().Matches(path ?? ""))
            segments.Add(m.Groups["index"].Success ? new Segment(null, int.Parse(m.Groups["index"].Value)) : new Segment(m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value, null));
        // "$.spans[0].start" splits as [spans][0][start]; an index belongs to the field before it.
        return segments;
    }

    // The deepest element the path reaches (null when the serializer stopped at a member that is not there).
    static JsonElement? Find(JsonElement root, List<Segment> path)
    {
        JsonElement? current = root;
        foreach (var s in path)
        {
            if (current is not { } e) return null;
            current = s switch
            {
                { Name: { } n } when e.ValueKind == JsonValueKind.Object && e.TryGetProperty(n, out var v) => v,
                { Index: { } i } when e.ValueKind == JsonValueKind.Array && i < e.GetArrayLength() => e[i],
                _ => null,
            };
        }
        return current;
    }

    static string Kind(JsonElement? e) => e is { } v ? v.ValueKind.ToString().ToLowerInvariant() : "value of another kind";

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex SegmentPattern();
}

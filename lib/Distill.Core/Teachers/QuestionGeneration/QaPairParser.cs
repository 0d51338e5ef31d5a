using System.Globalization;
using System.Text.Json;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>What <see cref="QaPairParser.Parse"/> read: the candidates (null where an item was not an object), or why nothing could be read.</summary>
public sealed record QaParseResult(IReadOnlyList<QaCandidate?> Candidates, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Reads a generator's answer into candidates, tolerating what chat models do: a Markdown code fence, prose before or
/// after the JSON, an object wrapping the list (<c>{"questions": [...]}</c>, any key), one object per line (JSONL), and
/// numbers or booleans where strings were asked for. Anything else is an error with its reason, never an exception.
/// </summary>
public static class QaPairParser
{
    /// <summary>Longest answer read (a bounded-memory guard against a runaway completion).</summary>
    public const int MaxChars = 2_000_000;

    public static QaParseResult Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return new([], "empty answer");
        if (content.Length > MaxChars) return new([], $"answer of {content.Length:N0} characters exceeds {MaxChars:N0}");
        var text = StripFence(content);
        if (TryParseJson(text, out var root)) return FromRoot(root);
        // Prose around the JSON: take the outermost [...] or {...}.
        foreach (var (open, close) in new[] { ('[', ']'), ('{', '}') })
        {
            int start = text.IndexOf(open), end = text.LastIndexOf(close);
            if (start >= 0 && end > start && TryParseJson(text[start..(end + 1)], out root)) return FromRoot(root);
        }
        // JSON lines.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToArray();
        if (lines.Length > 0)
        {
            var candidates = new List<QaCandidate?>();
            foreach (var line in lines)
                candidates.Add(TryParseJson(line.TrimEnd(','), out var item) ? Candidate(item) : null);
            if (candidates.Any(c => c is not null)) return new(candidates, null);
        }
        return new([], "no JSON list of question objects found");
    }

    static QaParseResult FromRoot(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array) return new(root.EnumerateArray().Select(Candidate).ToArray(), null);
        if (root.ValueKind == JsonValueKind.Object)
        {
            // {"questions": [...]} or any single list-valued key; else one pair object.
            var lists = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToArray();
            if (lists.Length == 1) return new(lists[0].Value.EnumerateArray().Select(Candidate).ToArray(), null);
            if (root.TryGetProperty("question", out _)) return new([Candidate(root)], null);
            return new([], lists.Length == 0 ? "a JSON object without a list of questions" : $"a JSON object with {lists.Length} lists; expected one");
        }
        return new([], $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a list of question objects");
    }

    static QaCandidate? Candidate(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        string? Field(string name)
        {
            foreach (var property in item.EnumerateObject())
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.True => "Yes",
                        JsonValueKind.False => "No",
                        _ => null,
                    };
            return null;
        }
        return new QaCandidate(Field("question"), Field("type"), Field("answer"), Field("section"), Field("source"), Field("difficulty"), Field("explanation"));
    }

    static string StripFence(string content)
    {
        var text = content.Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence < 0) return text;
        var bodyStart = text.IndexOf('\n', fence);
        var end = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return bodyStart < 0 ? text : end < 0 ? text[(bodyStart + 1)..] : text[(bodyStart + 1)..end];
    }

    static bool TryParseJson(string text, out JsonElement root)
    {
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
            root = json.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    /// <summary>The first number written in <paramref name="text"/> (invariant culture, "1,250" read as 1250), or null.</summary>
    public static double? FirstNumber(string? text)
    {
        if (text is null) return null;
        var match = System.Text.RegularExpressions.Regex.Match(text, @"(?<![\p{L}\d.])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|-?\.\d+)");
        return match.Success && double.TryParse(match.Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

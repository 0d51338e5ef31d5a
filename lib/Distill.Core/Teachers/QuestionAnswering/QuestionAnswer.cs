using Distill.Teachers.QuestionGeneration;

namespace Distill.Teachers.QuestionAnswering;

/// <summary>An answer to one question about one note.</summary>
/// <param name="Kind">Yes, no, not answerable, or a number.</param>
/// <param name="Value">The number, for <see cref="AnswerKind.Numeric"/>.</param>
/// <param name="Text">The answer as the model gave it (for provenance).</param>
/// <param name="Confidence">The model's probability for <paramref name="Kind"/> where it has one (1 for text answers).</param>
public sealed record QuestionAnswer(AnswerKind Kind, double? Value, string Text, double Confidence = 1)
{
    public static QuestionAnswer NotAnswerable(string text = QaPairTypes.NotAnswerable) => new(AnswerKind.NotAnswerable, null, text);

    /// <summary>
    /// Reads a free-text or JSON answer: <c>{"answer": ...}</c> or the text itself; "yes"/"no" (first word), "N/A" and
    /// its synonyms, else the first number. Anything else is not answerable.
    /// </summary>
    public static QuestionAnswer Parse(string? raw)
    {
        var text = (raw ?? "").Trim();
        if (AnswerField(text) is { } answer) text = answer.Trim();
        var lower = text.ToLowerInvariant().TrimStart('"', '\'', '*', ' ');
        if (lower.StartsWith("yes", StringComparison.Ordinal)) return new(AnswerKind.Yes, null, text);
        if (lower.StartsWith("no", StringComparison.Ordinal) && !lower.StartsWith("not", StringComparison.Ordinal) && !lower.StartsWith("none", StringComparison.Ordinal))
            return new(AnswerKind.No, null, text);
        if (lower.StartsWith("n/a", StringComparison.Ordinal) || lower.StartsWith("not ", StringComparison.Ordinal) || lower.StartsWith("unknown", StringComparison.Ordinal)
            || lower.StartsWith("none", StringComparison.Ordinal) || lower.Length == 0)
            return NotAnswerable(text);
        return QaPairParser.FirstNumber(text) is { } value ? new(AnswerKind.Numeric, value, text) : NotAnswerable(text);
    }

    /// <summary>The "answer" of a JSON object answer (in a code fence or not), as text; null when the answer is not one.</summary>
    static string? AnswerField(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text[start..(end + 1)]);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("answer", out var a)
                ? a.ValueKind == System.Text.Json.JsonValueKind.String ? a.GetString() : a.GetRawText()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

using System.Text;
using System.Text.Json;

namespace Distill.Teachers.Llm;

/// <summary>
/// Finds the JSON value a model meant in an answer that may wrap it in prose or a Markdown code fence: each '[' or '{'
/// in order is tried as the start of a complete JSON value (trailing commas and comments allowed), and the first one
/// that <c>read</c> accepts wins. This skips leading prose and fence markers and ignores trailing prose; a complete
/// value that is not what was asked for is skipped whole (looked after, not inside). Shared by the mention and pair parsers.
/// </summary>
internal static class JsonAnswerScanner
{
    /// <param name="answer">The model's text.</param>
    /// <param name="read">The value read from a JSON element, or null with why not.</param>
    /// <returns>The first accepted value, or null with the last reason.</returns>
    public static (T? Value, string? Error) FirstValue<T>(string answer, Func<JsonElement, (T? Value, string? Error)> read) where T : class
    {
        string? lastError = null;
        for (var i = 0; i < answer.Length; i++)
        {
            if (answer[i] is not ('[' or '{')) continue;
            var bytes = Encoding.UTF8.GetBytes(answer[i..]);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            JsonDocument document;
            try
            {
                if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null) { lastError = "no JSON value"; continue; }
                document = parsed;
            }
            catch (JsonException e)
            {
                lastError = $"invalid JSON: {e.Message}";
                continue;
            }
            using (document)
            {
                var (value, error) = read(document.RootElement);
                if (value is not null) return (value, null);
                lastError = error;
            }
            i += Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed) - 1;
        }
        return (null, lastError);
    }
}

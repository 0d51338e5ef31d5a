using System.Text.Json;

namespace Distill.Tests.Teachers.Llm;

/// <summary>Chat-completions response bodies in the real wire format.</summary>
internal static class ChatCompletionJson
{
    public static string Answer(string content, int promptTokens = 120, int completionTokens = 12, string finishReason = "stop") =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1735689600,
            model = "gpt-4o-2024-08-06",
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    public const string RateLimited = """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""";
    public const string ServerError = """{"error":{"message":"The server had an error","type":"server_error"}}""";
}

using Distill.Teachers.Cache;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// The teacher-cache row of a QA call (generation or answer): no spans, the model's text as the raw response (parsed again
/// on replay), secrets redacted. One builder for <see cref="LlmQaGenerator"/> and the LLM question answerer.
/// </summary>
internal static class QaCacheRecord
{
    public static CacheRecord Create(string teacher, TeacherFingerprint fingerprint, string cacheKey, string documentId, string documentText, string entityType,
        string? raw, int inputTokens, int outputTokens, double latencyMs, decimal costUsd, string? error) => new()
    {
        CallId = Guid.NewGuid().ToString("N"),
        CacheKey = cacheKey,
        Teacher = teacher,
        Kind = TeacherKind.Llm,
        Model = fingerprint.Model,
        PromptTemplateHash = fingerprint.PromptTemplateHash,
        ParametersJson = fingerprint.ParametersJson,
        DocumentId = documentId,
        DocumentHash = CacheKey.DocumentHash(documentText),
        EntityType = entityType,
        RawResponse = SecretRedaction.RedactOrNull(raw),
        Spans = [],
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
        LatencyMs = latencyMs,
        CostUsd = costUsd,
        CreatedUtc = DateTimeOffset.UtcNow,
        Error = SecretRedaction.RedactOrNull(error),
    };
}

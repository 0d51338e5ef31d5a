using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Corpora;

namespace Distill.Teachers.Cache;

/// <summary>
/// One stored teacher call: the inputs that decide the answer (they form <see cref="CacheKey"/>), the answer and
/// its cost. It is also one line of the JSONL export, so a study's teacher labels can be shared as a file.
/// </summary>
public sealed record CacheRecord
{
    /// <summary>Unique id of this call (a call is never overwritten; a retry of a failed call adds a row).</summary>
    public required string CallId { get; init; }
    public required string CacheKey { get; init; }
    public required string Teacher { get; init; }
    public required TeacherKind Kind { get; init; }
    public required string Model { get; init; }
    public required string PromptTemplateHash { get; init; }
    public required string ParametersJson { get; init; }
    public required string DocumentId { get; init; }
    /// <summary>
    /// The teacher's <see cref="ICacheableTeacher.DocumentFingerprint"/>: SHA-256 of the document text (UTF-8) for real
    /// teachers, so a changed note never replays an old answer; for simulated ones a hash of text, id and gold spans.
    /// </summary>
    public required string DocumentHash { get; init; }
    public required string EntityType { get; init; }
    public string? RawResponse { get; init; }
    public required IReadOnlyList<CachedSpan> Spans { get; init; }
    public int MentionsNotFound { get; init; }
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public double LatencyMs { get; init; }
    public decimal CostUsd { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public string? Error { get; init; }

    /// <summary>The key this record's inputs give (<see cref="Cache.CacheKey.Compute"/>); an honest record's <see cref="CacheKey"/> equals it.</summary>
    public string ComputeKey() =>
        Cache.CacheKey.Compute(Teacher, new TeacherFingerprint(Model, PromptTemplateHash, ParametersJson, UsesNetwork: false), DocumentHash, EntityType);

    /// <summary>
    /// Why this record cannot be replayed on <paramref name="document"/>, or null when it can: every stored span must lie
    /// in the text and its stored text must equal the text at its offsets (issue 15: an edited export made "Patient" a
    /// disease). The key already holds the text's hash, so a mismatch means the record was damaged or edited.
    /// </summary>
    public string? ReplayProblem(Document document)
    {
        foreach (var span in Spans)
        {
            if (span.Start < 0 || span.End < span.Start || span.End > document.Text.Length)
                return $"span [{span.Start}, {span.End}) lies outside the {document.Text.Length}-character text";
            var actual = document.Text[span.Start..span.End];
            if (!string.Equals(actual, span.Text, StringComparison.Ordinal))
                return $"span [{span.Start}, {span.End}) is stored as '{Clip(span.Text)}' but the text there is '{Clip(actual)}'";
        }
        return null;
    }

    static string Clip(string? text) => text is null ? "(none)" : text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>The labeling this record replays, for <paramref name="document"/> (check <see cref="ReplayProblem"/> first).</summary>
    public TeacherLabeling ToLabeling(Document document, bool fromCache) =>
        new(Teacher, document.Id, EntityType,
            Spans.Select(s => new EntitySpan(s.Start, s.End, s.Type, document.Text[s.Start..s.End])).ToArray(),
            InputTokens, OutputTokens, TimeSpan.FromMilliseconds(LatencyMs), CostUsd, fromCache, Error, RawResponse)
        { Kind = Kind, MentionsNotFound = MentionsNotFound };

    /// <summary>The record of a fresh labeling computed with <paramref name="fingerprint"/>.</summary>
    public static CacheRecord From(TeacherLabeling labeling, string cacheKey, TeacherFingerprint fingerprint, string documentHash,
        DateTimeOffset createdUtc, TimeSpan latency) => new()
    {
        CallId = Guid.NewGuid().ToString("N"),
        CacheKey = cacheKey,
        Teacher = labeling.Teacher,
        Kind = labeling.Kind,
        Model = fingerprint.Model,
        PromptTemplateHash = fingerprint.PromptTemplateHash,
        ParametersJson = fingerprint.ParametersJson,
        DocumentId = labeling.DocumentId,
        DocumentHash = documentHash,
        EntityType = labeling.EntityType,
        // Redacted here, where every stored call is made: a 401 body can echo part of the key (issue 15).
        RawResponse = SecretRedaction.RedactOrNull(labeling.RawResponse),
        Spans = labeling.Spans.Select(CachedSpan.From).ToArray(),
        MentionsNotFound = labeling.MentionsNotFound,
        InputTokens = labeling.InputTokens,
        OutputTokens = labeling.OutputTokens,
        LatencyMs = latency.TotalMilliseconds,
        CostUsd = labeling.CostUsd,
        CreatedUtc = createdUtc,
        Error = SecretRedaction.RedactOrNull(labeling.Error),
    };

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>A span as stored: offsets, type and text (the text lets a reader check offsets without the note).</summary>
public sealed record CachedSpan(int Start, int End, string Type, string Text)
{
    public static CachedSpan From(EntitySpan span) => new(span.Start, span.End, span.Type, span.Text);
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Corpora;
using Distill.Teachers.Cache;

namespace Distill.Teachers.Llm.Batch;

/// <summary>What a batch run did.</summary>
/// <param name="BatchId">The service's batch id (null when nothing needed asking).</param>
/// <param name="Requests">Chat requests sent (one per chunk).</param>
/// <param name="Recorded">Labelings written to the cache.</param>
/// <param name="Failed">Of those, failed ones (kept with their raw answers; a normal run retries them).</param>
/// <param name="FinalStatus">The batch's last status.</param>
public sealed record BatchRunResult(string? BatchId, int Requests, int Recorded, int Failed, string FinalStatus);

/// <summary>
/// Labels through the Batch API at half price with up to 24 hours' turnaround: writes one JSONL request per
/// chunk of every (document, entity type) the cache does not yet answer, uploads it, creates the batch, polls
/// until it ends, downloads the answers and records each labeling in the cache exactly as a direct call would
/// be recorded (so a normal run afterwards is served from the cache). <c>custom_id</c> is
/// <c>&lt;cache key&gt;:&lt;chunk index&gt;</c>, so answers map back whatever order they come in.
/// Polling can be resumed: <see cref="CollectAsync"/> takes a batch id.
/// </summary>
internal sealed class BatchLabeler(LlmTeacher teacher, BatchApiClient api, ITeacherCache cache, TimeProvider? clock = null)
{
    /// <summary>The Batch API's discount on both input and output tokens.</summary>
    public const decimal PriceFactor = 0.5m;

    readonly TimeProvider clock = clock ?? TimeProvider.System;

    sealed record Item(Document Document, string EntityType, string Key, IReadOnlyList<TextChunk> Chunks);

    async Task<List<Item>> MissingAsync(IReadOnlyList<Document> documents, IReadOnlyList<string> entityTypes, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        foreach (var type in entityTypes)
        {
            var fingerprint = teacher.Fingerprint(type);
            foreach (var document in documents)
            {
                var key = CacheKey.Compute(teacher.Name, fingerprint, ((ICacheableTeacher)teacher).DocumentFingerprint(document, type), type);
                if (await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { Error: null }) continue;
                items.Add(new Item(document, type, key, TextChunker.Split(document.Text, teacher.Options.MaxChunkChars)));
            }
        }
        return items;
    }

    /// <summary>The requests file for the items the cache lacks (one line per chunk).</summary>
    public async Task<(string Jsonl, int Requests)> BuildRequestsAsync(IReadOnlyList<Document> documents, IReadOnlyList<string> entityTypes, CancellationToken cancellationToken = default)
    {
        var lines = new StringBuilder();
        var count = 0;
        foreach (var item in await MissingAsync(documents, entityTypes, cancellationToken).ConfigureAwait(false))
        {
            var template = teacher.PromptFor(item.EntityType);
            for (var i = 0; i < item.Chunks.Count; i++)
            {
                var line = new JsonObject
                {
                    ["custom_id"] = $"{item.Key}:{i}",
                    ["method"] = "POST",
                    ["url"] = api.ChatUrl,
                    ["body"] = JsonNode.Parse(teacher.RequestBody(template.Render(item.Chunks[i].Text))),
                };
                lines.Append(line.ToJsonString()).Append('\n');
                count++;
            }
        }
        return (lines.ToString(), count);
    }

    /// <summary>Uploads the requests and creates the batch; null when the cache already answers everything.</summary>
    public async Task<BatchStatus?> SubmitAsync(IReadOnlyList<Document> documents, IReadOnlyList<string> entityTypes, CancellationToken cancellationToken = default)
    {
        var (jsonl, requests) = await BuildRequestsAsync(documents, entityTypes, cancellationToken).ConfigureAwait(false);
        if (requests == 0) return null;
        var fileId = await api.UploadAsync(jsonl, cancellationToken).ConfigureAwait(false);
        return await api.CreateAsync(fileId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls <paramref name="batchId"/> every <paramref name="pollInterval"/> until it ends, then merges its answers into the cache.</summary>
    public async Task<BatchRunResult> CollectAsync(string batchId, IReadOnlyList<Document> documents, IReadOnlyList<string> entityTypes,
        TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        var status = await api.GetAsync(batchId, cancellationToken).ConfigureAwait(false);
        while (!status.IsTerminal)
        {
            await Task.Delay(pollInterval, clock, cancellationToken).ConfigureAwait(false);
            status = await api.GetAsync(batchId, cancellationToken).ConfigureAwait(false);
        }
        if (status.OutputFileId is null)
            return new BatchRunResult(batchId, 0, 0, 0, status.Status);

        var answers = new Dictionary<string, LlmTeacher.CallOutcome>(StringComparer.Ordinal);
        foreach (var fileId in new[] { status.OutputFileId, status.ErrorFileId }.OfType<string>())
            foreach (var line in (await api.DownloadAsync(fileId, cancellationToken).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (ReadLine(line) is { } answer)
                    answers[answer.CustomId] = answer.Outcome;

        var items = await MissingAsync(documents, entityTypes, cancellationToken).ConfigureAwait(false);
        int recorded = 0, failed = 0;
        foreach (var item in items)
        {
            var outcomes = Enumerable.Range(0, item.Chunks.Count).Select(i => answers.GetValueOrDefault($"{item.Key}:{i}")).ToArray();
            if (outcomes.All(o => o is null)) continue; // not in this batch
            // Batch answers have no per-call latency; zero says "not measured".
            var labeling = teacher.Assemble(item.Document, item.EntityType, item.Chunks, outcomes, TimeSpan.Zero, PriceFactor);
            var fingerprint = teacher.Fingerprint(item.EntityType);
            await cache.RecordAsync(CacheRecord.From(labeling, item.Key, fingerprint, ((ICacheableTeacher)teacher).DocumentFingerprint(item.Document, item.EntityType), clock.GetUtcNow(), TimeSpan.Zero),
                CancellationToken.None).ConfigureAwait(false);
            recorded++;
            if (!labeling.Succeeded) failed++;
        }
        return new BatchRunResult(batchId, answers.Count, recorded, failed, status.Status);
    }

    /// <summary>One output line: {custom_id, response: {status_code, body}, error}.</summary>
    static (string CustomId, LlmTeacher.CallOutcome Outcome)? ReadLine(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (!root.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String) return null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            var status = response.TryGetProperty("status_code", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0;
            var body = response.TryGetProperty("body", out var b) ? b.GetRawText() : "";
            if (status == 200) return (id.GetString()!, LlmTeacher.ReadResponse(body));
            return (id.GetString()!, new LlmTeacher.CallOutcome(null, body, 0, 0, $"batch request failed: HTTP {status}"));
        }
        var error = root.TryGetProperty("error", out var e) ? e.GetRawText() : line;
        return (id.GetString()!, new LlmTeacher.CallOutcome(null, error, 0, 0, "batch request failed"));
    }
}

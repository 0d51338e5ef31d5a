using System.Diagnostics;
using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// The QA-generation teacher (issue 19, after Woo et al.): an OpenAI-compatible chat model (vLLM, Ollama, OpenAI, Azure,
/// Gemini) reads a note with <c>prompts/qa-generation.vN.txt</c> and writes question-answer pairs as JSON. It talks
/// through a configured <see cref="LlmTeacher"/>'s client, so the teachers file, the key lookup, the Polly/RateLimiting
/// HTTP pipeline and the token prices are the NER teachers' own; only the sampling (temperature 0.7, top-p 0.95) and
/// the prompt differ. Every call goes into the teacher cache (<see cref="ITeacherCache"/>, entity type
/// <see cref="QaGenerationOptions.CacheEntityType"/>; the raw answers, one per chunk of the note, are the stored
/// response) and is parsed again on replay, so a parser fix never needs a new call.
/// </summary>
internal sealed class LlmQaGenerator : IQaGenerator
{
    readonly LlmTeacher teacher;
    readonly ITeacherCache? cache;
    readonly bool offline;

    /// <param name="source">A configured LLM teacher (its client, endpoint, model and prices are used).</param>
    /// <param name="prompt">The generation prompt (default: the latest <c>prompts/qa-generation.vN.txt</c>).</param>
    /// <param name="cache">Where calls are stored and replayed (null: none).</param>
    /// <param name="options">Sampling and limits (default: Woo et al.'s).</param>
    /// <param name="offline">A cache miss is an error instead of a call.</param>
    public LlmQaGenerator(LlmTeacher source, PromptTemplate? prompt = null, ITeacherCache? cache = null, QaGenerationOptions? options = null, bool offline = false)
    {
        Options = options ?? new QaGenerationOptions();
        Prompt = prompt ?? PromptTemplate.Latest(QaGenerationOptions.PromptName);
        var sampling = source.Options with
        {
            Temperature = Options.Temperature,
            TopP = Options.TopP,
            MaxOutputTokens = Options.MaxOutputTokens,
        };
        teacher = source.Derive(source.Name, sampling, _ => Prompt);
        this.cache = cache;
        this.offline = offline;
    }

    public string Name => teacher.Name;
    public QaGeneratorKind Kind => QaGeneratorKind.Llm;
    public QaGenerationOptions Options { get; }
    public PromptTemplate Prompt { get; }

    /// <summary>What the call's answer depends on besides the note: model, endpoint, prompt hash, sampling (the cache key's inputs).</summary>
    public TeacherFingerprint Fingerprint => teacher.Fingerprint(QaGenerationOptions.CacheEntityType);

    string KeyOf(Document note) => CacheKey.Compute(Name, Fingerprint, CacheKey.DocumentHash(note.Text), QaGenerationOptions.CacheEntityType);

    public async Task<QaGeneration> GenerateAsync(Document note, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(note);
        if (cache is not null && await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } stored && (stored.Error is null || offline))
            return FromAnswers(note, ReadStored(stored.RawResponse), stored.InputTokens, stored.OutputTokens, stored.CostUsd, fromCache: true, stored.Error);
        if (offline)
            return Failed(note, $"offline: no cached answer of '{Name}' for note '{note.Id}'");
        if (teacher.ClientError is { } why)
            return Failed(note, $"teacher '{Name}' cannot call its model: {why}");

        var started = Stopwatch.GetTimestamp();
        var contents = new List<string>();
        int input = 0, output = 0;
        string? error = null;
        foreach (var chunk in TextChunker.Split(note.Text, teacher.Options.MaxChunkChars))
        {
            var outcome = await teacher.CompleteAsync(Prompt.Render(chunk.Text), cancellationToken).ConfigureAwait(false);
            input += outcome.InputTokens;
            output += outcome.OutputTokens;
            if (outcome.Error is not null) { error = outcome.Error; break; }
            contents.Add(outcome.Content!);
        }
        var cost = teacher.Options.Cost(input, output);
        var raw = JsonSerializer.Serialize(contents);
        if (cache is not null)
        {
            await cache.RecordAsync(QaCacheRecord.Create(Name, Fingerprint, key, note.Id, note.Text, QaGenerationOptions.CacheEntityType, raw, input, output,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, cost, error), CancellationToken.None).ConfigureAwait(false);
        }
        return FromAnswers(note, contents, input, output, cost, fromCache: false, error);
    }

    QaGeneration FromAnswers(Document note, IReadOnlyList<string> contents, int input, int output, decimal cost, bool fromCache, string? error)
    {
        if (error is not null) return new QaGeneration(note.Id, Name, Kind, [], input, output, cost, fromCache, error);
        var candidates = new List<QaCandidate?>();
        var problems = new List<string>();
        foreach (var content in contents)
        {
            var parsed = QaPairParser.Parse(content);
            if (parsed.Succeeded) candidates.AddRange(parsed.Candidates);
            else problems.Add(parsed.Error!);
        }
        // A note whose every chunk is unparseable has failed; a partly parsed one keeps what parsed.
        var failure = candidates.Count == 0 && problems.Count > 0 ? $"unparseable answer: {string.Join("; ", problems)}" : null;
        return new QaGeneration(note.Id, Name, Kind, candidates, input, output, cost, fromCache, failure);
    }

    static IReadOnlyList<string> ReadStored(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(raw) ?? [];
        }
        catch (JsonException)
        {
            return [raw]; // a row written by hand or an older build: the answer itself
        }
    }

    QaGeneration Failed(Document note, string error) => new(note.Id, Name, Kind, [], 0, 0, 0m, false, error);

    /// <summary>
    /// What generating for <paramref name="notes"/> would cost, without calling: one call per chunk, prompt tokens at
    /// ~4 characters per token, <see cref="QaGenerationOptions.ExpectedOutputTokens"/> out; notes already cached cost nothing.
    /// </summary>
    public async Task<QaDryRunEstimate> EstimateAsync(IReadOnlyList<Document> notes, CancellationToken cancellationToken = default)
    {
        int calls = 0, cached = 0;
        long input = 0, output = 0;
        foreach (var note in notes)
        {
            if (cache is not null && await cache.LookupAsync(KeyOf(note), cancellationToken).ConfigureAwait(false) is { Error: null })
            {
                cached++;
                continue;
            }
            foreach (var chunk in TextChunker.Split(note.Text, teacher.Options.MaxChunkChars))
            {
                calls++;
                input += Prompt.Render(chunk.Text).Length / 4;
                output += Options.ExpectedOutputTokens;
            }
        }
        var cost = (input * teacher.Options.PricePerMillionInputTokens + output * teacher.Options.PricePerMillionOutputTokens) / 1_000_000m;
        return new QaDryRunEstimate(Name, notes.Count, cached, calls, input, output, cost);
    }
}

using Distill.Corpora;
using Distill.Evaluation;
using Distill.Runtime;
using Distill.Teachers.Cache;
using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Simulated;

namespace Distill.Teachers.Running;

/// <summary>
/// What <c>distill label</c> does, as a library call: which documents, which teachers, which entity types,
/// which cache. Defaults label the embedded NCBI Disease dev split with the real offline teachers
/// (<see cref="TeacherSets.Offline"/>) into <c>.cache/teachers.sqlite</c> under the repository.
/// </summary>
public sealed record LabelJobOptions
{
    /// <summary>
    /// Corpus (default ncbi-disease, the embedded default): a dataset of <c>data-manifests/</c> or a folder of our JSONL
    /// splits, as <see cref="CorpusSource"/> loads them. Ignored when <see cref="CorpusFile"/> is set.
    /// </summary>
    public string Corpus { get; init; } = NcbiDiseaseCorpus.Name;

    /// <summary>A PubTator file to label instead of a named corpus (default null).</summary>
    public string? CorpusFile { get; init; }

    /// <summary>Split (default dev: the split the subset search uses).</summary>
    public string Split { get; init; } = SplitNames.Dev;

    /// <summary>A teachers file, or a set of <see cref="TeacherSets"/> (null: <see cref="StudyDefaults.TeacherSet"/>, the real offline teachers; <c>simulated</c>).</summary>
    public string? TeachersFile { get; init; }

    public IReadOnlyList<string> EntityTypes { get; init; } = [Corpora.EntityTypes.Disease];

    /// <summary>Cache file; null: <c>&lt;repository&gt;/.cache/teachers.sqlite</c>.</summary>
    public string? CachePath { get; init; }

    public bool Offline { get; init; }

    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Label only the first N documents (default: all).</summary>
    public int? Limit { get; init; }

    /// <summary>How the corpus files are decoded (default null: strict UTF-8; see <see cref="TextFileEncoding"/>).</summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>The toolkit's files and caches (default <see cref="DistillPaths.Default"/>).</summary>
    public DistillPaths? Paths { get; init; }

    public string ResolvedCachePath => CachePath ?? (Paths ?? DistillPaths.Default).TeacherCache;
}

/// <summary>The documents and teachers of a labeling job, ready to run or estimate.</summary>
public sealed record LabelJob(IReadOnlyList<Document> Documents, IReadOnlyList<ITeacher> Teachers, LabelJobOptions Options)
{
    /// <summary>Loads the corpus split and builds the teachers.</summary>
    public static LabelJob Prepare(LabelJobOptions options, HttpClient? httpClient = null, Func<string, string?>? environment = null)
    {
        var documents = LoadDocuments(options);
        return new LabelJob(documents, TeacherSets.Resolve(options.TeachersFile, environment, httpClient), options);
    }

    static IReadOnlyList<Document> LoadDocuments(LabelJobOptions options)
    {
        // Task.Run: blocking on the thread pool cannot deadlock a caller that has a synchronization context (notebooks, UI).
        var read = new CorpusReadOptions { Encoding = options.Encoding };
        var documents = options.CorpusFile is { } file
            ? PubTatorReader.Read(file, read)
            : Task.Run(() => CorpusSource.LoadAsync(options.Corpus, null, read)).GetAwaiter().GetResult().Split(options.Split);
        return options.Limit is { } limit ? documents.Take(limit).ToArray() : documents;
    }

    /// <summary>Runs the job through the cache; a display may follow it through <paramref name="progress"/>.</summary>
    public async Task<TeacherRunResult> RunAsync(IProgress<TeacherRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var cache = SqliteTeacherCache.Open(Options.ResolvedCachePath);
        var runner = new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = Options.MaxConcurrency, Offline = Options.Offline });
        return await runner.RunAsync(Documents, Teachers, Options.EntityTypes, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Batch mode: for each LLM teacher, sends what the cache lacks through the Batch API (half price, up to 24 h),
    /// polls every <paramref name="pollInterval"/> and merges the answers into the cache; a normal run afterwards
    /// replays them. <paramref name="resumeBatchId"/> collects an earlier batch instead of submitting (one LLM teacher only).
    /// </summary>
    public async Task<IReadOnlyList<(string Teacher, Llm.Batch.BatchRunResult Result)>> RunBatchesAsync(TimeSpan pollInterval, string? resumeBatchId = null,
        HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        var llms = Teachers.OfType<Llm.LlmTeacher>().ToArray();
        if (llms.Length == 0) throw new ArgumentException("Batch mode needs at least one LLM teacher (openai or azure) in the teachers file.");
        if (resumeBatchId is not null && llms.Length > 1)
            throw new ArgumentException($"A batch id belongs to one teacher; the teachers file has {llms.Length} LLM teachers.");
        await using var cache = SqliteTeacherCache.Open(Options.ResolvedCachePath);
        var results = new List<(string, Llm.Batch.BatchRunResult)>();
        foreach (var teacher in llms)
        {
            var access = teacher.BatchAccess
                ?? throw new ArgumentException($"Teacher '{teacher.Name}' cannot use the Batch API: its API key is not set.");
            var labeler = new Llm.Batch.BatchLabeler(teacher, new Llm.Batch.BatchApiClient(httpClient ?? new HttpClient(), access), cache);
            var batchId = resumeBatchId ?? (await labeler.SubmitAsync(Documents, Options.EntityTypes, cancellationToken).ConfigureAwait(false))?.Id;
            results.Add((teacher.Name, batchId is null
                ? new Llm.Batch.BatchRunResult(null, 0, 0, 0, "nothing to ask: all answers cached")
                : await labeler.CollectAsync(batchId, Documents, Options.EntityTypes, pollInterval, cancellationToken).ConfigureAwait(false)));
        }
        return results;
    }

    /// <summary>Token and cost estimates of the LLM teachers (others cost nothing).</summary>
    public IReadOnlyList<DryRunEstimate> Estimate() =>
        Teachers.OfType<Llm.LlmTeacher>().Select(t => DryRunEstimator.Estimate(t, Documents, Options.EntityTypes)).ToArray();

    /// <summary>
    /// Token-level scores (the evaluation stage's <see cref="TokenLevelScorer"/>) per teacher and entity type against the
    /// documents' gold spans, for the types the documents have gold spans of.
    /// </summary>
    public IReadOnlyList<(string Teacher, string EntityType, PrecisionRecallF1 Score)> Score(TeacherRunResult result)
    {
        var scorer = new TokenLevelScorer();
        // Gold is tokenized once per type and shared by every teacher.
        var goldByType = Options.EntityTypes
            .Where(type => Documents.Any(d => d.SpansOf(type).Any()))
            .ToDictionary(type => type, type => scorer.Prepare(Documents, [type]));
        return (from teacher in result.Teachers
                from type in Options.EntityTypes
                where goldByType.ContainsKey(type)
                let byId = result.Of(teacher, type)
                let predicted = Documents.Select(d => d.WithSpans(byId.TryGetValue(d.Id, out var l) ? l.Spans : [])).ToArray()
                select (teacher, type, scorer.Count(goldByType[type], predicted).Summarize().PerType[type])).ToArray();
    }
}

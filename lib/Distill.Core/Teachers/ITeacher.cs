using Distill.Corpora;

namespace Distill.Teachers;

/// <summary>What kind of labeler a teacher is; outputs carry it so simulated labels are never mistaken for real ones.</summary>
public enum TeacherKind
{
    /// <summary>A large language model behind a chat-completions API.</summary>
    Llm,
    /// <summary>An ontology annotator service (BioPortal).</summary>
    Ontology,
    /// <summary>An offline dictionary matcher over shipped vocabularies (Disease Ontology and friends, MeSH).</summary>
    Dictionary,
    /// <summary>Candidate phrases matched to ontology terms by sentence-embedding similarity (offline, local encoder).</summary>
    Embedding,
    /// <summary>
    /// Offline hand-written rules that are not a vocabulary lookup: word morphology and noun-phrase patterns,
    /// abbreviation definitions (Schwartz and Hearst 2003). Like <see cref="Dictionary"/> they are real labelers
    /// that never see gold spans; the kind keeps them apart in tables so a rule set is not read as a lexicon.
    /// </summary>
    Rules,
    /// <summary>Labels derived from gold spans with a seeded error profile: for teaching and tests only.</summary>
    Simulated,
}

/// <summary>
/// A teacher turns a document into spans of one entity type and records what that cost. The contract is
/// deliberately small (as Snorkel's <c>BaseLabeler</c>): everything else (cache, runner, aggregation) is
/// built on <see cref="LabelAsync"/>.
/// </summary>
public interface ITeacher
{
    /// <summary>Unique name used in caches, tables and plots (e.g. <c>gpt-4o</c>, <c>dictionary</c>, <c>simulated:noisy</c>).</summary>
    string Name { get; }

    TeacherKind Kind { get; }

    /// <summary>
    /// Labels <paramref name="document"/> with spans of <paramref name="entityType"/>. A teacher that cannot
    /// label (bad answer, exhausted retries) returns a labeling with <see cref="TeacherLabeling.Error"/> set
    /// rather than throwing; cancellation throws.
    /// </summary>
    Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether this teacher can label <paramref name="entityType"/> at all (a lexicon or rules for it), so a pipeline
    /// can leave it out of the subset search for types it would only fail on. Default true: LLM and annotator
    /// teachers are asked for any type. A teacher that answers false still returns a failed labeling when asked.
    /// </summary>
    bool Supports(string entityType) => true;
}

/// <summary>One teacher's answer for one document and entity type.</summary>
/// <param name="Teacher">The teacher's <see cref="ITeacher.Name"/>.</param>
/// <param name="DocumentId">The document's id.</param>
/// <param name="EntityType">The entity type asked for.</param>
/// <param name="Spans">Spans found, sorted by start; empty on error.</param>
/// <param name="InputTokens">Prompt tokens billed (0 for local teachers).</param>
/// <param name="OutputTokens">Completion tokens billed (0 for local teachers).</param>
/// <param name="Latency">Wall time of the original call (kept when served from the cache).</param>
/// <param name="CostUsd">Price of the original call in US dollars.</param>
/// <param name="FromCache">Whether this answer was replayed from the cache rather than computed now.</param>
/// <param name="Error">Null when the labeling succeeded; otherwise what went wrong.</param>
/// <param name="RawResponse">The teacher's raw answer (model text, service JSON), kept for provenance.</param>
public sealed record TeacherLabeling(
    string Teacher,
    string DocumentId,
    string EntityType,
    IReadOnlyList<EntitySpan> Spans,
    int InputTokens,
    int OutputTokens,
    TimeSpan Latency,
    decimal CostUsd,
    bool FromCache,
    string? Error,
    string? RawResponse)
{
    public bool Succeeded => Error is null;

    /// <summary>Mentions the teacher named that could not be found in the text (LLM teachers); 0 otherwise.</summary>
    public int MentionsNotFound { get; init; }

    /// <summary>The teacher's kind, so outputs can mark simulated labels.</summary>
    public TeacherKind Kind { get; init; }

    /// <summary>A failed labeling with no spans.</summary>
    public static TeacherLabeling Failed(ITeacher teacher, Document document, string entityType, string error, string? raw,
        TimeSpan latency, int inputTokens = 0, int outputTokens = 0, decimal costUsd = 0m) =>
        new(teacher.Name, document.Id, entityType, [], inputTokens, outputTokens, latency, costUsd, false, error, raw) { Kind = teacher.Kind };
}

/// <summary>
/// Everything besides the document and entity type that decides a teacher's answer; it goes into the cache
/// key, so changing the model, the prompt template or a sampling parameter makes a new cache entry.
/// </summary>
/// <param name="Model">Model or deployment name, or a version string for local teachers (e.g. the lexicon's hash).</param>
/// <param name="PromptTemplateHash">SHA-256 of the prompt template for this entity type ("" when there is none).</param>
/// <param name="ParametersJson">Canonical JSON of the parameters (sampling, annotator options, error profile).</param>
/// <param name="UsesNetwork">Whether a cache miss costs a network call; <c>--offline</c> refuses exactly those misses.</param>
public sealed record TeacherFingerprint(string Model, string PromptTemplateHash, string ParametersJson, bool UsesNetwork);

/// <summary>A teacher whose answers can be cached: it states what its answers depend on.</summary>
internal interface ICacheableTeacher : ITeacher
{
    TeacherFingerprint Fingerprint(string entityType);

    /// <summary>
    /// What of <paramref name="document"/> the answer depends on, as a hash that goes into the cache key (stored as the
    /// record's <c>document_hash</c>). Default: SHA-256 of the text, all a real teacher sees. A teacher that reads more
    /// must include it, or an answer is replayed for a document whose inputs changed (issue 15: the simulated teacher
    /// reads the document id and the gold spans).
    /// </summary>
    string DocumentFingerprint(Document document, string entityType) => Cache.CacheKey.DocumentHash(document.Text);
}

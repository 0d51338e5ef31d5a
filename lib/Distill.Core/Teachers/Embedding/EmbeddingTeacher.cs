using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Distill.Corpora;
using Distill.Encoders;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Mesh;

namespace Distill.Teachers.Embedding;

/// <summary>
/// A local, fuzzy stand-in for BioPortal's annotator, in the tradition of labeling functions (Snorkel, skweak) and
/// of ontology weak supervision (TROVE, Fries et al. 2021): noun-phrase-like candidates of a note
/// (<see cref="CandidatePhraseExtractor"/>) are embedded with a pretrained sentence encoder (all-MiniLM-L6-v2, mean
/// pooling, unit vectors) and compared by cosine similarity with the embeddings of the ontology's names and
/// synonyms; a candidate whose nearest term is at least <see cref="EmbeddingTeacherOptions.Threshold"/> similar
/// becomes a span, overlaps resolved per <see cref="EmbeddingTeacherOptions.Resolution"/>.
/// <para>
/// Fuzzy modifiers, strict head. A candidate is compared only with the terms whose head word is its own last
/// word, up to a few groups of interchangeable heads (disease/disorder/syndrome, tumour/neoplasm/cancer, …; see
/// <c>TermSet</c>): blocking, the candidate-generation step of record linkage and entity linking. On NCBI Disease
/// dev it was both cheaper and more precise than the nearest term over the whole ontology, whose errors were
/// mostly organ words matched to "organ disease" ("kidney" → "kidney disease"). So the teacher finds what an
/// exact dictionary misses by a little (word order, inflection, a modifier or spelling the lexicon lacks:
/// "sporadic Wilms tumours" → "hereditary Wilms' tumor", "X-linked immunodeficiency" → "X-linked combined
/// immunodeficiency"), not paraphrases with another head.
/// </para>
/// <para>
/// Cost is kept down four ways: a candidate whose normalised words are a term's is an exact hit (similarity 1)
/// and is not embedded; a candidate whose head heads no term is not embedded either; a phrase is embedded once per
/// process however many notes repeat it; and a block's terms are embedded only when a phrase first needs them, then
/// cached on disk (<see cref="TermEmbeddingFile"/>). The encoder is only loaded when a note must really be labeled,
/// so a run served from the teacher cache never loads it. Deterministic; thread-safe. Choices and measurements:
/// <c>lib/Distill.Core/Teachers/Embedding/README.md</c>.
/// </para>
/// </summary>
public sealed class EmbeddingTeacher : ICacheableTeacher, IDisposable
{
    /// <summary>Bumped by hand when the labeling code changes in a way the options do not show (term filters, head groups, blocking).</summary>
    const int TeacherVersion = 1;

    /// <summary>Phrase results kept across notes; past this the memo is cleared (bounded memory on long runs).</summary>
    const int MemoLimit = 500_000;

    readonly Lexicon lexicon;
    readonly EncoderFiles encoderFiles;
    readonly EmbeddingTeacherOptions options;
    readonly CandidatePhraseExtractor extractor;
    readonly IProgress<TermEmbeddingProgress>? termProgress;
    readonly Lazy<SentenceEmbedder> embedder;
    readonly Dictionary<string, Lazy<TermSet>> termSets;
    readonly Dictionary<string, Lazy<TermEmbeddingIndex>> indices;
    readonly ConcurrentDictionary<(string Type, string Phrase), (int Term, float Similarity)> memo = new();

    /// <param name="lexicon">The ontology terms, grouped by entity type (any lexicon: DO/SYMP/DrugBank, MeSH, your own).</param>
    /// <param name="encoderFiles">The encoder's extracted files (<see cref="PackagedEncoderStore.Get"/>); must be <see cref="EmbeddingTeacherOptions.Encoder"/>'s.</param>
    /// <param name="options">Threshold, candidate rules, cache folder (defaults: the dev-chosen ones, no disk cache).</param>
    /// <param name="name">Teacher name (default <c>embedding</c>).</param>
    /// <param name="termProgress">Progress of the term embedding (term vectors computed so far in this process).</param>
    public EmbeddingTeacher(Lexicon lexicon, EncoderFiles encoderFiles, EmbeddingTeacherOptions? options = null, string name = "embedding",
        IProgress<TermEmbeddingProgress>? termProgress = null)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(encoderFiles);
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.options = options ?? new EmbeddingTeacherOptions();
        this.options.Validate();
        if (encoderFiles.Encoder.Name != this.options.Encoder.Name)
            throw new ArgumentException($"The encoder files are {encoderFiles.Encoder.Name}'s but the options ask for {this.options.Encoder.Name}.", nameof(encoderFiles));
        this.lexicon = lexicon;
        this.encoderFiles = encoderFiles;
        this.termProgress = termProgress;
        Name = name;
        extractor = new CandidatePhraseExtractor(this.options.Rules);
        embedder = new Lazy<SentenceEmbedder>(() => new SentenceEmbedder(encoderFiles, this.options.Embedder));
        termSets = lexicon.EntityTypes.ToDictionary(t => t, t => new Lazy<TermSet>(() => TermSet.Build(t, lexicon.Of(t), this.options.MaxTermTokens)));
        indices = lexicon.EntityTypes.ToDictionary(t => t, t => new Lazy<TermEmbeddingIndex>(() => BuildIndex(t)));
    }

    /// <summary>
    /// The teacher over the shipped vocabularies (or <paramref name="lexicon"/>), with the encoder extracted into
    /// <c>&lt;cache&gt;/encoders</c> and term embeddings cached in <c>&lt;cache&gt;/embeddings</c>, where
    /// <paramref name="cacheDirectory"/> defaults to the repository's <c>.cache</c>. This is the factory the study calls.
    /// </summary>
    public static EmbeddingTeacher CreateDefault(Lexicon? lexicon = null, EmbeddingTeacherOptions? options = null, string? cacheDirectory = null,
        string name = "embedding", IProgress<TermEmbeddingProgress>? termProgress = null)
    {
        cacheDirectory ??= Distill.Runtime.DistillPaths.Default.CacheDirectory;
        options ??= new EmbeddingTeacherOptions();
        options = options with { CacheDirectory = options.CacheDirectory ?? Path.Combine(cacheDirectory, "embeddings") };
        var files = new PackagedEncoderStore(Path.Combine(cacheDirectory, "encoders")).Get(options.Encoder);
        return new EmbeddingTeacher(lexicon ?? DefaultLexicon(), files, options, name, termProgress);
    }

    /// <summary>
    /// The study's embedding teacher beside the other offline teachers, over their already loaded Disease Ontology /
    /// Symptom Ontology / DrugBank and MeSH terms (<see cref="DefaultLexicon"/>): what the lead adds to the default
    /// teacher set, e.g. <c>[.. offline.All, EmbeddingTeacher.Create(offline)]</c>. Cheap to build: nothing is
    /// embedded and the encoder is not loaded until a note must be labeled.
    /// </summary>
    public static EmbeddingTeacher Create(OfflineTeachers offline, EmbeddingTeacherOptions? options = null, string? cacheDirectory = null, string name = "embedding",
        IProgress<TermEmbeddingProgress>? termProgress = null) =>
        CreateDefault(DefaultLexicon(offline.Dictionary.Lexicon, offline.Mesh.Lexicon), options, cacheDirectory, name, termProgress);

    /// <summary>
    /// The terms the study's embedding teacher compares phrases with: the dictionary teacher's (Disease Ontology,
    /// Symptom Ontology, DrugBank) and the mesh teacher's (MeSH 2024, the vocabulary NCBI Disease is normalised to).
    /// Pass the lexicons already loaded by those teachers to avoid reading the files again.
    /// </summary>
    public static Lexicon DefaultLexicon(Lexicon? dictionary = null, Lexicon? mesh = null) =>
        new((dictionary ?? Lexicon.Load()).Entries.Concat((mesh ?? MeshLexicon.Load()).Entries));

    public string Name { get; }

    public TeacherKind Kind => TeacherKind.Embedding;

    public EmbeddingTeacherOptions Options => options;

    /// <summary>The terms it compares phrases with.</summary>
    public Lexicon Lexicon => lexicon;

    /// <summary>Entity types the lexicon has terms for.</summary>
    public IReadOnlyCollection<string> EntityTypes => termSets.Keys;

    /// <summary>Whether the encoder has been loaded in this process (false for a run served wholly from the teacher cache).</summary>
    public bool EncoderLoaded => embedder.IsValueCreated;

    /// <summary>Texts (terms and phrases) this teacher has run through the encoder.</summary>
    public long TextsEncoded => embedder.IsValueCreated ? embedder.Value.TextsEncoded : 0;

    public bool Supports(string entityType) => termSets.ContainsKey(entityType);

    /// <summary>Term vectors run through the encoder by this teacher (a block's terms are embedded the first time a phrase needs them).</summary>
    public int TermVectorsComputed => indices.Values.Where(i => i.IsValueCreated).Sum(i => i.Value.TermsComputed);

    /// <summary>Term vectors this teacher read from the on-disk cache instead.</summary>
    public int TermVectorsRead => indices.Values.Where(i => i.IsValueCreated).Sum(i => i.Value.TermsRead);

    /// <summary>Terms of <paramref name="entityType"/> that phrases can be compared with: the most that could ever need embedding.</summary>
    public int ComparableTerms(string entityType) => TermsOf(entityType).TermsInBlocks;

    public TeacherFingerprint Fingerprint(string entityType) => new(
        $"{options.Encoder.Name}:{encoderFiles.ModelSha256[..16]}+lexicon:{lexicon.Hash}",
        "",
        JsonSerializer.Serialize(new
        {
            threshold = options.Threshold,
            resolution = options.Resolution.ToString(),
            rules_version = CandidateRules.Version,
            max_words = options.Rules.MaxWords,
            spans = options.Rules.Spans.ToString(),
            min_letters = options.Rules.MinLettersInLongestWord,
            join_coordinations = options.Rules.JoinCoordinations,
            max_term_tokens = options.MaxTermTokens,
            max_tokens = options.Embedder.MaxTokens,
            pooling = options.Encoder.Pooling.ToString(),
            teacher_version = TeacherVersion,
        }),
        UsesNetwork: false);

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        if (!Supports(entityType))
            return Task.FromResult(TeacherLabeling.Failed(this, document, entityType,
                $"no ontology terms for entity type '{entityType}' (have: {string.Join(", ", termSets.Keys)})", null, TimeSpan.Zero));
        var accepted = Resolve(Score(document.Text, entityType, cancellationToken), options.Threshold, options.Resolution);
        var spans = accepted.Select(c => new EntitySpan(c.Phrase.Start, c.Phrase.End, entityType, c.Phrase.Text)).ToArray();
        // Provenance: which term each span matched and how closely (as BioPortal's answer names its classes).
        var raw = JsonSerializer.Serialize(accepted.Select(c => new { start = c.Phrase.Start, end = c.Phrase.End, term = c.Term.Term, concept = c.Term.ConceptId, similarity = Math.Round(c.Similarity, 4) }));
        return Task.FromResult(new TeacherLabeling(Name, document.Id, entityType, spans, 0, 0,
            Stopwatch.GetElapsedTime(started), 0m, false, null, raw) { Kind = Kind });
    }

    /// <summary>
    /// Every candidate of <paramref name="text"/> that is compared with the terms of <paramref name="entityType"/>,
    /// with its nearest term and similarity, before any threshold (what a threshold sweep on dev needs).
    /// </summary>
    public IReadOnlyList<ScoredCandidate> Score(string text, string entityType, CancellationToken cancellationToken = default)
    {
        var terms = TermsOf(entityType);
        var scored = new List<ScoredCandidate>();
        var pending = new List<(CandidatePhrase Phrase, string Key, string Block)>();
        foreach (var phrase in extractor.Extract(text))
        {
            var tokens = ClinicalWordTokenizer.Instance.Tokenize(phrase.Text);
            var keys = TermSet.KeysOf(tokens);
            if (keys.Length == 0 || StopList.Contains(entityType, string.Join(' ', keys)) || TermSet.IsAbbreviation(phrase.Text, tokens)) continue;
            if (terms.ExactTerm(keys) is { } exact)
            {
                scored.Add(new ScoredCandidate(phrase, terms.Terms[exact], 1f));
                continue;
            }
            // Blocking: only the terms that share the phrase's head are compared; no such terms, no embedding.
            if (terms.BlockOf(keys[^1]) is not { } block) continue;
            var key = options.Encoder.LowerCase ? phrase.Text.ToLowerInvariant() : phrase.Text;
            if (memo.TryGetValue((entityType, key), out var known))
                scored.Add(new ScoredCandidate(phrase, terms.Terms[known.Term], known.Similarity));
            else
                pending.Add((phrase, key, block));
        }
        if (pending.Count > 0)
        {
            var index = indices[entityType].Value;
            var distinct = pending.DistinctBy(p => p.Key).ToArray();
            index.Ensure(distinct.Select(p => p.Block), cancellationToken);
            var vectors = embedder.Value.Embed(distinct.Select(p => p.Key).ToArray(), cancellationToken: cancellationToken); // (n, D)
            var d = vectors.Length / distinct.Length;
            if (memo.Count > MemoLimit) memo.Clear();
            var byKey = new Dictionary<string, (int, float)>(StringComparer.Ordinal);
            for (var i = 0; i < distinct.Length; i++)
            {
                var nearest = index.Nearest(distinct[i].Block, vectors.AsSpan(i * d, d));
                byKey[distinct[i].Key] = nearest;
                memo[(entityType, distinct[i].Key)] = nearest;
            }
            foreach (var (phrase, key, _) in pending)
            {
                var (term, similarity) = byKey[key];
                scored.Add(new ScoredCandidate(phrase, terms.Terms[term], similarity));
            }
        }
        return scored.OrderBy(c => c.Phrase.Start).ThenBy(c => c.Phrase.End).ToArray();
    }

    /// <summary>
    /// The candidates at or above <paramref name="threshold"/>, without overlaps: taken greedily in the order
    /// <paramref name="resolution"/> names (ties: earlier start first), skipping any that overlaps one already taken;
    /// returned by start.
    /// </summary>
    public static IReadOnlyList<ScoredCandidate> Resolve(IEnumerable<ScoredCandidate> scored, float threshold, OverlapResolution resolution)
    {
        var above = scored.Where(c => c.Similarity >= threshold);
        var ordered = resolution == OverlapResolution.LongestFirst
            ? above.OrderByDescending(c => c.Phrase.Words).ThenByDescending(c => c.Similarity)
            : above.OrderByDescending(c => c.Similarity).ThenByDescending(c => c.Phrase.Words);
        var taken = new List<ScoredCandidate>();
        foreach (var candidate in ordered.ThenBy(c => c.Phrase.Start))
            if (!taken.Any(t => t.Phrase.Start < candidate.Phrase.End && candidate.Phrase.Start < t.Phrase.End))
                taken.Add(candidate);
        return taken.OrderBy(c => c.Phrase.Start).ToArray();
    }

    TermSet TermsOf(string entityType) =>
        termSets.TryGetValue(entityType, out var set)
            ? set.Value
            : throw new ArgumentException($"The lexicon has no terms for entity type '{entityType}'; it has: {string.Join(", ", termSets.Keys)}.", nameof(entityType));

    TermEmbeddingIndex BuildIndex(string entityType)
    {
        var terms = TermsOf(entityType);
        // Everything a term vector depends on besides the block's terms (those are added per block).
        var keyPrefix = $"{options.Encoder.Name}|onnx:{encoderFiles.ModelSha256}|pool:{options.Encoder.Pooling}|max:{options.Embedder.MaxTokens}";
        var folder = options.CacheDirectory is { } dir ? Path.Combine(dir, $"{options.Encoder.Name}-{SafeFileName(entityType)}") : null;
        var progress = termProgress is null ? null : new Progress<int>(done => termProgress.Report(new TermEmbeddingProgress(entityType, done, terms.TermsInBlocks)));
        return new TermEmbeddingIndex(terms, keyPrefix, () => embedder.Value, folder, options.TermEmbeddingParallelism, progress);
    }

    static string SafeFileName(string text) => new(text.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    public void Dispose()
    {
        if (embedder.IsValueCreated) embedder.Value.Dispose();
    }
}

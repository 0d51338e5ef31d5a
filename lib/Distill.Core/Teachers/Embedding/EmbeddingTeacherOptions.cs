using Distill.Encoders;

namespace Distill.Teachers.Embedding;

/// <summary>
/// Settings of the <see cref="EmbeddingTeacher"/>. Defaults were chosen on the NCBI Disease <b>dev</b> split
/// only (threshold table in <c>lib/Distill.Core/Teachers/Embedding/README.md</c>); the threshold, the candidate
/// rules and the resolution are all part of the teacher's fingerprint.
/// </summary>
public sealed record EmbeddingTeacherOptions
{
    /// <summary>The dev-chosen similarity threshold (see the README's table for why this value).</summary>
    public const float DefaultThreshold = 0.725f;

    /// <summary>The sentence encoder (default all-MiniLM-L6-v2, mean pooling).</summary>
    public PretrainedEncoder Encoder { get; init; } = PretrainedEncoders.MiniLm;

    /// <summary>A candidate is labeled when its cosine similarity to the nearest term is at least this (default <see cref="DefaultThreshold"/>).</summary>
    public float Threshold { get; init; } = DefaultThreshold;

    /// <summary>Which phrases are candidates.</summary>
    public CandidateRules Rules { get; init; } = new();

    /// <summary>How overlapping accepted candidates are resolved (default <see cref="OverlapResolution.LongestFirst"/>, better on dev at every precision).</summary>
    public OverlapResolution Resolution { get; init; } = OverlapResolution.LongestFirst;

    /// <summary>
    /// Ontology terms of more than this many word tokens are left out (default 5, as many as a candidate has words):
    /// they are seldom the nearest term of a short phrase and only cost encoder time (long systematic drug names). On
    /// NCBI Disease dev, F1 at the default threshold was 0.793 with 8 or 6, 0.795 with 5 and 0.794 with 4; 5 embeds
    /// 7% fewer terms than 8.
    /// </summary>
    public int MaxTermTokens { get; init; } = 5;

    /// <summary>Where term vectors are cached, one file per block (<c>&lt;dir&gt;/&lt;encoder&gt;-&lt;type&gt;/&lt;sha&gt;.bin</c>); null keeps them in memory only.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Encoder settings (threads, batch size, truncation).</summary>
    public SentenceEmbedderOptions Embedder { get; init; } = new();

    /// <summary>Encoder batches run at once while embedding ontology terms, the largest jobs (default: one per core).</summary>
    public int TermEmbeddingParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate()
    {
        if (!(Threshold is > -1f and <= 1f)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be a cosine similarity in (-1, 1].");
        if (MaxTermTokens < 1) throw new ArgumentOutOfRangeException(nameof(MaxTermTokens), MaxTermTokens, "MaxTermTokens must be at least 1.");
        if (TermEmbeddingParallelism < 1) throw new ArgumentOutOfRangeException(nameof(TermEmbeddingParallelism), TermEmbeddingParallelism, "TermEmbeddingParallelism must be at least 1.");
        Rules.Validate();
        Embedder.Validate();
    }
}

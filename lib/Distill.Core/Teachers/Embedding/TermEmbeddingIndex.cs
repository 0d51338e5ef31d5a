using Distill.Encoders;
using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Embedding;

/// <summary>Where a <see cref="TermEmbeddingIndex"/>'s vectors came from.</summary>
public enum TermIndexOrigin
{
    /// <summary>Run through the encoder in this process (and written to the cache file, when there is one).</summary>
    Computed,
    /// <summary>Read from the cache file; the encoder was not used.</summary>
    CacheFile,
}

/// <summary>
/// One entity type's ontology terms and their unit vectors. A query is compared by brute force with the terms of
/// its block only (those sharing its head word, see <see cref="EmbeddingTeacher"/>): a few hundred to a few
/// thousand SIMD dot products, well under a millisecond, so no matrix library is needed. Vectors are computed
/// once and cached on disk (<see cref="TermEmbeddingFile"/>).
/// </summary>
public sealed class TermEmbeddingIndex
{
    readonly float[] vectors; // (N, D), row-major

    TermEmbeddingIndex(string entityType, IReadOnlyList<LexiconEntry> terms, float[] vectors, int dimension, TermIndexOrigin origin, string? cachePath)
    {
        EntityType = entityType;
        Terms = terms;
        Dimension = dimension;
        Origin = origin;
        CachePath = cachePath;
        this.vectors = vectors;
    }

    public string EntityType { get; }

    /// <summary>The terms, in the order of their vectors.</summary>
    public IReadOnlyList<LexiconEntry> Terms { get; }

    public int Dimension { get; }

    public TermIndexOrigin Origin { get; }

    /// <summary>The cache file, when the index has one.</summary>
    public string? CachePath { get; }

    /// <summary>
    /// Reads the vectors of <paramref name="terms"/> from <paramref name="cachePath"/> when that file is whole and
    /// was written for <paramref name="key"/>; otherwise embeds the terms with <paramref name="embedder"/> and
    /// (re)writes the file. <paramref name="embedder"/> is only called when the vectors must be computed.
    /// </summary>
    /// <param name="entityType">The terms' entity type.</param>
    /// <param name="terms">The terms to embed, in a fixed order (it is part of <paramref name="key"/>).</param>
    /// <param name="key">What the vectors depend on: encoder, its ONNX hash, the term set's hash, the rules version.</param>
    /// <param name="embedder">Gives the encoder, loading it on first use.</param>
    /// <param name="cachePath">The cache file, or null to keep the vectors in memory only.</param>
    /// <param name="parallelism">Encoder batches at once.</param>
    /// <param name="progress">Terms embedded so far.</param>
    public static TermEmbeddingIndex LoadOrBuild(string entityType, IReadOnlyList<LexiconEntry> terms, string key,
        Func<SentenceEmbedder> embedder, string? cachePath, int parallelism = 1, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (terms.Count == 0) throw new ArgumentException($"No terms to embed for entity type '{entityType}'.", nameof(terms));
        if (cachePath is not null && TermEmbeddingFile.TryRead(cachePath, key, terms.Count) is { } cached)
            return new TermEmbeddingIndex(entityType, terms, cached.Vectors, cached.Dimension, TermIndexOrigin.CacheFile, cachePath);
        var encoder = embedder();
        var dimension = encoder.Dimension;
        var vectors = encoder.Embed(terms.Select(t => t.Term).ToArray(), progress, cancellationToken, parallelism);
        if (cachePath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cachePath))!);
            TermEmbeddingFile.Write(cachePath, key, dimension, terms.Count, vectors);
        }
        return new TermEmbeddingIndex(entityType, terms, vectors, dimension, TermIndexOrigin.Computed, cachePath);
    }

    /// <summary>
    /// The term among <paramref name="candidates"/> (indices into <see cref="Terms"/>) most similar to the unit
    /// vector <paramref name="query"/> (D), and that similarity; (-1, -inf) when there are no candidates. Ties go
    /// to the earlier index.
    /// </summary>
    public (int Term, float Similarity) Nearest(ReadOnlySpan<float> query, ReadOnlySpan<int> candidates)
    {
        if (query.Length != Dimension) throw new ArgumentException($"The query has {query.Length} values, not {Dimension}.", nameof(query));
        var best = (Term: -1, Similarity: float.NegativeInfinity);
        foreach (var term in candidates)
        {
            var similarity = System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors.AsSpan(term * Dimension, Dimension));
            if (similarity > best.Similarity) best = (term, similarity);
        }
        return best;
    }

}

using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Distill.Encoders;
using Distill.Teachers.Cache;

namespace Distill.Teachers.Embedding;

/// <summary>
/// One entity type's term vectors, block by block. A phrase is only ever compared with the terms of its block
/// (<see cref="TermSet"/>), so a block's terms are embedded the first time a phrase needs them, not before: a
/// corpus pays for the blocks it touches (NCBI Disease's 793 abstracts: 15.5k of the 29k Disease Ontology + MeSH
/// disease terms that have a block), and a larger lexicon costs little more until its new blocks are used. Each block's unit vectors are cached in a file
/// of their own (<see cref="TermEmbeddingFile"/>, written atomically, header and checksum checked), so a later run
/// reads what an earlier one computed and a damaged file only costs its block's recomputation. Comparing is brute
/// force over the block: a few to a few thousand SIMD dot products, well under a millisecond. Thread-safe.
/// </summary>
internal sealed class TermEmbeddingIndex
{
    readonly TermSet terms;
    readonly string keyPrefix;
    readonly Func<SentenceEmbedder> embedder;
    readonly string? directory;
    readonly int parallelism;
    readonly IProgress<int>? progress;
    readonly ConcurrentDictionary<string, float[]> blocks = new(StringComparer.Ordinal); // block → (|block|, D)
    readonly Lock computing = new();
    int computed;
    int read;

    /// <param name="terms">The entity type's terms and blocks.</param>
    /// <param name="keyPrefix">What every vector depends on besides its block's terms: encoder name and ONNX hash, pooling, truncation.</param>
    /// <param name="embedder">Gives the encoder, loading it on first use; only called when a block must be computed.</param>
    /// <param name="directory">The block files' folder, or null to keep vectors in memory only.</param>
    /// <param name="parallelism">Encoder batches at once when a block is computed.</param>
    /// <param name="progress">Term vectors computed so far in this process.</param>
    public TermEmbeddingIndex(TermSet terms, string keyPrefix, Func<SentenceEmbedder> embedder, string? directory, int parallelism = 1, IProgress<int>? progress = null)
    {
        this.terms = terms;
        this.keyPrefix = keyPrefix;
        this.embedder = embedder;
        this.directory = directory;
        this.parallelism = parallelism;
        this.progress = progress;
    }

    /// <summary>Term vectors this index ran through the encoder.</summary>
    public int TermsComputed => Volatile.Read(ref computed);

    /// <summary>Term vectors this index read from block files.</summary>
    public int TermsRead => Volatile.Read(ref read);

    /// <summary>
    /// Makes the vectors of <paramref name="needed"/> blocks available: read from their files where those are whole,
    /// the rest embedded together in one encoder call (many small blocks one at a time would each pay a call's fixed
    /// cost) and written, one file per block.
    /// </summary>
    public void Ensure(IEnumerable<string> needed, CancellationToken cancellationToken = default)
    {
        var missing = needed.Where(b => !blocks.ContainsKey(b)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0) return;
        lock (computing)
        {
            var toCompute = new List<(string Block, string[] Texts, string Key, string? Path)>();
            foreach (var block in missing.Where(b => !blocks.ContainsKey(b)))
            {
                var texts = terms.TermsOf(block).Select(i => terms.Terms[i].Term).ToArray();
                var key = $"{keyPrefix}|block:{block}|terms:{CacheKey.Sha256Hex(string.Join('\n', texts))}";
                var path = directory is null ? null : Path.Combine(directory, CacheKey.Sha256Hex(key)[..32] + ".bin");
                if (path is not null && TermEmbeddingFile.TryRead(path, key, texts.Length) is { } cached)
                {
                    blocks[block] = cached.Vectors;
                    Interlocked.Add(ref read, texts.Length);
                }
                else toCompute.Add((block, texts, key, path));
            }
            if (toCompute.Count == 0) return;
            var encoder = embedder();
            var all = encoder.Embed(toCompute.SelectMany(c => c.Texts).ToArray(), cancellationToken: cancellationToken, parallelism: parallelism); // (Σ|block|, D)
            var d = encoder.Dimension;
            var offset = 0;
            foreach (var (block, texts, key, path) in toCompute)
            {
                var vectors = all.AsSpan(offset * d, texts.Length * d).ToArray();
                offset += texts.Length;
                if (path is not null) TryWrite(path, key, d, texts.Length, vectors);
                blocks[block] = vectors;
            }
            var done = Interlocked.Add(ref computed, offset);
            progress?.Report(done);
        }
    }

    /// <summary>
    /// The term of <paramref name="block"/> most similar to the unit vector <paramref name="query"/> (D) and that
    /// cosine similarity; the block must have been <see cref="Ensure"/>d. Ties go to the earlier term, so the answer
    /// is deterministic.
    /// </summary>
    public (int Term, float Similarity) Nearest(string block, ReadOnlySpan<float> query)
    {
        var members = terms.TermsOf(block);
        var vectors = blocks.TryGetValue(block, out var v) ? v : throw new InvalidOperationException($"Block '{block}' was not prepared (call Ensure first)."); // (|block|, D)
        var d = vectors.Length / members.Length;
        if (query.Length != d) throw new ArgumentException($"The query has {query.Length} values; the term vectors have {d}.", nameof(query));
        var best = (Term: -1, Similarity: float.NegativeInfinity);
        for (var i = 0; i < members.Length; i++)
        {
            var similarity = TensorPrimitives.Dot(query, vectors.AsSpan(i * d, d));
            if (similarity > best.Similarity) best = (members[i], similarity);
        }
        return best;
    }

    void TryWrite(string path, string key, int dimension, int count, float[] vectors)
    {
        try
        {
            Directory.CreateDirectory(directory!);
            TermEmbeddingFile.Write(path, key, dimension, count, vectors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written (read-only checkout, full disk) only costs the next run this block's time.
        }
    }
}

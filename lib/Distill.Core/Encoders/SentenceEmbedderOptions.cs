namespace Distill.Encoders;

/// <summary>How a <see cref="SentenceEmbedder"/> runs its encoder.</summary>
public sealed record SentenceEmbedderOptions
{
    /// <summary>
    /// Word pieces per text, [CLS] and [SEP] included; longer texts are cut (default 128, sentence-transformers'
    /// <c>max_seq_length</c> for all-MiniLM-L6-v2; phrases and ontology terms are far shorter).
    /// </summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>Texts per encoder call (default 64). Texts are sorted by length first, so a batch pads little.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// ONNX Runtime intra-op threads (default 1). One thread per call runs on the caller's thread with no
    /// spinning pool; callers that label documents concurrently (the teacher runner) get their parallelism there.
    /// 0 lets ONNX Runtime choose (one per core).
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    internal void Validate()
    {
        if (MaxTokens < 3) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must leave room for [CLS], a piece and [SEP] (at least 3).");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (IntraOpThreads < 0) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be 0 (ONNX Runtime's choice) or more.");
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Distill.Encoders;

/// <summary>
/// Sentence vectors from a packaged ONNX BERT, as sentence-transformers computes them: WordPiece ids
/// <c>[CLS] … [SEP]</c> (cut at <see cref="SentenceEmbedderOptions.MaxTokens"/>), the graph's
/// <c>last_hidden_state</c>, pooled per <see cref="PretrainedEncoder.Pooling"/> (the mean of the states under the
/// attention mask for all-MiniLM-L6-v2, the [CLS] state for arctic-embed) and L2-normalised, so a dot product is
/// a cosine similarity. Texts are sorted by length and batched, so padding costs little; a text's vector does not
/// depend on what it was batched with (the mask keeps padding out of attention and out of the mean).
/// Thread-safe: ONNX Runtime sessions may be run concurrently.
/// </summary>
internal sealed class SentenceEmbedder : IDisposable
{
    const string HiddenStateOutput = "last_hidden_state";

    readonly InferenceSession session;
    readonly BertTokenizer tokenizer;
    readonly Lock tokenizerLock = new();
    readonly SentenceEmbedderOptions options;
    long textsEncoded;

    /// <param name="files">The encoder's extracted graph and vocabulary (<see cref="PackagedEncoderStore.Get"/>).</param>
    /// <param name="options">Truncation, batch size and threads (defaults: 128 pieces, 64 texts, 1 thread).</param>
    public SentenceEmbedder(EncoderFiles files, SentenceEmbedderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        this.options = options ?? new SentenceEmbedderOptions();
        this.options.Validate();
        Files = files;
        tokenizer = BertTokenizer.Create(files.VocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = files.Encoder.LowerCase,
            RemoveNonSpacingMarks = files.Encoder.LowerCase, // HF: strip_accents follows do_lower_case unless set
            ApplyBasicTokenization = true,
        });
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = this.options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // A spinning pool burns the cores that concurrent labelings (and other processes) need.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(files.ModelPath, sessionOptions);
        try
        {
            foreach (var input in new[] { "input_ids", "attention_mask", "token_type_ids" })
                if (!session.InputMetadata.ContainsKey(input))
                    throw new InvalidDataException($"{files.ModelPath}: the graph has no input '{input}' (inputs: {string.Join(", ", session.InputMetadata.Keys)}); expected a BERT encoder.");
            if (!session.OutputMetadata.TryGetValue(HiddenStateOutput, out var hidden))
                throw new InvalidDataException($"{files.ModelPath}: the graph has no output '{HiddenStateOutput}' (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
            Dimension = hidden.Dimensions is [.., var d] && d > 0
                ? d
                : throw new InvalidDataException($"{files.ModelPath}: '{HiddenStateOutput}' has no fixed hidden size (shape [{string.Join(", ", hidden.Dimensions)}]).");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public EncoderFiles Files { get; }

    public PretrainedEncoder Encoder => Files.Encoder;

    /// <summary>Length of every vector (384 for the packaged encoders).</summary>
    public int Dimension { get; }

    public int MaxTokens => options.MaxTokens;

    /// <summary>Texts run through the encoder so far (observable, so callers and tests can tell computed from cached work).</summary>
    public long TextsEncoded => Interlocked.Read(ref textsEncoded);

    /// <summary>The ids the encoder sees for <paramref name="text"/>: <c>[CLS]</c>, the word pieces cut to fit <see cref="MaxTokens"/>, <c>[SEP]</c>.</summary>
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<int> pieces;
        lock (tokenizerLock) pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var kept = Math.Min(pieces.Count, options.MaxTokens - 2);
        var ids = new int[kept + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < kept; i++) ids[i + 1] = pieces[i];
        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>The unit vector of one text.</summary>
    public float[] Embed(string text) => Embed([text]);

    /// <summary>
    /// Unit vectors of <paramref name="texts"/>, row-major: shape (N, <see cref="Dimension"/>), row i for texts[i].
    /// Reports the number of texts done after each batch. With <paramref name="parallelism"/> above 1, that many
    /// batches run at once (for one large job such as an ontology's terms; the session is thread-safe).
    /// </summary>
    public float[] Embed(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default, int parallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var ids = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++) ids[i] = Tokenize(texts[i]);
        // Shortest first: each batch is padded to its longest member, so similar lengths waste nothing.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ThenBy(i => i).ToArray();
        var vectors = new float[texts.Count * Dimension];
        var batches = (order.Length + options.BatchSize - 1) / options.BatchSize;
        var done = 0;
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, k =>
        {
            var rows = order.AsSpan(k * options.BatchSize, Math.Min(options.BatchSize, order.Length - k * options.BatchSize)).ToArray();
            EncodeBatch(rows.Select(i => ids[i]).ToArray(), vectors, rows);
            var total = Interlocked.Add(ref done, rows.Length);
            progress?.Report(total);
        });
        Interlocked.Add(ref textsEncoded, texts.Count);
        return vectors;
    }

    /// <summary>Runs one padded batch and writes each pooled, normalised vector to its row of <paramref name="vectors"/>.</summary>
    void EncodeBatch(int[][] batch, float[] vectors, int[] rows)
    {
        int b = batch.Length, t = batch.Max(x => x.Length), d = Dimension;
        var inputIds = new long[b * t];   // (B, T), [PAD] = 0 past each text's end
        var mask = new long[b * t];       // (B, T), 1 on real pieces
        var typeIds = new long[b * t];    // (B, T), one segment
        for (var i = 0; i < b; i++)
            for (var j = 0; j < batch[i].Length; j++)
            {
                inputIds[i * t + j] = batch[i][j];
                mask[i * t + j] = 1;
            }
        long[] shape = [b, t];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(typeIds, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typeValue], [HiddenStateOutput]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>(); // (B, T, D)
        if (hidden.Length != b * t * d)
            throw new InvalidDataException($"{Files.ModelPath}: '{HiddenStateOutput}' has {hidden.Length} values, expected {b}×{t}×{d}.");
        for (var i = 0; i < b; i++)
        {
            var row = vectors.AsSpan(rows[i] * d, d);
            Pool(hidden.Slice(i * t * d, t * d), batch[i].Length, d, Encoder.Pooling, row);
            Normalize(row);
        }
    }

    /// <summary>Pools one text's states (T, D) of which the first <paramref name="length"/> are real into <paramref name="destination"/> (D).</summary>
    static void Pool(ReadOnlySpan<float> states, int length, int d, SentencePooling pooling, Span<float> destination)
    {
        if (pooling == SentencePooling.Cls)
        {
            states[..d].CopyTo(destination);
            return;
        }
        // sentence-transformers' mean: sum(h · mask) / clamp(sum(mask), 1e-9); every text has at least [CLS] and [SEP].
        destination.Clear();
        for (var j = 0; j < length; j++)
            System.Numerics.Tensors.TensorPrimitives.Add(destination, states.Slice(j * d, d), destination);
        System.Numerics.Tensors.TensorPrimitives.Divide(destination, length, destination);
    }

    /// <summary>x / max(‖x‖₂, 1e-12), as torch.nn.functional.normalize (sentence-transformers' Normalize module).</summary>
    static void Normalize(Span<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
    }

    public void Dispose() => session.Dispose();
}

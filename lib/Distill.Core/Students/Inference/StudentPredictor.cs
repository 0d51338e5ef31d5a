using Distill.Corpora;
using Distill.Students.Tokenization;

namespace Distill.Students.Inference;

/// <summary>
/// Runs a student over documents: word tokens, overlapping windows, batches of windows of similar
/// length, argmax per word's first piece, then IO tags back to character spans
/// (<see cref="IoTagging.Decode"/>). Each word takes its label from the window where it is most central.
/// The forward pass is the backend's: TorchSharp, or ONNX Runtime fp32 / int8 (<see cref="IStudentBackend"/>).
/// </summary>
public sealed class StudentPredictor
{
    readonly IStudentBackend backend;
    readonly int batchSize;
    readonly int maxLength;
    readonly int overlap;

    /// <param name="student">The model and its encoder, run by TorchSharp.</param>
    /// <param name="batchSize">Windows per forward pass.</param>
    /// <param name="maxLength">Window length in pieces; at most the model's positions (default: that maximum).</param>
    /// <param name="overlap">Pieces shared by consecutive windows.</param>
    public StudentPredictor(StudentModel student, int batchSize = 8, int? maxLength = null, int overlap = 64)
        : this(new TorchStudentBackend(student), batchSize, maxLength, overlap)
    {
    }

    /// <param name="backend">What runs the forward pass; the caller keeps it and disposes it.</param>
    public StudentPredictor(IStudentBackend backend, int batchSize = 8, int? maxLength = null, int overlap = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.backend = backend;
        this.batchSize = batchSize;
        this.maxLength = Math.Min(maxLength ?? backend.MaxLength, backend.MaxLength);
        this.overlap = Math.Min(overlap, this.maxLength / 2 - 1);
    }

    /// <summary>
    /// Added to each class's logit before the argmax (null: none). A student trained with class weights leans toward
    /// the weighted class; a bias chosen on dev takes that back (logit adjustment). Its length is the label count.
    /// </summary>
    public IReadOnlyList<float>? LogitBias
    {
        get => logitBias;
        init
        {
            if (value is not null && value.Count != backend.Labels.Count)
                throw new ArgumentException($"LogitBias has {value.Count} values for {backend.Labels.Count} labels.", nameof(LogitBias));
            logitBias = value;
        }
    }

    readonly IReadOnlyList<float>? logitBias;

    /// <summary>The backend running the forward passes.</summary>
    public IStudentBackend Backend => backend;

    /// <summary>The mention spans the student finds in <paramref name="text"/>.</summary>
    public List<EntitySpan> Predict(string text)
    {
        var words = ClinicalWordTokenizer.Instance.Tokenize(text);
        return IoTagging.Decode(text, words, PredictTags([words])[0]);
    }

    /// <summary>A document with the student's spans.</summary>
    public Document Predict(string id, string text) => new(id, text, Predict(text));

    /// <summary>
    /// Documents with the student's spans, in input order. The windows of all notes are sorted by length and batched
    /// together (issue 16): a batch of 8 windows of similar length costs far less per window than 8 calls of one, and
    /// little is padded. Each note's words are tokenised once.
    /// </summary>
    public IReadOnlyList<Document> Predict(IReadOnlyList<Note> notes)
    {
        var words = notes.Select(n => ClinicalWordTokenizer.Instance.Tokenize(n.Text)).ToArray();
        var tags = PredictTags(words);
        return notes.Select((n, i) => new Document(n.Id, n.Text, IoTagging.Decode(n.Text, words[i], tags[i]))).ToArray();
    }

    /// <summary>One IO tag per word token, per document.</summary>
    public IReadOnlyList<string[]> PredictTags(IReadOnlyList<IReadOnlyList<Token>> documents)
    {
        var windows = documents.Select(words => DocumentWindows.Create(words, backend.Encoder, maxLength, overlap)).ToArray();
        return PredictLabelIndices(windows).Select(doc => doc.Select(i => backend.Labels[i]).ToArray()).ToArray();
    }

    /// <summary>Class index per word per document; windows of all documents are batched by length.</summary>
    internal int[][] PredictLabelIndices(IReadOnlyList<DocumentWindows> documents)
    {
        var labels = backend.Labels.Count;
        // For each window, its piece-level argmax (positions of first pieces are read off later).
        var argmax = documents.Select(d => new int[d.Windows.Count][]).ToArray();
        var order = documents.SelectMany((d, di) => d.Windows.Select((w, wi) => (Doc: di, Window: wi, w.Length)))
            .OrderBy(x => x.Length).ToArray();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var pieces = PieceBatch.Pad(batch.Select(x => documents[x.Doc].Windows[x.Window].InputIds).ToArray(), backend.Encoder.PadId);
            var logits = backend.Logits(pieces); // (B, T, labels)
            var t = pieces.Length;
            for (var i = 0; i < batch.Length; i++)
            {
                var best = new int[t];
                for (var j = 0; j < t; j++)
                {
                    var row = logits.AsSpan((i * t + j) * labels, labels);
                    if (logitBias is null)
                        for (var c = 1; c < labels; c++) { if (row[c] > row[best[j]]) best[j] = c; }
                    else
                        for (var c = 1; c < labels; c++) { if (row[c] + logitBias[c] > row[best[j]] + logitBias[best[j]]) best[j] = c; }
                }
                argmax[batch[i].Doc][batch[i].Window] = best;
            }
        }
        var result = new int[documents.Count][];
        for (var d = 0; d < documents.Count; d++)
        {
            var doc = documents[d];
            result[d] = new int[doc.Words.Count];
            for (var w = 0; w < doc.Words.Count; w++)
            {
                var k = doc.OwningWindow(w);
                var window = doc.Windows[k];
                result[d][w] = argmax[d][k][window.FirstPiecePositions[w - window.FirstWord]];
            }
        }
        return result;
    }
}

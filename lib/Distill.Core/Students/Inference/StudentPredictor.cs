using Distill.Corpora;
using Distill.Students.Tokenization;
using static TorchSharp.torch;

namespace Distill.Students.Inference;

/// <summary>
/// Runs a student over documents: word tokens, overlapping windows, batches of windows of similar
/// length, argmax per word's first piece, then IO tags back to character spans
/// (<see cref="IoTagging.Decode"/>). Each word takes its label from the window where it is most central.
/// </summary>
public sealed class StudentPredictor
{
    readonly StudentModel student;
    readonly int batchSize;
    readonly int maxLength;
    readonly int overlap;

    /// <param name="student">The model and its encoder.</param>
    /// <param name="batchSize">Windows per forward pass.</param>
    /// <param name="maxLength">Window length in pieces; at most the model's positions (default: that maximum).</param>
    /// <param name="overlap">Pieces shared by consecutive windows.</param>
    public StudentPredictor(StudentModel student, int batchSize = 8, int? maxLength = null, int overlap = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.student = student;
        this.batchSize = batchSize;
        this.maxLength = Math.Min(maxLength ?? student.MaxLength, student.MaxLength);
        this.overlap = Math.Min(overlap, this.maxLength / 2 - 1);
    }

    /// <summary>The mention spans the student finds in <paramref name="text"/>.</summary>
    public List<EntitySpan> Predict(string text)
    {
        var words = ClinicalWordTokenizer.Instance.Tokenize(text);
        return IoTagging.Decode(text, words, PredictTags([words])[0]);
    }

    /// <summary>A document with the student's spans.</summary>
    public Document Predict(string id, string text) => new(id, text, Predict(text));

    /// <summary>One IO tag per word token, per document.</summary>
    public IReadOnlyList<string[]> PredictTags(IReadOnlyList<IReadOnlyList<Token>> documents)
    {
        var windows = documents.Select(words => DocumentWindows.Create(words, student.Encoder, maxLength, overlap)).ToArray();
        return PredictLabelIndices(windows).Select(doc => doc.Select(i => student.Labels[i]).ToArray()).ToArray();
    }

    /// <summary>Class index per word per document; windows of all documents are batched by length.</summary>
    internal int[][] PredictLabelIndices(IReadOnlyList<DocumentWindows> documents)
    {
        var model = student.Model;
        var device = model.Device;
        var wasTraining = model.training;
        model.eval();
        // For each window, its piece-level argmax (positions of first pieces are read off later).
        var argmax = documents.Select(d => new long[d.Windows.Count][]).ToArray();
        var order = documents.SelectMany((d, di) => d.Windows.Select((w, wi) => (Doc: di, Window: wi, w.Length)))
            .OrderBy(x => x.Length).ToArray();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                var (ids, mask) = WindowBatch.Inputs(batch.Select(x => documents[x.Doc].Windows[x.Window].InputIds).ToArray(), student.Encoder.PadId, device);
                var best = model.forward(ids, mask, null).argmax(-1).cpu(); // (B, T)
                var flat = best.data<long>().ToArray();
                var t = (int)best.shape[1];
                for (var i = 0; i < batch.Length; i++)
                    argmax[batch[i].Doc][batch[i].Window] = flat.AsSpan(i * t, t).ToArray();
            }
        }
        finally
        {
            if (wasTraining) model.train();
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
                result[d][w] = (int)argmax[d][k][window.FirstPiecePositions[w - window.FirstWord]];
            }
        }
        return result;
    }
}

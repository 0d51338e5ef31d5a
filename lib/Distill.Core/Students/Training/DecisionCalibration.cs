using Distill.Corpora;
using Distill.Students.Tokenization;
using static TorchSharp.torch;

namespace Distill.Students.Training;

/// <summary>What calibrating a student's decision did.</summary>
/// <param name="Offset">Logit subtracted from the "O" class (positive: more tokens inside a mention).</param>
/// <param name="DevBefore">Dev token-level F1 with plain argmax.</param>
/// <param name="DevAfter">Dev token-level F1 with the offset (optimistic: chosen on the same documents).</param>
public sealed record DecisionCalibrationResult(double Offset, TokenLevelF1 DevBefore, TokenLevelF1 DevAfter);

/// <summary>
/// Chooses, on the gold dev split, how much to lower the "outside" class's logit before the argmax, and folds
/// it into the classifier's bias, so the saved folder stays a plain Hugging Face token classifier that any
/// loader runs with the calibrated decision. Why: a student distilled from high-precision, low-recall
/// teachers (dictionaries) inherits their caution; its probabilities still rank mentions well, and moving
/// the decision point trades some of the inherited precision for recall. This is ordinary threshold tuning
/// on the dev split the study already uses for choosing teachers and epochs; the test split is never seen.
/// </summary>
public static class DecisionCalibration
{
    /// <summary>Offsets tried: −2 to +4 logits in steps of 0.25 (0 = plain argmax, always a candidate).</summary>
    public static IReadOnlyList<double> DefaultGrid { get; } = Enumerable.Range(-8, 25).Select(i => i * 0.25).ToArray();

    /// <summary>
    /// Scores every offset of <paramref name="grid"/> on <paramref name="dev"/>, applies the best to the classifier
    /// (ties go to the offset nearest 0), and returns what it did. The model's "O" label must be class 0.
    /// </summary>
    public static DecisionCalibrationResult Calibrate(StudentModel student, IReadOnlyList<TrainingDocument> dev, int maxLength, int overlap,
        IReadOnlyList<double>? grid = null)
    {
        if (dev.Count == 0) throw new ArgumentException("Calibration needs gold dev documents.", nameof(dev));
        if (student.Labels[0] != IoTagging.Outside)
            throw new InvalidOperationException($"The student's first label is '{student.Labels[0]}'; calibration shifts the '{IoTagging.Outside}' class, which must be class 0.");
        grid ??= DefaultGrid;
        var logits = WordLogits(student, dev, Math.Min(maxLength, student.MaxLength), overlap);
        TokenLevelF1 Score(double offset) => TokenLevelF1.Compute(dev.Select((d, i) =>
            (d.Tags, (IReadOnlyList<string>)logits[i].Select(w => student.Labels[Argmax(w, offset)]).ToArray())));
        var before = Score(0);
        var (best, bestScore) = (0.0, before);
        foreach (var offset in grid.OrderBy(Math.Abs))
        {
            var score = Score(offset);
            if (score.F1 > bestScore.F1 + 1e-12) (best, bestScore) = (offset, score);
        }
        if (best != 0) student.Model.ShiftClassBias(0, -best);
        return new DecisionCalibrationResult(best, before, bestScore);
    }

    static int Argmax(float[] logits, double outsideOffset)
    {
        var bestClass = 0;
        var bestValue = logits[0] - outsideOffset;
        for (var c = 1; c < logits.Length; c++)
            if (logits[c] > bestValue) (bestClass, bestValue) = (c, logits[c]);
        return bestClass;
    }

    /// <summary>Per document, per word: the logits at the word's first piece in the window that owns it.</summary>
    static float[][][] WordLogits(StudentModel student, IReadOnlyList<TrainingDocument> documents, int maxLength, int overlap)
    {
        var model = student.Model;
        var classes = student.Labels.Count;
        var windows = documents.Select(d => DocumentWindows.Create(d.Tokens, student.Encoder, maxLength, Math.Min(overlap, maxLength / 2 - 1))).ToArray();
        var perWindow = windows.Select(d => new float[d.Windows.Count][]).ToArray(); // (piece, class) flattened per window
        var order = windows.SelectMany((d, di) => d.Windows.Select((w, wi) => (Doc: di, Window: wi, w.Length))).OrderBy(x => x.Length).ToArray();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < order.Length; start += 16)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(16, order.Length - start)).ToArray();
                var (ids, mask) = WindowBatch.Inputs(batch.Select(x => windows[x.Doc].Windows[x.Window].InputIds).ToArray(), student.Encoder.PadId, model.Device);
                var output = model.forward(ids, mask, null).cpu(); // (B, T, C)
                var flat = output.data<float>().ToArray();
                var t = (int)output.shape[1];
                for (var i = 0; i < batch.Length; i++)
                    perWindow[batch[i].Doc][batch[i].Window] = flat.AsSpan(i * t * classes, t * classes).ToArray();
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        return windows.Select((doc, d) => Enumerable.Range(0, doc.Words.Count).Select(w =>
        {
            var k = doc.OwningWindow(w);
            var position = doc.Windows[k].FirstPiecePositions[w - doc.Windows[k].FirstWord];
            return perWindow[d][k].AsSpan(position * classes, classes).ToArray();
        }).ToArray()).ToArray();
    }
}

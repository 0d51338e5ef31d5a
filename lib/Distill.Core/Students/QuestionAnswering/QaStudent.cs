using System.Globalization;
using Distill.Corpora;
using Distill.Students.Tokenization;
using Distill.Teachers.QuestionAnswering;
using static TorchSharp.torch;

namespace Distill.Students.QuestionAnswering;

/// <summary>
/// The small in-repo QA student (issue 19): a cross-encoder on a BERT encoder (by default the pretrained MiniLM) that
/// reads <c>[CLS] question [SEP] note window [SEP]</c> and says yes / no / not answerable / numeric at [CLS], and tags the
/// numeric value's span among the window's words (see <see cref="QaStudentLabels"/> for the one-head layout). A whole note
/// is read in overlapping windows; the answer is the most confident window that answers (not "not answerable"), so
/// evidence anywhere in a patient's notes counts.
/// </summary>
public sealed class QaStudent : IQuestionAnswerer, IDisposable
{
    public QaStudent(StudentModel model, QaStudentOptions? options = null, string? name = null)
    {
        if (!model.Labels.SequenceEqual(QaStudentLabels.All, StringComparer.Ordinal))
            throw new ArgumentException($"A QA student needs the labels [{string.Join(", ", QaStudentLabels.All)}]; the model has [{string.Join(", ", model.Labels)}].", nameof(model));
        Model = model;
        Options = (options ?? new QaStudentOptions()).Validate();
        Name = name ?? "qa-student";
    }

    public StudentModel Model { get; }
    public QaStudentOptions Options { get; }
    public string Name { get; }
    public string Description => $"cross-encoder student ({Model.Origin})";

    int MaxLength => Math.Min(Options.MaxLength, Model.MaxLength);

    /// <summary>The question's pieces, at most a quarter of the input.</summary>
    int[] QuestionPieces(string question) =>
        ClinicalWordTokenizer.Instance.Tokenize(question).SelectMany(t => Model.Encoder.EncodeWord(t.Text)).Take(MaxLength / 4).ToArray();

    /// <summary>
    /// The inputs for <paramref name="question"/> over <paramref name="text"/>: one window when it fits, else windows
    /// <see cref="QaStudentOptions.WindowStride"/> pieces apart (word-aligned), together covering the text.
    /// </summary>
    internal IReadOnlyList<QaEncodedWindow> Encode(string question, string text, bool firstWindowOnly = false)
    {
        var questionPieces = QuestionPieces(question);
        var budget = MaxLength - questionPieces.Length - 3;
        var words = ClinicalWordTokenizer.Instance.Tokenize(text);
        var pieces = words.Select(w => Model.Encoder.EncodeWord(w.Text)).ToArray();
        var windows = new List<QaEncodedWindow>();
        var first = 0;
        while (true)
        {
            var ids = new List<int>(MaxLength) { Model.Encoder.ClsId };
            ids.AddRange(questionPieces);
            ids.Add(Model.Encoder.SepId);
            var contextStart = ids.Count;
            var spans = new List<(int, int)>();
            var positions = new List<int>();
            var wordPieces = new List<int[]>();
            var end = first;
            while (end < words.Count && ids.Count - contextStart + Math.Min(pieces[end].Length, budget) <= budget)
            {
                positions.Add(ids.Count);
                var wordIds = pieces[end].Length > budget ? pieces[end][..budget] : pieces[end];
                ids.AddRange(wordIds);
                wordPieces.Add(wordIds);
                spans.Add((words[end].Start, words[end].End));
                end++;
            }
            ids.Add(Model.Encoder.SepId);
            var types = Enumerable.Range(0, ids.Count).Select(i => i < contextStart ? 0 : 1).ToArray();
            windows.Add(new QaEncodedWindow(ids.ToArray(), types, spans.ToArray(), positions.ToArray(), wordPieces.ToArray()));
            if (end >= words.Count || firstWindowOnly) break;
            // Next window starts `stride` pieces later, at a word boundary, always moving forward.
            var next = first;
            var advanced = 0;
            while (next < end && advanced < Options.WindowStride) advanced += pieces[next++].Length;
            first = Math.Max(next, first + 1);
        }
        return windows;
    }

    /// <summary>Per window: answer-class probabilities (in <see cref="AnswerKind"/> order) and P(VALUE) of each word.</summary>
    internal IReadOnlyList<(float[] Classes, float[] ValueProbabilities)> Score(IReadOnlyList<QaEncodedWindow> windows)
    {
        var model = Model.Model;
        model.eval();
        var results = new List<(float[], float[])>();
        using var noGrad = no_grad();
        foreach (var batch in windows.Chunk(Options.BatchSize))
        {
            using var scope = NewDisposeScope();
            var (ids, mask, types) = Tensors(batch, model.Device);
            var logits = model.forward(ids, mask, types); // (B, T, 6)
            var classes = logits[.., 0, QaStudentLabels.AnswerOffset..].softmax(-1).cpu(); // (B, 4)
            var value = logits[.., .., ..QaStudentLabels.AnswerOffset].softmax(-1)[.., .., 1].cpu(); // (B, T)
            for (var b = 0; b < batch.Length; b++)
            {
                var c = classes[b].data<float>().ToArray();
                var v = value[b].data<float>().ToArray();
                results.Add((c, batch[b].WordPositions.Select(p => v[p]).ToArray()));
            }
        }
        return results;
    }

    /// <summary>(B, T) ids, mask (null when nothing is padded) and token types of <paramref name="batch"/>.</summary>
    internal (Tensor Ids, Tensor? Mask, Tensor Types) Tensors(IReadOnlyList<QaEncodedWindow> batch, Device device)
    {
        var (ids, mask) = WindowBatch.Inputs(batch.Select(w => w.InputIds).ToArray(), Model.Encoder.PadId, device);
        var length = (int)ids.shape[1];
        var types = new long[batch.Count * length];
        for (var b = 0; b < batch.Count; b++)
            for (var t = 0; t < batch[b].TokenTypes.Length; t++) types[b * length + t] = batch[b].TokenTypes[t];
        return (ids, mask, tensor(types, [batch.Count, length], device: device));
    }

    /// <summary>The answer read from one context (a training-style window) or, in windows, from a whole note.</summary>
    public QuestionAnswer Answer(string question, string text)
    {
        var windows = Encode(question, text);
        var scores = Score(windows);
        var best = -1;
        var bestConfidence = -1f;
        for (var w = 0; w < windows.Count; w++)
        {
            var kind = ArgMax(scores[w].Classes);
            if (kind == (int)AnswerKind.NotAnswerable) continue;
            if (scores[w].Classes[kind] > bestConfidence) (best, bestConfidence) = (w, scores[w].Classes[kind]);
        }
        if (best < 0)
            return new QuestionAnswer(AnswerKind.NotAnswerable, null, "N/A", scores.Count == 0 ? 1 : scores.Max(s => s.Classes[(int)AnswerKind.NotAnswerable]));
        var answer = (AnswerKind)ArgMax(scores[best].Classes);
        if (answer != AnswerKind.Numeric) return new QuestionAnswer(answer, null, answer == AnswerKind.Yes ? "Yes" : "No", bestConfidence);
        // The value: the number word of the window with the highest P(VALUE).
        var window = windows[best];
        double? value = null;
        var valueText = "";
        var bestValue = -1f;
        for (var i = 0; i < window.Words.Length; i++)
        {
            var word = text[window.Words[i].Start..window.Words[i].End];
            if (scores[best].ValueProbabilities[i] > bestValue && double.TryParse(word.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                (value, valueText, bestValue) = (v, word, scores[best].ValueProbabilities[i]);
        }
        return value is null ? new QuestionAnswer(AnswerKind.NotAnswerable, null, "no number in the window", bestConfidence) : new QuestionAnswer(AnswerKind.Numeric, value, valueText, bestConfidence);
    }

    public Task<QuestionAnswer> AnswerAsync(string question, Document note, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Answer(question, note.Text));
    }

    static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    public void Dispose() => Model.Dispose();
}

using System.Diagnostics;
using System.Text.Json;
using Distill.IO;
using Distill.Students.Training;
using Distill.Teachers.QuestionAnswering;
using static TorchSharp.torch;

namespace Distill.Students.QuestionAnswering;

/// <summary>
/// Fine-tunes a <see cref="QaStudent"/> on examples: AdamW (no decay on biases and LayerNorm) at a constant learning rate
/// (Woo et al. use a constant rate for their QLoRA student), gradient clipping, shuffled batches; loss = cross-entropy of
/// the answer class at [CLS] + cross-entropy of O/VALUE over the window's pieces. The trained model is saved in the
/// Hugging Face layout (swapped in whole); a folder that already holds a finished training with the same settings and
/// examples is loaded instead (<see cref="QaTrainingResult.Resumed"/>). An interrupted training starts again: it takes
/// minutes, so it keeps no mid-training checkpoint.
/// </summary>
public static class QaStudentTrainer
{
    /// <summary>Key of the provenance entry that marks a finished QA training (in distill_student.json).</summary>
    const string DoneKey = "qa_training";

    public static QaTrainingResult Train(QaStudent student, IReadOnlyList<QaStudentExample> train, string outputDirectory,
        IProgress<QaTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException("No QA training examples.", nameof(train));
        var options = student.Options;
        var fingerprint = Fingerprint(train, options);
        if (Finished(outputDirectory) == fingerprint)
        {
            LoadWeights(student, outputDirectory);
            return new QaTrainingResult([], train.Count, outputDirectory, Resumed: true, 0);
        }
        var watch = Stopwatch.StartNew();
        var model = student.Model.Model;
        var device = model.Device;
        var encoded = train.Select(e => (Window: student.Encode(e.Question, e.Context, firstWindowOnly: true)[0], Example: e)).ToArray();
        using var optimizer = AdamWSchedule.Create(model, options.LearningRate, 0.9, 0.999, 1e-8, options.WeightDecay);
        var losses = new List<double>();
        var steps = (encoded.Length + options.BatchSize - 1) / options.BatchSize;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            manual_seed(options.Seed + epoch);
            var order = Enumerable.Range(0, encoded.Length).ToArray();
            new Random(options.Seed + epoch).Shuffle(order);
            model.train();
            double sum = 0;
            for (var step = 0; step < steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(step * options.BatchSize).Take(options.BatchSize).Select(i => encoded[i]).ToArray();
                using var scope = NewDisposeScope();
                var (ids, mask, types) = student.Tensors(batch.Select(b => b.Window).ToArray(), device);
                var logits = model.forward(ids, mask, types); // (B, T, 6)
                var length = (int)ids.shape[1];
                var classTargets = tensor(batch.Select(b => (long)b.Example.Kind).ToArray(), device: device); // (B)
                var pieceTargets = tensor(PieceTargets(batch.Select(b => (b.Window, b.Example)).ToArray(), length), [batch.Length, length], device: device); // (B, T)
                var classLoss = nn.functional.cross_entropy(logits[.., 0, QaStudentLabels.AnswerOffset..], classTargets);
                var pieceLoss = nn.functional.cross_entropy(logits[.., .., ..QaStudentLabels.AnswerOffset].reshape(-1, QaStudentLabels.AnswerOffset), pieceTargets.reshape(-1), ignore_index: -100);
                // A batch with no note pieces at all (cannot happen with real windows) would make the span loss NaN.
                var loss = pieceLoss.isnan().item<bool>() ? classLoss : classLoss + pieceLoss;
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradNorm);
                optimizer.step();
                var value = loss.item<float>();
                if (float.IsNaN(value)) throw new InvalidOperationException($"The QA training loss became NaN at epoch {epoch}, step {step}; lower the learning rate (now {options.LearningRate}).");
                sum += value;
                progress?.Report(new QaTrainingProgress(epoch, options.Epochs, step + 1, steps, sum / (step + 1)));
            }
            losses.Add(sum / steps);
        }
        var provenance = new Dictionary<string, object?>
        {
            [DoneKey] = fingerprint,
            ["task"] = "synthetic-qa cross-encoder (issue 19)",
            ["labels"] = QaStudentLabels.All,
            ["examples"] = train.Count,
            ["epochs"] = options.Epochs,
            ["learning_rate"] = options.LearningRate,
            ["epoch_losses"] = losses,
        };
        FolderSwap.ReplaceFilesIn(outputDirectory, staging => student.Model.Save(staging, provenance));
        return new QaTrainingResult(losses, train.Count, outputDirectory, Resumed: false, watch.Elapsed.TotalSeconds);
    }

    /// <summary>(B × T) targets: -100 everywhere but the window's note pieces, which are 0 (O) or 1 (VALUE: the word overlaps the value span).</summary>
    static long[] PieceTargets(IReadOnlyList<(QaEncodedWindow Window, QaStudentExample Example)> batch, int length)
    {
        var targets = new long[batch.Count * length];
        Array.Fill(targets, -100L);
        for (var b = 0; b < batch.Count; b++)
        {
            var (window, example) = batch[b];
            for (var w = 0; w < window.Words.Length; w++)
            {
                var (start, end) = window.Words[w];
                var inValue = example.Kind == AnswerKind.Numeric && example.ValueStart >= 0 && start < example.ValueEnd && end > example.ValueStart;
                for (var p = 0; p < window.WordPieces[w].Length; p++) targets[b * length + window.WordPositions[w] + p] = inValue ? 1 : 0;
            }
        }
        return targets;
    }

    /// <summary>A hash of the examples and settings: a folder trained on other data or settings is trained again.</summary>
    static string Fingerprint(IReadOnlyList<QaStudentExample> train, QaStudentOptions options) =>
        Teachers.Cache.CacheKey.Sha256Hex(JsonSerializer.Serialize(new { options, train }));

    static string? Finished(string directory)
    {
        var path = Path.Combine(directory, StudentModel.ProvenanceFileName);
        if (!File.Exists(path) || !File.Exists(Path.Combine(directory, "model.safetensors"))) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.TryGetProperty(DoneKey, out var done) && done.ValueKind == JsonValueKind.String ? done.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static void LoadWeights(QaStudent student, string directory)
    {
        using var saved = StudentModel.Load(directory, out _, QaStudentLabels.All);
        using var noGrad = no_grad();
        var target = student.Model.Model.state_dict();
        foreach (var (name, value) in saved.Model.state_dict())
            if (target.TryGetValue(name, out var into)) into.copy_(value);
    }
}

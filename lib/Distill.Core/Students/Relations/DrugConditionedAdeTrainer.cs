using System.Diagnostics;
using System.Text.Json;
using Distill.Aggregation.Relations;
using Distill.IO;
using Distill.Students.Tokenization;
using Distill.Students.Training;
using static TorchSharp.torch;

namespace Distill.Students.Relations;

/// <summary>
/// Trains the <see cref="DrugConditionedAdeStudent"/> on the distillation set (teacher labels only): per batch of
/// sentences one encoder pass; loss = cross-entropy of the drug NER head on first pieces (drugs: the line's
/// <see cref="AdeDistillationLine.Drugs"/>) + cross-entropy of the event head on first pieces for every drug of the
/// batch (events: that drug's pairs). AdamW and the linear warm-up schedule are the token students'
/// (<see cref="AdamWSchedule"/>); epochs are fixed (no dev selection, so no gold is read). A folder that already holds a
/// finished student of the same settings is returned as resumed; the save is whole-folder (temp then swap).
/// </summary>
public sealed class DrugConditionedAdeTrainer(TrainingOptions options)
{
    public const string DoneFile = "ade_training.json";

    /// <summary>
    /// Weight of the adverse-event class in the event loss. Most (sentence, drug) rows have no event (ADE-Corpus-V2 is
    /// about 80% negative sentences, and most drugs in a positive one cause nothing), so unweighted the head first learns
    /// "always outside" and a short training never leaves it (the first quick run: pair F1 0). 5 is a common prior for
    /// such imbalance, not tuned; a dev grid belongs in a later pass.
    /// </summary>
    public const double EventWeight = 5.0;

    readonly TrainingOptions options = options.Validate();

    public AdeTrainingResult Train(string encoderDirectory, IReadOnlyList<AdeDistillationLine> train, string outputDirectory,
        IProgress<AdeTrainingProgress>? progress = null, CancellationToken cancellationToken = default, Device? device = null)
    {
        if (train.Count == 0) throw new ArgumentException("The ADE distillation set is empty.", nameof(train));
        var fingerprint = Fingerprint(train);
        if (Finished(outputDirectory, fingerprint) is { } done) return done;
        var watch = Stopwatch.StartNew();
        using var student = DrugConditionedAdeStudent.Create(encoderDirectory, options.Seed, device);
        var maxLength = Math.Min(options.MaxLength, student.Drugs.MaxLength);
        var encoded = train.Select(l => AdeSentenceEncoding.Create(l.Text, student.Encoder, maxLength)).ToArray();
        var drugs = train.Select(l => l.ToDrugs()).ToArray();
        var pairs = train.Select(l => l.ToPairs()).ToArray();
        var steps = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var total = steps * options.Epochs;
        var warmup = AdamWSchedule.WarmupSteps(total, options);
        using var optimizer = AdamWSchedule.Create(student.NamedParameters, options);
        var losses = new List<double>();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            manual_seed(options.Seed + epoch);
            var order = Enumerable.Range(0, train.Count).ToArray();
            new Random(options.Seed + epoch).Shuffle(order);
            student.Train(true);
            double sum = 0;
            for (var step = 0; step < steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AdamWSchedule.SetRate(optimizer, options, (epoch - 1) * steps + step, warmup, total);
                var batch = order.Skip(step * options.BatchSize).Take(options.BatchSize).ToArray();
                using var scope = NewDisposeScope();
                var batchEncoded = batch.Select(i => encoded[i]).ToArray();
                var (ids, mask) = WindowBatch.Inputs(batchEncoded.Select(e => e.InputIds).ToArray(), student.Encoder.PadId, student.Device);
                var t = (int)ids.shape[1];
                var (pieces, sentence, owners) = DrugConditionedAdeStudent.DrugInputs(batchEncoded, batch.Select(i => drugs[i]).ToArray(), t);
                var (drugLogits, eventLogits) = student.Forward(ids, mask, pieces?.to(student.Device), sentence?.to(student.Device));
                var drugLabels = Labels(batchEncoded.Select((e, b) => (e, e.WordLabels(drugs[batch[b]]))).ToArray(), t);
                var loss = nn.functional.cross_entropy(drugLogits.view(-1, 2), tensor(drugLabels, device: student.Device), ignore_index: -100);
                if (eventLogits is not null)
                {
                    var eventLabels = Labels(owners.Select(o => (batchEncoded[o.Sentence],
                        batchEncoded[o.Sentence].WordLabels(pairs[batch[o.Sentence]].Where(p => p.Drug.Overlaps(o.Drug)).Select(p => p.AdverseEvent)))).ToArray(), t);
                    using var weight = tensor(new[] { 1f, (float)EventWeight }, device: student.Device);
                    loss = loss + nn.functional.cross_entropy(eventLogits.view(-1, 2), tensor(eventLabels, device: student.Device), weight, ignore_index: -100);
                }
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(student.NamedParameters.Select(p => p.parameter), options.MaxGradNorm);
                optimizer.step();
                var value = loss.item<float>();
                if (float.IsNaN(value)) throw new InvalidOperationException($"The ADE student's loss became NaN at epoch {epoch}, step {step}; lower the learning rate (now {options.LearningRate}).");
                sum += value;
                progress?.Report(new AdeTrainingProgress(AdeStudentHead.DrugConditioned, epoch, options.Epochs, step + 1, steps, sum / (step + 1)));
            }
            losses.Add(sum / steps);
        }
        var result = new AdeTrainingResult(outputDirectory, options.Epochs, train.Count, losses, watch.Elapsed.TotalSeconds, false);
        FolderSwap.ReplaceFilesIn(outputDirectory, staging =>
        {
            student.Save(staging, new Dictionary<string, object?>
            {
                ["head"] = AdeStudentHead.DrugConditioned,
                ["train_sentences"] = train.Count,
                ["labels_from"] = "teacher combination on the training pool (no gold)",
                ["training_options"] = JsonSerializer.SerializeToNode(options),
            });
            AtomicFile.WriteAllText(Path.Combine(staging, DoneFile), JsonSerializer.Serialize(new DoneRecord(fingerprint, result.Epochs, result.Examples, [.. losses], result.Seconds)));
        });
        return result;
    }

    /// <summary>(N × T) labels: word labels on first pieces, -100 elsewhere (as HF).</summary>
    internal static long[] Labels(IReadOnlyList<(AdeSentenceEncoding Encoding, long[] Words)> rows, int t)
    {
        var labels = new long[rows.Count * t];
        Array.Fill(labels, -100L);
        for (var i = 0; i < rows.Count; i++)
            for (var w = 0; w < rows[i].Words.Length; w++)
                labels[i * t + rows[i].Encoding.FirstPieces[w]] = rows[i].Words[w];
        return labels;
    }

    string Fingerprint(IReadOnlyList<AdeDistillationLine> train) => Teachers.Cache.CacheKey.Sha256Hex(
        JsonSerializer.Serialize(options) + "\n" + string.Join("\n", train.Select(l => JsonSerializer.Serialize(l, AdeJsonContext.Default.AdeDistillationLine))));

    internal sealed record DoneRecord(string Fingerprint, int Epochs, int Examples, double[] Losses, double Seconds);

    /// <summary>The finished training in <paramref name="directory"/> with the same settings and data, or null.</summary>
    internal static AdeTrainingResult? Finished(string directory, string fingerprint)
    {
        var path = Path.Combine(directory, DoneFile);
        if (!File.Exists(path)) return null;
        var done = JsonSerializer.Deserialize<DoneRecord>(File.ReadAllText(path));
        return done is not null && done.Fingerprint == fingerprint
            ? new AdeTrainingResult(directory, done.Epochs, done.Examples, done.Losses, done.Seconds, true)
            : null;
    }
}

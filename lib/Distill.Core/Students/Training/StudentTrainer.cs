using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.Corpora;
using Distill.IO;
using Distill.Runtime;
using Distill.Students.Checkpoints;
using Distill.Students.Inference;
using Distill.Students.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Training;

/// <summary>
/// Fine-tunes a student on word-level labels: AdamW with decoupled weight decay (not on biases and
/// LayerNorm), linear warm-up then linear decay, gradient clipping, labels on the first piece of each
/// word, dev F1 after every epoch, early stopping, and the best epoch saved in the Hugging Face layout.
/// After every epoch the model, optimiser state and counters go to <c>checkpoint-last/</c>, swapped in whole
/// (<see cref="FolderSwap.Replace"/>), so a stopped run (Ctrl+C, crash, kill) resumes from its last completed epoch;
/// the best epoch's files are swapped into the output folder as one unit (<see cref="FolderSwap.ReplaceFilesIn"/>).
/// Once a training has finished, <see cref="RemoveResumeCheckpoint"/> drops that checkpoint (weights and optimiser state,
/// 2-3 times the model's size; issue 17) and keeps its counters as <c>trainer_state.json</c> in the output folder, so a
/// second run in the same folder still knows the training is done.
/// </summary>
public sealed class StudentTrainer
{
    public const string LastCheckpointFolder = "checkpoint-last";
    const string StateFile = "trainer_state.json";
    const string OptimizerFile = "optimizer.bin";

    readonly TrainingOptions options;
    readonly string startingModel;

    /// <param name="options">How to train.</param>
    /// <param name="startingModel">Where the student's weights came from (a checkpoint folder, or <see cref="TrainingRunKey.Scratch"/>),
    /// recorded with the data and options so that only the same run is resumed (<see cref="ResumeMode.SameRun"/>).</param>
    public StudentTrainer(TrainingOptions options, string startingModel = TrainingRunKey.Scratch)
    {
        this.options = options.Validate();
        this.startingModel = startingModel;
    }

    /// <summary>Called after each epoch (for logs, memory checks, progress tables).</summary>
    public event Action<EpochReport>? EpochCompleted;

    /// <summary>The label set of a training set: "O" first, then the entity types in ordinal order.</summary>
    public static IReadOnlyList<string> LabelsOf(IEnumerable<TrainingDocument> documents) =>
        [IoTagging.Outside, .. documents.SelectMany(d => d.Tags.Concat(d.ProbabilityLabels ?? [])).Where(t => t != IoTagging.Outside)
            .Distinct().Order(StringComparer.Ordinal)];

    /// <summary>One window with a target per word: a class index, and a distribution in soft mode.</summary>
    sealed record Example(int[] InputIds, int[] FirstPiecePositions, int[] Classes, float[][]? Distributions);

    /// <summary>
    /// Trains <paramref name="student"/> in place and saves the best epoch to <paramref name="outputDirectory"/>.
    /// The student's labels must cover every tag of <paramref name="train"/> and <paramref name="dev"/>.
    /// </summary>
    public TrainingResult Train(StudentModel student, IReadOnlyList<TrainingDocument> train, IReadOnlyList<TrainingDocument> dev,
        string outputDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (train.Count == 0) throw new ArgumentException("The training set is empty.", nameof(train));
        var model = student.Model;
        var device = model.Device;
        var maxLength = Math.Min(options.MaxLength, student.MaxLength);
        var examples = BuildExamples(student, train, maxLength);
        var devWindows = dev.Select(d => DocumentWindows.Create(d.Tokens, student.Encoder, maxLength, options.WindowOverlap)).ToArray();
        var stepsPerEpoch = (examples.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var warmupSteps = Math.Max(1, (int)Math.Round(totalSteps * options.WarmupFraction));

        // HF's grouping: no weight decay on biases and LayerNorm parameters.
        using var optimizer = AdamWSchedule.Create(model, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);

        var last = Path.Combine(outputDirectory, LastCheckpointFolder);
        // A best-model save that a kill interrupted is finished first, so the folder holds one epoch's files.
        if (Directory.Exists(outputDirectory)) FolderSwap.FinishInterrupted(outputDirectory);
        var run = TrainingRunKey.Of(train, dev, startingModel, options);
        var resumeFolder = ResumeFrom(outputDirectory, run, options.Resume);
        var state = resumeFolder is null ? null
            : resumeFolder == LastCheckpoint(outputDirectory) ? LoadResumeState(student, optimizer, resumeFolder)
            : ReadState(JsonNode.Parse(File.ReadAllText(Path.Combine(outputDirectory, StateFile)))!) with { WeightsRemoved = true };
        if (state is { WeightsRemoved: true } && state.Epoch < options.Epochs && !(options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= options.EarlyStoppingPatience))
            throw new ResumeConflictException(
                $"The training in {outputDirectory} finished after {state.Epoch} epochs and its resume checkpoint was removed, so it cannot go on to {options.Epochs}; " +
                "train into another folder (or delete this one), and pass --keep-checkpoint to keep the checkpoint next time.");
        var history = state?.History ?? [];
        var bestEpoch = state?.BestEpoch ?? 0;
        var bestF1 = state?.BestF1 ?? double.NegativeInfinity;
        var sinceBest = state?.EpochsWithoutImprovement ?? 0;
        var startEpoch = (state?.Epoch ?? 0) + 1;
        var stoppedEarly = options.EarlyStoppingPatience > 0 && sinceBest >= options.EarlyStoppingPatience;

        for (var epoch = startEpoch; epoch <= options.Epochs && !stoppedEarly; epoch++)
        {
            var watch = Stopwatch.StartNew();
            var peakMeasured = ProcessMemory.ResetPeak();
            manual_seed(options.Seed + epoch);
            var batches = Batches(examples, new Random(options.Seed + epoch)); // stepsPerEpoch of them
            model.train();
            double lossSum = 0;
            long pieces = 0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var globalStep = (epoch - 1) * stepsPerEpoch + step;
                AdamWSchedule.SetRate(optimizer, options, globalStep, warmupSteps, totalSteps);

                var batch = batches[step].Select(i => examples[i]).ToArray();
                pieces += batch.Sum(e => e.InputIds.Length);
                using var scope = NewDisposeScope();
                var (ids, mask) = WindowBatch.Inputs(batch.Select(e => e.InputIds).ToArray(), student.Encoder.PadId, device);
                var logits = model.forward(ids, mask, null); // (B, T, C)
                var loss = Loss(batch, logits, student.Labels.Count, device);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradNorm);
                optimizer.step();
                var value = loss.item<float>(); // a sync point on CUDA; once per step is cheap next to the step
                if (float.IsNaN(value))
                    throw new InvalidOperationException($"The training loss became NaN at epoch {epoch}, step {step}; lower the learning rate (now {options.LearningRate}).");
                lossSum += value;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, step + 1, stepsPerEpoch, lossSum / (step + 1)));
            }

            var trainSeconds = watch.Elapsed.TotalSeconds;
            var f1 = Evaluate(student, dev, devWindows);
            var improved = dev.Count == 0 || f1.F1 > bestF1;
            if (improved)
            {
                (bestEpoch, bestF1, sinceBest) = (epoch, dev.Count == 0 ? double.NaN : f1.F1, 0);
                var provenance = Provenance(student, epoch, f1, train.Count);
                FolderSwap.ReplaceFilesIn(outputDirectory, staging => student.Save(staging, provenance));
            }
            else sinceBest++;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            // Issue 15: resident memory grew from epoch to epoch with no tensor left alive (LiveTensors stays flat): glibc
            // kept the freed activations of the epoch's steps and evaluation in its arenas. Handing them back after each
            // epoch keeps a run from growing (Students/README.md, "Memory across epochs").
            var live = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
            var peak = peakMeasured ? ProcessMemory.PeakResidentBytes() : 0;
            NativeHeap.Trim();
            var report = new EpochReport(epoch, lossSum / stepsPerEpoch, f1, improved, watch.Elapsed.TotalSeconds, ProcessMemory.ResidentBytes(), pieces, peak, live, trainSeconds);
            history.Add(report);
            SaveLast(student, optimizer, last, new ResumeState(epoch, bestEpoch, bestF1, sinceBest, history), run);
            EpochCompleted?.Invoke(report);
            stoppedEarly = options.EarlyStoppingPatience > 0 && sinceBest >= options.EarlyStoppingPatience && epoch < options.Epochs;
        }
        return new TrainingResult(history, bestEpoch, bestF1, outputDirectory, stoppedEarly, startEpoch - 1);
    }

    /// <summary>
    /// Batches of similar lengths (less padding) in random order: shuffle, sort within pools of 50
    /// batches by length, cut into batches of <see cref="TrainingOptions.BatchSize"/>, shuffle the batches.
    /// There are ceil(examples / BatchSize) of them, since every pool but the last is a whole number of batches.
    /// </summary>
    int[][] Batches(List<Example> examples, Random random)
    {
        var shuffled = Enumerable.Range(0, examples.Count).ToArray();
        random.Shuffle(shuffled);
        var pool = options.BatchSize * 50;
        var batches = shuffled.Chunk(pool)
            .SelectMany(chunk => chunk.OrderBy(i => examples[i].InputIds.Length).Chunk(options.BatchSize))
            .ToArray();
        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Token-level micro F1 of the student's tags against the documents' tags.</summary>
    public static TokenLevelF1 Evaluate(StudentModel student, IReadOnlyList<TrainingDocument> documents, int maxLength = 512, int overlap = 64) =>
        Evaluate(student, documents, documents.Select(d => DocumentWindows.Create(d.Tokens, student.Encoder, Math.Min(maxLength, student.MaxLength), overlap)).ToArray());

    static TokenLevelF1 Evaluate(StudentModel student, IReadOnlyList<TrainingDocument> documents, IReadOnlyList<DocumentWindows> windows)
    {
        if (documents.Count == 0) return new TokenLevelF1(0, 0, 0);
        var predicted = new StudentPredictor(student, batchSize: 16).PredictLabelIndices(windows);
        return TokenLevelF1.Compute(documents.Select((d, i) => (d.Tags, (IReadOnlyList<string>)predicted[i].Select(c => student.Labels[c]).ToArray())));
    }

    List<Example> BuildExamples(StudentModel student, IReadOnlyList<TrainingDocument> documents, int maxLength)
    {
        var index = student.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var examples = new List<Example>();
        foreach (var doc in documents)
        {
            var classes = doc.Tags.Select((t, i) => index.TryGetValue(t, out var c) ? c
                : throw new InvalidDataException($"Document '{doc.Id}': tag '{t}' of token {i} is not one of the student's labels [{string.Join(", ", student.Labels)}].")).ToArray();
            float[][]? distributions = null;
            if (options.LabelMode == LabelMode.Soft)
            {
                distributions = new float[doc.Tokens.Count][];
                int[]? map = doc.ProbabilityLabels?.Select(l => index.TryGetValue(l, out var c) ? c
                    : throw new InvalidDataException($"Document '{doc.Id}': probability label '{l}' is not one of the student's labels.")).ToArray();
                for (var w = 0; w < doc.Tokens.Count; w++)
                {
                    var target = new float[student.Labels.Count];
                    if (map is null) target[classes[w]] = 1; // no soft labels for this document: one-hot from its tag
                    else for (var k = 0; k < map.Length; k++) target[map[k]] += doc.Probabilities![w][k];
                    distributions[w] = target;
                }
            }
            var windows = DocumentWindows.Create(doc.Tokens, student.Encoder, maxLength, options.WindowOverlap);
            foreach (var window in windows.Windows)
                examples.Add(new Example(window.InputIds, window.FirstPiecePositions,
                    classes[window.FirstWord..window.EndWord], distributions?[window.FirstWord..window.EndWord]));
        }
        return examples;
    }

    /// <summary>
    /// Hard: cross-entropy on first pieces (-100 elsewhere, as HF). Soft: cross-entropy against the
    /// target distribution, -sum p log q, averaged over first pieces (KL divergence up to the targets' entropy).
    /// </summary>
    Tensor Loss(Example[] batch, Tensor logits, int classes, Device device)
    {
        var (b, t) = (batch.Length, (int)logits.shape[1]);
        if (options.LabelMode == LabelMode.Hard)
        {
            var labels = new long[b * t];
            Array.Fill(labels, -100L);
            for (var i = 0; i < b; i++)
                for (var w = 0; w < batch[i].Classes.Length; w++)
                    labels[i * t + batch[i].FirstPiecePositions[w]] = batch[i].Classes[w];
            using var classWeight = options.ClassWeights is { } cw ? tensor(cw.Select(x => (float)x).ToArray(), device: device) : null;
            return nn.functional.cross_entropy(logits.view(-1, classes), tensor(labels, device: device), classWeight, ignore_index: -100);
        }
        var targets = new float[b * t * classes];
        var weights = new float[b * t];
        for (var i = 0; i < b; i++)
            for (var w = 0; w < batch[i].Classes.Length; w++)
            {
                var position = i * t + batch[i].FirstPiecePositions[w];
                weights[position] = 1;
                batch[i].Distributions![w].CopyTo(targets, position * classes);
            }
        var target = tensor(targets, [b, t, classes], device: device);
        var weight = tensor(weights, [b, t], device: device);
        var perPosition = -(target * nn.functional.log_softmax(logits, -1)).sum(-1); // (B, T)
        return (perPosition * weight).sum() / weight.sum().clamp_min(1);
    }

    Dictionary<string, object?> Provenance(StudentModel student, int epoch, TokenLevelF1 f1, int trainDocuments) => new()
    {
        ["labels"] = student.Labels,
        ["label_mode"] = options.LabelMode.ToString().ToLowerInvariant(),
        ["best_epoch"] = epoch,
        ["dev_token_f1"] = f1.F1,
        ["train_documents"] = trainDocuments,
        ["training_options"] = JsonSerializer.SerializeToNode(options),
    };

    sealed record ResumeState(int Epoch, int BestEpoch, double BestF1, int EpochsWithoutImprovement, List<EpochReport> History, bool WeightsRemoved = false);

    /// <summary>
    /// After a finished training: removes <c>checkpoint-last/</c> (and a <c>.old</c> copy) and keeps its counters and epoch
    /// history as <c>trainer_state.json</c> in <paramref name="outputDirectory"/> (as Hugging Face's Trainer leaves one
    /// beside its model). Returns the bytes freed; 0 when there was no checkpoint.
    /// </summary>
    public static long RemoveResumeCheckpoint(string outputDirectory)
    {
        if (LastCheckpoint(outputDirectory) is not { } folder) return 0;
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, StateFile), File.ReadAllText(Path.Combine(folder, StateFile)));
        long freed = 0;
        foreach (var copy in new[] { Path.Combine(outputDirectory, LastCheckpointFolder), Path.Combine(outputDirectory, LastCheckpointFolder + ".old") })
        {
            if (!Directory.Exists(copy)) continue;
            freed += new DirectoryInfo(copy).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Directory.Delete(copy, recursive: true);
        }
        return freed;
    }

    /// <summary>
    /// The complete last checkpoint under <paramref name="outputDirectory"/>: <c>checkpoint-last/</c>, or
    /// <c>checkpoint-last.old/</c> when a kill came between the swap's renames; null when there is none.
    /// </summary>
    public static string? LastCheckpoint(string outputDirectory) =>
        FolderSwap.Resolve(Path.Combine(outputDirectory, LastCheckpointFolder)) is { } folder && File.Exists(Path.Combine(folder, StateFile)) ? folder : null;

    /// <summary>
    /// The folder under <paramref name="outputDirectory"/> that training <paramref name="run"/> continues from, or null to
    /// start from the given student: the last checkpoint, or <paramref name="outputDirectory"/> itself when a finished
    /// training's checkpoint was removed and only its <c>trainer_state.json</c> remains beside the model (issue 17). <see cref="ResumeMode.SameRun"/> continues only a checkpoint that recorded the same
    /// <see cref="TrainingRunKey"/> and throws <see cref="ResumeConflictException"/> for any other (issue 15: a finished
    /// run with other data or another model was resumed, trained 0 epochs and exited 0 with the old model);
    /// <see cref="ResumeMode.Never"/> removes the checkpoint and that state, so an interrupted new run never resumes the old one.
    /// </summary>
    public static string? ResumeFrom(string outputDirectory, TrainingRunKey run, ResumeMode mode)
    {
        // A finished training whose checkpoint was removed (RemoveResumeCheckpoint) left its state beside the model.
        var finishedState = Path.Combine(outputDirectory, StateFile);
        if ((LastCheckpoint(outputDirectory) ?? (File.Exists(finishedState) ? outputDirectory : null)) is not { } folder) return null;
        switch (mode)
        {
            case ResumeMode.Always:
                return folder;
            case ResumeMode.Never:
                foreach (var stale in new[] { Path.Combine(outputDirectory, LastCheckpointFolder), Path.Combine(outputDirectory, LastCheckpointFolder) + ".old" })
                    if (Directory.Exists(stale)) Directory.Delete(stale, recursive: true);
                File.Delete(finishedState);
                return null;
        }
        JsonNode? state;
        try
        {
            state = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, StateFile)));
        }
        catch (JsonException e)
        {
            throw new ResumeConflictException($"{Path.Combine(folder, StateFile)} does not parse ({e.Message}); pass --overwrite to start over or --resume to try it anyway.");
        }
        var recorded = TrainingRunKey.FromJson(state?["run"]);
        var difference = recorded is null ? "it does not record its data, model and options (written by an older version)" : recorded.DifferenceFrom(run);
        if (difference is null) return folder;
        var finished = state?["epoch"]?.GetValue<int>() is { } epoch ? $" (after epoch {epoch})" : "";
        throw new ResumeConflictException($"{outputDirectory} holds another training run{finished}: {difference}. " +
                                          "Pass --overwrite to start over there, --resume to continue that run anyway, or choose another --out.");
    }

    /// <summary>
    /// Writes the whole checkpoint into a temporary sibling and swaps it in whole (<see cref="FolderSwap.Replace"/>),
    /// so weights, optimiser and counters always belong to the same epoch however the process is stopped, and the
    /// previous checkpoint is removed only once the new one is in place.
    /// </summary>
    static void SaveLast(StudentModel student, OptimizerHelper optimizer, string last, ResumeState state, TrainingRunKey run) =>
        FolderSwap.Replace(last, folder =>
        {
            student.Save(folder);
            AtomicFile.Write(Path.Combine(folder, OptimizerFile), tmp => optimizer.save_state_dict(tmp));
            AtomicFile.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(new JsonObject
            {
                ["epoch"] = state.Epoch,
                ["best_epoch"] = state.BestEpoch,
                ["best_f1"] = double.IsFinite(state.BestF1) ? state.BestF1 : null,
                ["epochs_without_improvement"] = state.EpochsWithoutImprovement,
                ["history"] = JsonSerializer.SerializeToNode(state.History),
                ["run"] = run.ToJson(),
            }, new JsonSerializerOptions { WriteIndented = true }));
        });

    static ResumeState LoadResumeState(StudentModel student, OptimizerHelper optimizer, string folder)
    {
        var statePath = Path.Combine(folder, StateFile);
        var node = JsonNode.Parse(File.ReadAllText(statePath))!;
        var config = Modeling.BertConfig.Load(Path.Combine(folder, "config.json"));
        if (!config.Labels().SequenceEqual(student.Labels) || config.HiddenSize != student.Config.HiddenSize || config.NumHiddenLayers != student.Config.NumHiddenLayers)
            throw new InvalidOperationException($"{folder} holds a run with another model or label set; choose another output folder or delete it to start over.");
        using (var weights = SafetensorsFile.Read(Path.Combine(folder, "model.safetensors")))
            StateDictLoader.Load(student.Model, weights);
        optimizer.load_state_dict(Path.Combine(folder, OptimizerFile));
        return ReadState(node);
    }

    static ResumeState ReadState(JsonNode node)
    {
        var history = JsonSerializer.Deserialize<List<EpochReport>>(node["history"]!.ToJsonString()) ?? [];
        return new ResumeState((int)node["epoch"]!, (int)node["best_epoch"]!, (double?)node["best_f1"] ?? double.NegativeInfinity,
            (int)node["epochs_without_improvement"]!, history);
    }
}

using Distill.Students;
using Distill.Students.Modeling;
using Distill.Students.Training;

namespace Distill.Tests.Students.Training;

/// <summary>Runs alone (no other test in parallel), because one test reads the process's resident memory.</summary>
[CollectionDefinition(nameof(StudentTrainerTests), DisableParallelization = true)]
public sealed class StudentTrainerCollection;

[Collection(nameof(StudentTrainerTests))]
public sealed class StudentTrainerTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-train-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static BertConfig Tiny(BertConfig c) => c with { HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 2, IntermediateSize = 64, MaxPositionEmbeddings = 64 };

    static readonly TrainingOptions Fast = new() { LearningRate = 3e-3, Epochs = 6, BatchSize = 8, MaxLength = 64, WindowOverlap = 8, EarlyStoppingPatience = 0, WarmupFraction = 0.1 };

    StudentModel NewStudent(IReadOnlyList<TrainingDocument> train, string folder) =>
        DefaultStudent.Create(train.Select(d => d.Text), StudentTrainer.LabelsOf(train), Path.Combine(dir, folder), seed: 1, adjust: Tiny);

    [Fact]
    public void Learns_a_separable_task_and_saves_the_best_epoch_in_HF_layout()
    {
        var train = SyntheticNotes.Make(32, seed: 1);
        var dev = SyntheticNotes.Make(8, seed: 2);
        using var student = NewStudent(train, "vocab");
        Assert.Equal(["O", "disease", "medication"], student.Labels);
        var output = Path.Combine(dir, "out");
        var reports = new List<EpochReport>();
        var trainer = new StudentTrainer(Fast);
        trainer.EpochCompleted += reports.Add;

        var result = trainer.Train(student, train, dev, output);

        Assert.Equal(6, reports.Count);
        Assert.True(reports[^1].TrainLoss < reports[0].TrainLoss / 2, $"loss {reports[0].TrainLoss:F3} -> {reports[^1].TrainLoss:F3}");
        Assert.True(result.BestDevF1 > 0.9, $"best dev F1 {result.BestDevF1:F3}");
        using var saved = StudentModel.Load(output, out var report);
        Assert.False(report.FreshClassifierHead);
        Assert.Contains("trained from scratch", saved.Origin);
        Assert.Equal(result.BestDevF1, StudentTrainer.Evaluate(saved, dev, maxLength: 64).F1, 6);

        // Memory stays flat: native tensors are freed by the per-batch and per-forward dispose scopes.
        var first = reports[0].ResidentBytes;
        var third = reports[2].ResidentBytes;
        Assert.True(Math.Abs(third - first) <= 0.10 * first, $"resident memory epoch 1 {first / 1e6:F0} MB, epoch 3 {third / 1e6:F0} MB");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stopped_run_resumes_after_its_last_completed_epoch(bool killedBetweenRenames)
    {
        var train = SyntheticNotes.Make(16, seed: 3);
        var dev = SyntheticNotes.Make(4, seed: 4);
        var output = Path.Combine(dir, "resumable");
        using (var student = NewStudent(train, "v1"))
        {
            var first = new StudentTrainer(Fast with { Epochs = 3 });
            using var cancel = new CancellationTokenSource();
            first.EpochCompleted += r => { if (r.Epoch == 2) cancel.Cancel(); };
            Assert.ThrowsAny<OperationCanceledException>(() => first.Train(student, train, dev, output, cancellationToken: cancel.Token));
        }
        var last = Path.Combine(output, StudentTrainer.LastCheckpointFolder);
        if (killedBetweenRenames) Directory.Move(last, last + ".old"); // as if killed after moving the old checkpoint aside
        using var resumed = NewStudent(train, "v2");
        var result = new StudentTrainer(Fast with { Epochs = 3 }).Train(resumed, train, dev, output);
        Assert.Equal(2, result.ResumedAfterEpoch);
        Assert.Equal([1, 2, 3], result.Epochs.Select(e => e.Epoch));
        Assert.True(File.Exists(Path.Combine(output, StudentTrainer.LastCheckpointFolder, "optimizer.bin")));
    }

    /// <summary>A last checkpoint whose state records <paramref name="run"/> (null: a state written before runs were recorded).</summary>
    string FakeCheckpoint(TrainingRunKey? run)
    {
        var output = Path.Combine(dir, "finished");
        var last = Directory.CreateDirectory(Path.Combine(output, StudentTrainer.LastCheckpointFolder)).FullName;
        var state = new System.Text.Json.Nodes.JsonObject { ["epoch"] = 3, ["best_epoch"] = 3 };
        if (run is not null) state["run"] = run.ToJson();
        File.WriteAllText(Path.Combine(last, "trainer_state.json"), state.ToJsonString());
        return output;
    }

    [Fact]
    public void Only_the_same_run_is_resumed_unless_resume_or_overwrite_is_asked_for()
    {
        // Issue 15: `train --out X` into a folder holding a finished run with other data or another model resumed it,
        // trained 0 epochs and exited 0 with the old model.
        var train = SyntheticNotes.Make(4, seed: 3);
        var dev = SyntheticNotes.Make(2, seed: 4);
        var run = TrainingRunKey.Of(train, dev, TrainingRunKey.Scratch, Fast);
        var output = FakeCheckpoint(run);
        var last = Path.Combine(output, StudentTrainer.LastCheckpointFolder);

        Assert.Equal(last, StudentTrainer.ResumeFrom(output, run, ResumeMode.SameRun));
        var otherData = TrainingRunKey.Of(SyntheticNotes.Make(4, seed: 5), dev, TrainingRunKey.Scratch, Fast);
        var e = Assert.Throws<ResumeConflictException>(() => StudentTrainer.ResumeFrom(output, otherData, ResumeMode.SameRun));
        Assert.Equal($"{output} holds another training run (after epoch 3): other training or dev data. Pass --overwrite to start over there, " +
                     "--resume to continue that run anyway, or choose another --out.", e.Message);
        var otherModel = TrainingRunKey.Of(train, dev, "/models/minilm", Fast);
        Assert.Contains("starting model scratch -> /models/minilm", Assert.Throws<ResumeConflictException>(() => StudentTrainer.ResumeFrom(output, otherModel, ResumeMode.SameRun)).Message);

        Assert.Equal(last, StudentTrainer.ResumeFrom(output, otherData, ResumeMode.Always));
        Assert.Null(StudentTrainer.ResumeFrom(output, otherData, ResumeMode.Never));
        Assert.False(Directory.Exists(last)); // so an interrupted new run never resumes the old one
    }

    [Fact]
    public void A_checkpoint_that_records_no_run_is_not_resumed_silently()
    {
        var run = TrainingRunKey.Of(SyntheticNotes.Make(2, seed: 3), [], TrainingRunKey.Scratch, Fast);
        var output = FakeCheckpoint(null);
        Assert.Contains("does not record its data, model and options", Assert.Throws<ResumeConflictException>(() => StudentTrainer.ResumeFrom(output, run, ResumeMode.SameRun)).Message);
    }

    [Fact]
    public void The_trainer_records_its_run_and_refuses_another_one_in_the_same_folder()
    {
        var train = SyntheticNotes.Make(8, seed: 3);
        var dev = SyntheticNotes.Make(2, seed: 4);
        var output = Path.Combine(dir, "recorded");
        using (var student = NewStudent(train, "r1"))
            new StudentTrainer(Fast with { Epochs = 1 }).Train(student, train, dev, output);
        var state = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, StudentTrainer.LastCheckpointFolder, "trainer_state.json")))!;
        Assert.Equal(TrainingRunKey.Of(train, dev, TrainingRunKey.Scratch, Fast with { Epochs = 1 }), TrainingRunKey.FromJson(state["run"]));

        var other = SyntheticNotes.Make(8, seed: 9);
        using var again = NewStudent(other, "r2");
        Assert.Throws<ResumeConflictException>(() => new StudentTrainer(Fast with { Epochs = 1 }).Train(again, other, dev, output));
        var fresh = new StudentTrainer(Fast with { Epochs = 1, Resume = ResumeMode.Never }).Train(again, other, dev, output);
        Assert.Equal(0, fresh.ResumedAfterEpoch);
        Assert.Equal([1], fresh.Epochs.Select(r => r.Epoch));
    }

    [Fact]
    public void A_finished_training_without_its_checkpoint_is_not_repeated_and_cannot_silently_go_on()
    {
        var train = SyntheticNotes.Make(16, seed: 5);
        var dev = SyntheticNotes.Make(4, seed: 6);
        var output = Path.Combine(dir, "finished");
        TrainingResult first;
        using (var student = NewStudent(train, "f1"))
            first = new StudentTrainer(Fast with { Epochs = 2 }).Train(student, train, dev, output);
        var weights = File.ReadAllBytes(Path.Combine(output, "model.safetensors"));

        var freed = StudentTrainer.RemoveResumeCheckpoint(output);

        // Issue 17: weights and optimiser state go (more than the model itself), the counters stay beside the model.
        Assert.True(freed > weights.Length, $"freed {freed} bytes, model {weights.Length}");
        Assert.False(Directory.Exists(Path.Combine(output, StudentTrainer.LastCheckpointFolder)));
        Assert.True(File.Exists(Path.Combine(output, "trainer_state.json")));
        Assert.Equal(0, StudentTrainer.RemoveResumeCheckpoint(output));
        using (var again = NewStudent(train, "f2"))
        {
            var epochs = 0;
            var trainer = new StudentTrainer(Fast with { Epochs = 2 });
            trainer.EpochCompleted += _ => epochs++;
            var second = trainer.Train(again, train, dev, output);
            Assert.Equal(0, epochs);
            Assert.Equal(first.BestEpoch, second.BestEpoch);
            Assert.Equal(first.Epochs.Select(e => e.TrainLoss), second.Epochs.Select(e => e.TrainLoss));
        }
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(output, "model.safetensors")));
        using var longer = NewStudent(train, "f3");
        // More epochs are other options: another run unless --resume, and even then the removed checkpoint cannot go on.
        Assert.Contains("Epochs 2 -> 4", Assert.Throws<ResumeConflictException>(() => new StudentTrainer(Fast with { Epochs = 4 }).Train(longer, train, dev, output)).Message);
        var e = Assert.Throws<ResumeConflictException>(() => new StudentTrainer(Fast with { Epochs = 4, Resume = ResumeMode.Always }).Train(longer, train, dev, output));
        Assert.Contains("--keep-checkpoint", e.Message);
        // --overwrite starts over: the finished state beside the model goes too, so nothing is resumed.
        Assert.Null(StudentTrainer.ResumeFrom(output, TrainingRunKey.Of(train, dev, TrainingRunKey.Scratch, Fast), ResumeMode.Never));
        Assert.False(File.Exists(Path.Combine(output, "trainer_state.json")));
    }

    [Fact]
    public void A_save_that_dies_after_a_kill_between_renames_keeps_the_previous_checkpoint()
    {
        // Issue 15: killed between the checkpoint swap's two renames (only checkpoint-last.old is complete), the next
        // save deleted .old first; dying again before its last rename then left no checkpoint at all.
        var train = SyntheticNotes.Make(16, seed: 3);
        var dev = SyntheticNotes.Make(4, seed: 4);
        var output = Path.Combine(dir, "twice");
        using (var student = NewStudent(train, "v1"))
        {
            using var cancel = new CancellationTokenSource();
            var first = new StudentTrainer(Fast with { Epochs = 3 });
            first.EpochCompleted += r => { if (r.Epoch == 2) cancel.Cancel(); };
            Assert.ThrowsAny<OperationCanceledException>(() => first.Train(student, train, dev, output, cancellationToken: cancel.Token));
        }
        var last = Path.Combine(output, StudentTrainer.LastCheckpointFolder);
        Directory.Move(last, last + ".old");
        // A file where the new checkpoint must be renamed to makes that rename fail: the second kill, at that point.
        File.WriteAllText(last, "");
        using (var student = NewStudent(train, "v2"))
            Assert.ThrowsAny<IOException>(() => new StudentTrainer(Fast with { Epochs = 3 }).Train(student, train, dev, output));
        File.Delete(last);

        Assert.Equal(last + ".old", StudentTrainer.LastCheckpoint(output));
        using var resumed = NewStudent(train, "v3");
        var result = new StudentTrainer(Fast with { Epochs = 3 }).Train(resumed, train, dev, output);
        Assert.Equal(2, result.ResumedAfterEpoch);
        Assert.Equal(last, StudentTrainer.LastCheckpoint(output));
        Assert.False(Directory.Exists(last + ".old"));
    }

    [Fact]
    public void Soft_labels_train_toward_the_label_model_probabilities()
    {
        // Soft targets that put 0.8 on the gold tag: the student should still recover the tags.
        var gold = SyntheticNotes.Make(32, seed: 5);
        var labels = new[] { "O", "disease", "medication" };
        var soft = gold.Select(d => new TrainingDocument(d.Id, d.Text, d.Tokens, d.Tags, labels,
            d.Tags.Select(t => labels.Select(l => l == t ? 0.8f : 0.1f).ToArray()).ToArray())).ToList();
        var dev = SyntheticNotes.Make(8, seed: 6);
        using var student = NewStudent(soft, "soft");
        var result = new StudentTrainer(Fast with { LabelMode = LabelMode.Soft }).Train(student, soft, dev, Path.Combine(dir, "soft-out"));
        Assert.True(result.BestDevF1 > 0.9, $"best dev F1 {result.BestDevF1:F3}");
        // The soft cross-entropy cannot fall below the targets' entropy (about 0.64 nats for 0.8/0.1/0.1).
        Assert.True(result.Epochs[^1].TrainLoss > 0.6, $"final soft loss {result.Epochs[^1].TrainLoss:F3}");
    }

    [Fact]
    public void A_tag_outside_the_students_labels_is_a_clear_error()
    {
        var train = SyntheticNotes.Make(4, seed: 7);
        using var student = DefaultStudent.Create(train.Select(d => d.Text), ["O", "disease"], Path.Combine(dir, "few"), adjust: Tiny);
        var e = Assert.Throws<InvalidDataException>(() => new StudentTrainer(Fast).Train(student, train, [], Path.Combine(dir, "x")));
        Assert.Contains("tag 'medication'", e.Message);
    }
}

using System.CommandLine;
using Distill.Cli.Display;
using Distill.Pipeline;
using Distill.Pipeline.Events;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Pretrained;
using Distill.Students.Training;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill train`: fine-tune a student (a given HF checkpoint, or the small default from scratch) on a JSONL training set.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "training set JSONL (distillation set, or gold documents with spans)", Required = true };
        var dev = new Option<string>("--dev") { Description = "dev set JSONL for per-epoch F1, early stopping and best-checkpoint choice", Required = true };
        var model = new Option<string>("--model")
        {
            Description = $"student to fine-tune: {string.Join(", ", StudentCheckpoint.Names)} or a Hugging Face folder (BERT, BioBERT, Bio_ClinicalBERT)",
            DefaultValueFactory = _ => StudentCheckpoint.Default,
        };
        var output = new Option<string>("--out") { Description = "output folder (HF layout) for the best epoch", DefaultValueFactory = _ => "students/default" };
        var epochs = new Option<int?>("--epochs") { Description = "epochs (default: the student's, see TrainingOptions)" };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "auto" };
        var maxTrainDocs = new Option<int?>("--max-train-docs") { Description = "use only the first N training documents" };
        var labelMode = new Option<LabelMode>("--label-mode") { Description = "hard (IO tags) or soft (label-model probabilities)", DefaultValueFactory = _ => LabelMode.Hard };
        var learningRate = new Option<double?>("--lr") { Description = "peak learning rate (default: TrainingOptions' pretrained rate; 5e-4 from scratch)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "windows per step (default 8)" };
        var maxLength = new Option<int?>("--max-length") { Description = "window length in word pieces (default 512)" };
        var seed = new Option<int?>("--seed") { Description = "random seed (default 42)" };
        var test = new Option<string?>("--test") { Description = "optional test set JSONL: the saved best model's token-level F1 on it is printed after training (and put in its model card)" };
        var keepCheckpoint = new Option<bool>("--keep-checkpoint") { Description = "keep the resume checkpoint (checkpoint-last/, optimizer state included) after the training finished" };
        var command = new Command("train", "Fine-tune a BERT student on word-level labels and save the best epoch in the Hugging Face layout.");
        foreach (var o in new Option[] { train, dev, model, output, epochs, device, maxTrainDocs, labelMode, learningRate, batchSize, maxLength, seed, test, keepCheckpoint })
            command.Options.Add(o);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(output)!;
            var computeDevice = TorchRuntime.ResolveDevice(parse.GetValue(device));
            var source = StudentCheckpoint.Resolve(parse.GetValue(model), ModelsCommand.CacheDirectory);
            var checkpoint = source.Directory;
            var options = source.DefaultTrainingOptions;
            options = options with
            {
                Epochs = parse.GetValue(epochs) ?? options.Epochs,
                LabelMode = parse.GetValue(labelMode),
                LearningRate = parse.GetValue(learningRate) ?? options.LearningRate,
                BatchSize = parse.GetValue(batchSize) ?? options.BatchSize,
                Seed = parse.GetValue(seed) ?? options.Seed,
            };
            options = options.WithWindow(parse.GetValue(maxLength) ?? options.MaxLength);
            StudentStageResult trained;
            using (var display = new ConsoleStageDisplay(AnsiConsole.Console))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                trained = await StudentStage.TrainAsync(new StudentStageRequest(parse.GetValue(train)!, parse.GetValue(dev)!, dir, checkpoint, options, computeDevice,
                    parse.GetValue(maxTrainDocs), parse.GetValue(keepCheckpoint)), display, cancellationToken);
                display.Completed("train", trained, clock, trained.Resumed);
            }
            if (parse.GetValue(test) is { } testPath)
            {
                var testDocs = await TrainingSetReader.ReadAllAsync(testPath, cancellationToken: cancellationToken);
                using var best = StudentModel.Load(dir, out _, device: computeDevice);
                var f1 = StudentTrainer.Evaluate(best, testDocs, options.MaxLength, options.WindowOverlap);
                AnsiConsole.MarkupLine($"Test ({testDocs.Count} documents): token-level P {f1.Precision:F4}, R {f1.Recall:F4}, [bold]F1 {f1.F1:F4}[/] (best epoch's model).");
                ModelCard.Write(dir, trained.Card with
                {
                    DatasetName = Path.GetFileName(testPath),
                    Evaluation =
                    [
                        new ModelCardMetric("token-level F1", "f1", f1.F1, null, null, "test", testDocs.Count),
                        new ModelCardMetric("token-level precision", "precision", f1.Precision, null, null, "test", testDocs.Count),
                        new ModelCardMetric("token-level recall", "recall", f1.Recall, null, null, "test", testDocs.Count),
                    ],
                });
            }
            return 0;
        }, "The last finished epoch is saved in --out (checkpoint-last/); run the same command again to resume.");
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using Distill.Cli.Commands;
using Distill.Corpora;
using Distill.Students;

namespace Distill.Tests.Students;

/// <summary>`distill train` then `distill predict` on a few synthetic notes, through the real command line.</summary>
[Collection(nameof(Distill.Tests.Cli.ConsoleCommandsCollection))]
public sealed class StudentCommandsTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return await root.Parse(args).InvokeAsync();
    }

    static async Task WriteGoldAsync(string path, IEnumerable<Distill.Students.Training.TrainingDocument> docs) =>
        await File.WriteAllLinesAsync(path, docs.Select(d => JsonSerializer.Serialize(new
        {
            id = d.Id,
            text = d.Text,
            spans = IoTagging.Decode(d.Text, d.Tokens, d.Tags).Select(s => new { start = s.Start, end = s.End, type = s.Type, text = s.Text }),
        })));

    [Fact]
    public async Task Train_from_scratch_then_predict_writes_a_model_and_spans()
    {
        var train = Path.Combine(dir, "train.jsonl");
        var dev = Path.Combine(dir, "dev.jsonl");
        await WriteGoldAsync(train, SyntheticNotes.Make(8, seed: 21));
        await WriteGoldAsync(dev, SyntheticNotes.Make(2, seed: 22));
        var model = Path.Combine(dir, "student");

        Assert.Equal(0, await RunAsync("train", "--train", train, "--dev", dev, "--model", "scratch", "--out", model, "--epochs", "1", "--device", "cpu", "--max-length", "64"));

        var provenance = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, StudentModel.ProvenanceFileName))).RootElement;
        Assert.StartsWith("trained from scratch", provenance.GetProperty("origin").GetString());
        Assert.True(File.Exists(Path.Combine(model, "model.safetensors")));

        var notes = Path.Combine(dir, "notes");
        Directory.CreateDirectory(notes);
        await File.WriteAllTextAsync(Path.Combine(notes, "n1.txt"), "she takes insulin for diabetes .");
        var output = Path.Combine(dir, "predicted.jsonl");
        Assert.Equal(0, await RunAsync("predict", "--model", model, "--input", notes, "--out", output, "--device", "cpu"));
        var line = JsonDocument.Parse((await File.ReadAllLinesAsync(output)).Single()).RootElement;
        Assert.Equal("n1", line.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, line.GetProperty("spans").ValueKind);
    }

    [Fact]
    public async Task Train_refuses_bad_or_empty_sets_and_another_run_in_its_folder_with_exit_2()
    {
        var train = Path.Combine(dir, "train.jsonl");
        var dev = Path.Combine(dir, "dev.jsonl");
        var empty = Path.Combine(dir, "empty.jsonl");
        await File.WriteAllTextAsync(empty, "");
        await WriteGoldAsync(dev, SyntheticNotes.Make(2, seed: 22));
        var model = Path.Combine(dir, "student");
        string[] Train(string trainPath, string devPath, params string[] more) =>
            ["train", "--train", trainPath, "--dev", devPath, "--model", "scratch", "--out", model, "--epochs", "1", "--device", "cpu", "--max-length", "64", .. more];

        // Issue 15: [1,2] and "spans": null were stack traces; an empty set trained on nothing or chose its best epoch on nothing.
        await File.WriteAllTextAsync(train, "[1,2]\n");
        Assert.Equal(2, await RunAsync(Train(train, dev)));
        await File.WriteAllTextAsync(train, """{"id":"a","text":"x","spans":null}""" + "\n");
        Assert.Equal(2, await RunAsync(Train(train, dev)));
        Assert.Equal(2, await RunAsync(Train(empty, dev)));
        await WriteGoldAsync(train, SyntheticNotes.Make(6, seed: 21));
        Assert.Equal(2, await RunAsync(Train(train, empty)));
        Assert.Equal(0, await RunAsync(Train(train, empty, "--allow-empty")));

        // Issue 15: another run's folder was resumed, trained 0 epochs and exited 0 with the old model.
        var other = Path.Combine(dir, "other.jsonl");
        await WriteGoldAsync(other, SyntheticNotes.Make(7, seed: 23));
        Assert.Equal(2, await RunAsync(Train(other, dev)));
        Assert.Equal(2, await RunAsync(Train(other, dev, "--resume", "--overwrite")));
        Assert.Equal(0, await RunAsync(Train(other, dev, "--overwrite")));
        var provenance = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, StudentModel.ProvenanceFileName))).RootElement;
        Assert.Contains("\"train_documents\":7", provenance.GetRawText().Replace(" ", ""));
        Assert.Equal(0, await RunAsync(Train(other, dev))); // the same run: resumed (nothing left to train)
    }
}

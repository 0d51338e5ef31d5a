using System.CommandLine;
using System.Text.Json;
using Distill.Cli.Commands;
using Distill.Corpora;
using Distill.Students;

namespace Distill.Tests.Students;

/// <summary>`distill train` then `distill predict` on a few synthetic notes, through the real command line.</summary>
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
}

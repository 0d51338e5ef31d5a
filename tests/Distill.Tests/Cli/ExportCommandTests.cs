using System.CommandLine;
using System.Text.Json;
using Distill.Cli.Commands;
using Distill.Tests.Students.Onnx;

namespace Distill.Tests.Cli;

/// <summary>`distill export` and `distill predict --backend`, invoked in-process on the tiny parity student.</summary>
[Collection(nameof(Distill.Tests.Cli.ConsoleCommandsCollection))]
public sealed class ExportCommandTests : IDisposable
{
    readonly TinyStudentFolder folder = new();

    public void Dispose() => folder.Dispose();

    static Task<int> Run(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root.Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task Export_int8_then_predict_from_the_export_folder()
    {
        var export = Path.Combine(folder.Root, "export");
        Assert.Equal(0, await Run("export", "--model", folder.Path, "--format", "onnx", "--int8", "--out", export));
        Assert.True(File.Exists(Path.Combine(export, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(export, "model_quantized.onnx")));

        var note = Path.Combine(folder.Root, "note.txt");
        await File.WriteAllTextAsync(note, "the patient takes aspirin for asthma .");
        foreach (var backend in new[] { "onnx", "onnx-int8" })
        {
            var output = Path.Combine(folder.Root, $"{backend}.jsonl");
            Assert.Equal(0, await Run("predict", "--model", export, "--input", note, "--out", output, "--backend", backend, "--device", "cpu"));
            var line = JsonDocument.Parse((await File.ReadAllLinesAsync(output)).Single()).RootElement;
            Assert.Equal(JsonValueKind.Array, line.GetProperty("spans").ValueKind);
        }
        // The student folder itself, with the default backend: exported into its onnx/ cache on the way.
        Assert.Equal(0, await Run("predict", "--model", folder.Path, "--input", note, "--out", Path.Combine(folder.Root, "default.jsonl"), "--device", "cpu"));
        Assert.True(File.Exists(Path.Combine(folder.Path, "onnx", "model.onnx")));
    }

    [Fact]
    public async Task Export_triton_writes_a_model_repository()
    {
        var repository = Path.Combine(folder.Root, "models");
        Assert.Equal(0, await Run("export", "--model", folder.Path, "--format", "triton", "--int8", "--name", "tiny", "--out", repository));
        Assert.True(File.Exists(Path.Combine(repository, "tiny", "config.pbtxt")));
        Assert.True(File.Exists(Path.Combine(repository, "tiny", "1", "model.onnx")));
    }

    [Fact]
    public async Task Bad_input_exits_2()
    {
        var empty = Directory.CreateDirectory(Path.Combine(folder.Root, "empty")).FullName;
        Assert.Equal(2, await Run("export", "--model", empty, "--format", "onnx", "--out", Path.Combine(folder.Root, "out")));
        var note = Path.Combine(folder.Root, "note.txt");
        await File.WriteAllTextAsync(note, "aspirin");
        Assert.Equal(2, await Run("predict", "--model", folder.Path, "--input", note, "--backend", "onnx", "--device", "cuda"));
        Assert.Equal(2, await Run("predict", "--model", empty, "--input", note, "--backend", "onnx"));
    }
}

using System.IO.Compression;
using Xunit.Abstractions;
using System.Text.Json.Nodes;
using Distill.Students;
using Distill.Tests.Notebooks;
using Distill.Tests.Students.Checkpoints;

namespace Distill.Tests.Students;

/// <summary>
/// Issue 15's goal: a hostile model directory fails with a clear message within 256 MB of resident memory. The
/// in-process tests check that each one is refused by a check that runs before the large allocation; the last test
/// runs <c>distill predict</c> on each in a child process and reads its exact peak resident set from
/// <c>getrusage(RUSAGE_CHILDREN).ru_maxrss</c> (through Debian's python3), which does not depend on timing.
/// </summary>
public sealed class HostileModelDirectoryTests(ITestOutputHelper log) : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-hostile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>A copy of the tiny BERT directory with its weights replaced and its config edited.</summary>
    string ModelDirectory(string name, Action<string>? writeWeights = null, Action<JsonObject>? editConfig = null)
    {
        var model = Path.Combine(dir, name);
        Directory.CreateDirectory(model);
        foreach (var file in new[] { "config.json", "vocab.txt", "tokenizer_config.json" })
            File.Copy(TinyBert.File(file), Path.Combine(model, file));
        if (writeWeights is null) File.Copy(TinyBert.File("model.safetensors"), Path.Combine(model, "model.safetensors"));
        else writeWeights(Path.Combine(model, "pytorch_model.bin"));
        if (editConfig is not null)
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "config.json")))!.AsObject();
            editConfig(config);
            File.WriteAllText(Path.Combine(model, "config.json"), config.ToJsonString());
        }
        return model;
    }

    const string Embeddings = "bert.embeddings.word_embeddings.weight";

    /// <summary>One float viewed as 16384 x 16384 (issue 15: 2.27 GB), padded past the config's size check with a junk entry.</summary>
    static void StrideZero(string path) =>
        TorchSaveWriter.Zip(path, TorchSaveWriter.Pickle([(Embeddings, new TorchView(0, [16384, 16384], [0, 0], "0", 1))]),
            new Dictionary<string, Action<Stream>> { ["0"] = TorchSaveWriter.Bytes(new byte[4]) },
            extraEntries: new Dictionary<string, byte[]> { ["archive/padding"] = new byte[200_000] });

    /// <summary>512 MiB of deflated zeros whose declared sizes agree with the pickle (issue 15: 1.22 GB before it was rejected).</summary>
    static void ZipBomb(string path) =>
        TorchSaveWriter.Zip(path, TorchSaveWriter.Pickle([(Embeddings, new TorchView(0, [1L << 27], [1], "0", 1L << 27))]),
            new Dictionary<string, Action<Stream>> { ["0"] = TorchSaveWriter.Zeros(512L << 20) }, CompressionLevel.Fastest);

    [Fact]
    public void A_huge_intermediate_size_is_refused_before_the_model_is_built()
    {
        // Issue 15: "intermediate_size": 1e9 tried to allocate 128 GB.
        var model = ModelDirectory("wide", editConfig: c => c["intermediate_size"] = 1_000_000_000);
        var e = Assert.Throws<InvalidDataException>(() => StudentModel.Load(model, out _));
        Assert.Contains("config.json: intermediate_size must be at most 65,536, got 1,000,000,000", e.Message);
    }

    [Fact]
    public void A_config_that_needs_more_bytes_than_the_weights_file_holds_is_refused_before_the_model_is_built()
    {
        var model = ModelDirectory("deep", editConfig: c => c["num_hidden_layers"] = 100);
        var e = Assert.Throws<InvalidDataException>(() => StudentModel.Load(model, out _));
        Assert.Contains("config.json describes an encoder of", e.Message);
        Assert.Contains("config.json and the weights do not belong together", e.Message);
    }

    [Fact]
    public void A_zip_bomb_is_refused_against_the_configs_budget()
    {
        var model = ModelDirectory("bomb", ZipBomb);
        var e = Assert.Throws<InvalidDataException>(() => StudentModel.Load(model, out _));
        Assert.Contains("more than what the model's config allows", e.Message);
    }

    [Fact]
    public void A_stride_zero_view_is_refused()
    {
        var model = ModelDirectory("stride0", StrideZero);
        var e = Assert.Throws<InvalidDataException>(() => StudentModel.Load(model, out _));
        Assert.Contains("views more elements than its 1-element storage", e.Message);
    }

    [Fact]
    public void A_tokenizer_config_of_the_wrong_type_names_the_file_and_field()
    {
        var model = ModelDirectory("tokenizer");
        File.WriteAllText(Path.Combine(model, "tokenizer_config.json"), """{"do_lower_case": "yes"}""");
        var e = Assert.Throws<InvalidDataException>(() => StudentModel.Load(model, out _));
        Assert.Contains("tokenizer_config.json: 'do_lower_case' must be true or false", e.Message);
    }

    [Fact]
    public void Predict_on_each_hostile_directory_exits_2_with_one_line_within_256_MB()
    {
        var models = new (string Name, string Expected)[]
        {
            (ModelDirectory("rss-stride0", StrideZero), "views more elements"),
            (ModelDirectory("rss-bomb", ZipBomb), "more than what the model's config allows"),
            (ModelDirectory("rss-wide", editConfig: c => c["intermediate_size"] = 1_000_000_000), "intermediate_size must be at most"),
            (ModelDirectory("rss-deep", editConfig: c => c["num_hidden_layers"] = 100), "do not belong together"),
        };
        var note = Path.Combine(dir, "note.txt");
        File.WriteAllText(note, "pain in the chest");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var tool = Path.Combine(AppContext.BaseDirectory, "distill.dll");
        const string measure = """
            import resource, subprocess, sys
            r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
            print(r.returncode)
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            print(r.stderr)
            """;
        foreach (var (model, expected) in models)
        {
            var (code, output, error) = Run(DebianPython.Executable, ["-c", measure, dotnet, tool, "predict", "--model", model, "--input", note, "--device", "cpu"]);
            Assert.True(code == 0, $"python failed: {error}");
            var lines = output.Split('\n');
            var (exit, peakKb, stderr) = (int.Parse(lines[0]), long.Parse(lines[1]), string.Join('\n', lines.Skip(2)));
            Assert.True(exit == 2, $"{model}: exit {exit}\n{stderr}");
            Assert.Contains(expected, stderr);
            Assert.DoesNotContain("   at ", stderr); // no stack trace
            log.WriteLine($"{Path.GetFileName(model)}: exit {exit}, peak resident {peakKb / 1024} MB: {stderr.Trim().Split('\n')[^1]}");
            Assert.True(peakKb < 256 * 1024, $"{model}: peak resident memory {peakKb / 1024} MB");
        }
    }

    /// <summary>Runs a process to its end and returns everything it wrote (it starts no lingering children, so reading to the end is safe).</summary>
    static (int ExitCode, string Output, string Error) Run(string executable, IEnumerable<string> arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{executable} did not finish within 2 minutes");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

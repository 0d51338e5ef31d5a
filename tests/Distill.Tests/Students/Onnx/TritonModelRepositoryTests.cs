using System.Text.RegularExpressions;
using Distill.Students.Onnx;
using Google.Protobuf;

namespace Distill.Tests.Students.Onnx;

/// <summary>
/// The repository against Triton's documented layout (model_repository.md, model_configuration.md):
/// &lt;repo&gt;/&lt;name&gt;/config.pbtxt with the model's name, platform onnxruntime_onnx, max_batch_size &gt; 0 (so dims
/// omit the batch axis), every graph input and output with its data type and -1 for the dynamic axis, dynamic
/// batching on; numeric version folders holding model.onnx (the backend's default_model_filename).
/// </summary>
public sealed class TritonModelRepositoryTests : IDisposable
{
    readonly string repository = Directory.CreateTempSubdirectory("distill-triton-").FullName;

    public void Dispose() => Directory.Delete(repository, recursive: true);

    [Fact]
    public void Writes_config_pbtxt_and_a_numbered_version_with_model_onnx_as_Triton_documents()
    {
        using var model = RandomBert.Model(RandomBert.Config(labels: 3));
        var graph = BertOnnxGraph.Build(model);
        var folder = TritonModelRepository.Write(repository, "ner_student", graph, ["O", "disease", "drug"], maxBatchSize: 16);

        Assert.Equal(Path.Combine(repository, "ner_student"), folder);
        Assert.Equal(["1"], Directory.GetDirectories(folder).Select(Path.GetFileName));
        Assert.True(Directory.GetDirectories(folder).All(d => int.TryParse(Path.GetFileName(d), out var v) && v > 0), "version folders are positive integers");
        Assert.Equal(["model.onnx"], Directory.GetFiles(Path.Combine(folder, "1")).Select(Path.GetFileName));
        Assert.Equal(graph.ToByteArray(), File.ReadAllBytes(Path.Combine(folder, "1", "model.onnx")));
        Assert.Equal("O\ndisease\ndrug\n", File.ReadAllText(Path.Combine(folder, "labels.txt")));

        var config = File.ReadAllText(Path.Combine(folder, "config.pbtxt"));
        Assert.Matches(new Regex("^name: \"ner_student\"$", RegexOptions.Multiline), config);      // must equal the folder name
        Assert.Matches(new Regex("^platform: \"onnxruntime_onnx\"$", RegexOptions.Multiline), config);
        Assert.Matches(new Regex("^max_batch_size: 16$", RegexOptions.Multiline), config);
        Assert.Matches(new Regex(@"^dynamic_batching \{.*\}$", RegexOptions.Multiline), config);
        // Every input and output of the graph, in Triton's types, without the batch axis, the sequence axis -1.
        var entries = Regex.Matches(config, @"\{ name: ""(?<name>[^""]+)"" data_type: (?<type>TYPE_\w+) dims: \[ (?<dims>[^\]]+) \]").ToArray();
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids", "logits"], entries.Select(m => m.Groups["name"].Value));
        Assert.All(entries.Take(3), m => Assert.Equal(("TYPE_INT64", "-1"), (m.Groups["type"].Value, m.Groups["dims"].Value.Trim())));
        Assert.Equal(("TYPE_FP32", "-1, 3"), (entries[3].Groups["type"].Value, entries[3].Groups["dims"].Value.Trim()));
        Assert.Equal(graph.Graph.Input.Select(i => i.Name), entries.Take(3).Select(m => m.Groups["name"].Value));
        Assert.Contains("label_filename: \"labels.txt\"", config);
        // Balanced braces and brackets: the text format parses.
        Assert.Equal(config.Count(c => c == '{'), config.Count(c => c == '}'));
        Assert.Equal(config.Count(c => c == '['), config.Count(c => c == ']'));

        // The graph in the version folder runs with the shapes the config promises: any batch up to 16, any length.
        using var session = OnnxStudentSession.Open(Path.Combine(folder, "1", "model.onnx"));
        var (ids, mask, types) = RandomBert.Batch(97, 11, [11, 4], seed: 1);
        Assert.Equal(2 * 11 * 3, session.Run(ids, mask, types, 2, 11).Length);
    }

    [Fact]
    public void A_label_count_that_does_not_match_the_graph_is_refused()
    {
        using var model = RandomBert.Model(RandomBert.Config(labels: 3));
        Assert.Throws<ArgumentException>(() => TritonModelRepository.Write(repository, "m", BertOnnxGraph.Build(model), ["O", "disease"]));
        Assert.Throws<ArgumentException>(() => TritonModelRepository.Write(repository, "../m", BertOnnxGraph.Build(model), ["O", "a", "b"]));
    }
}

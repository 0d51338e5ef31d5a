using Distill.Students;
using Distill.Students.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Onnx;

/// <summary>The exported graph run by ONNX Runtime against the TorchSharp forward it mirrors (issue 16: to 1e-4).</summary>
public sealed class BertOnnxGraphTests(ITestOutputHelper output)
{
    [Fact]
    public void Logits_equal_TorchSharp_and_PyTorch_on_the_tiny_parity_checkpoint_with_padding()
    {
        using var student = StudentModel.Load(TinyBert.Directory, out _);
        using var session = RandomBert.Session(BertOnnxGraph.Build(student.Model));
        var (ids, mask, types, expected) = TinyBert.Expected();
        var (b, t) = ((int)ids.shape[0], (int)ids.shape[1]);
        Assert.Contains(0L, mask.data<long>().ToArray()); // the fixture's second row is padded

        var ort = session.Run(ids.data<long>().ToArray(), mask.data<long>().ToArray(), types.data<long>().ToArray(), b, t);
        var torchLogits = RandomBert.TorchLogits(student.Model, ids.data<long>().ToArray(), mask.data<long>().ToArray(), types.data<long>().ToArray(), b, t);
        var vsTorch = RandomBert.MaxAbsDiff(ort, torchLogits);
        var vsPyTorch = RandomBert.MaxAbsDiff(ort, expected.data<float>().ToArray());
        output.WriteLine($"tiny-bert: max |ORT - TorchSharp| = {vsTorch:E2}, max |ORT - PyTorch reference| = {vsPyTorch:E2}");
        Assert.True(vsTorch < 1e-4, $"max |ORT - TorchSharp| = {vsTorch:E2}");
        Assert.True(vsPyTorch < 1e-4, $"max |ORT - PyTorch| = {vsPyTorch:E2}");
    }

    [Theory]
    [InlineData("gelu")]
    [InlineData("gelu_new")]
    [InlineData("relu")]
    public void Logits_equal_TorchSharp_on_a_random_BERT_with_padding(string act)
    {
        var config = RandomBert.Config(act, layers: 3);
        using var model = RandomBert.Model(config);
        using var session = RandomBert.Session(BertOnnxGraph.Build(model));
        int[] lengths = [23, 9, 1, 17];
        var (ids, mask, types) = RandomBert.Batch(config.VocabSize, 23, lengths, seed: 3);
        var ort = session.Run(ids, mask, types, lengths.Length, 23);
        var torchLogits = RandomBert.TorchLogits(model, ids, mask, types, lengths.Length, 23);
        var diff = RandomBert.MaxAbsDiff(ort, torchLogits);
        var scale = torchLogits.Max(Math.Abs);
        output.WriteLine($"{act}: max |ORT - TorchSharp| = {diff:E2} (logits up to {scale:F2})");
        Assert.True(scale > 1, $"the random model's logits are too small to test anything ({scale:E2})");
        Assert.True(diff < 1e-4, $"max |ORT - TorchSharp| = {diff:E2}");
    }

    [Fact]
    public void Batch_and_sequence_axes_are_dynamic_in_one_session()
    {
        var config = RandomBert.Config();
        using var model = RandomBert.Model(config, seed: 9);
        using var session = RandomBert.Session(BertOnnxGraph.Build(model));
        foreach (var (lengths, t) in new[] { (new[] { 5, 3 }, 5), (new[] { 40, 40, 12 }, 40), (new[] { 1 }, 1) })
        {
            var (ids, mask, types) = RandomBert.Batch(config.VocabSize, t, lengths, seed: t);
            var ort = session.Run(ids, mask, types, lengths.Length, t);
            Assert.Equal(lengths.Length * t * config.Id2Label.Count, ort.Length);
            var diff = RandomBert.MaxAbsDiff(ort, RandomBert.TorchLogits(model, ids, mask, types, lengths.Length, t));
            Assert.True(diff < 1e-4, $"{lengths.Length} x {t}: max |ORT - TorchSharp| = {diff:E2}");
        }
    }

    [Fact]
    public void Graph_declares_the_Optimum_inputs_and_output_with_dynamic_axes_and_opset_at_least_14()
    {
        using var model = RandomBert.Model(RandomBert.Config(labels: 3));
        var graph = BertOnnxGraph.Build(model);
        Assert.True(graph.OpsetImport.Single(o => o.Domain == "").Version >= 14);
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], graph.Graph.Input.Select(i => i.Name));
        foreach (var input in graph.Graph.Input)
        {
            Assert.Equal((int)global::Onnx.TensorProto.Types.DataType.Int64, input.Type.TensorType.ElemType);
            Assert.Equal(["batch_size", "sequence_length"], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        }
        var logits = graph.Graph.Output.Single();
        Assert.Equal("logits", logits.Name);
        Assert.Equal("batch_size", logits.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal("sequence_length", logits.Type.TensorType.Shape.Dim[1].DimParam);
        Assert.Equal(3, logits.Type.TensorType.Shape.Dim[2].DimValue);
        // No node of any other domain: the float graph is plain ONNX, runnable beyond ORT.
        Assert.All(graph.Graph.Node, n => Assert.Equal("", n.Domain));
    }
}

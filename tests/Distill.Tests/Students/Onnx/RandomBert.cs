using Distill.Students.Modeling;
using Distill.Students.Onnx;
using Google.Protobuf;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Onnx;

/// <summary>
/// Small BERTs with every weight drawn at a scale that makes the logits large and varied (HF's 0.02 init gives
/// near-zero logits, which would make a parity test trivially pass), and padded batches to run them on.
/// </summary>
internal static class RandomBert
{
    public static BertConfig Config(string act = "gelu", int layers = 2, int hidden = 48, int heads = 4, int labels = 5) => new BertConfig
    {
        VocabSize = 97, HiddenSize = hidden, NumHiddenLayers = layers, NumAttentionHeads = heads, IntermediateSize = 4 * hidden,
        MaxPositionEmbeddings = 64, HiddenAct = act, LayerNormEps = 1e-7,
    }.WithLabels(Enumerable.Range(0, labels).Select(i => i == 0 ? "O" : $"type{i}").ToArray());

    public static BertForTokenClassification Model(BertConfig config, int seed = 7)
    {
        manual_seed(seed);
        var model = new BertForTokenClassification(config);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.Contains("LayerNorm.weight", StringComparison.Ordinal)) p.uniform_(0.5, 1.5);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) p.normal_(0, 0.1);
            else p.normal_(0, 1.0 / Math.Sqrt(p.shape[^1]));
        }
        model.eval();
        return model;
    }

    /// <summary>(B, T) ids, mask and token types: row b holds <paramref name="lengths"/>[b] tokens, then padding (id 0, mask 0).</summary>
    public static (long[] Ids, long[] Mask, long[] Types) Batch(int vocab, int length, int[] lengths, int seed)
    {
        var random = new Random(seed);
        var (ids, mask, types) = (new long[lengths.Length * length], new long[lengths.Length * length], new long[lengths.Length * length]);
        for (var b = 0; b < lengths.Length; b++)
            for (var t = 0; t < lengths[b]; t++)
            {
                ids[b * length + t] = random.Next(1, vocab);
                mask[b * length + t] = 1;
                types[b * length + t] = t >= lengths[b] / 2 ? 1 : 0;
            }
        return (ids, mask, types);
    }

    /// <summary>TorchSharp's eval-mode logits for a batch, row-major (B, T, labels).</summary>
    public static float[] TorchLogits(BertForTokenClassification model, long[] ids, long[] mask, long[] types, int batch, int length)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.forward(tensor(ids, [batch, length]), tensor(mask, [batch, length]), tensor(types, [batch, length]));
        return logits.contiguous().data<float>().ToArray();
    }

    public static OnnxStudentSession Session(global::Onnx.ModelProto graph) => OnnxStudentSession.Open(graph.ToByteArray(), "test graph");

    public static double MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();
    }

    /// <summary>Argmax over the last axis of row-major (N, labels) values.</summary>
    public static int[] Argmax(float[] logits, int labels) =>
        Enumerable.Range(0, logits.Length / labels).Select(i =>
        {
            var row = logits.AsSpan(i * labels, labels);
            var best = 0;
            for (var j = 1; j < labels; j++) if (row[j] > row[best]) best = j;
            return best;
        }).ToArray();
}

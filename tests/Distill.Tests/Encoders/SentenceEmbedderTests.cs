using Distill.Encoders;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System.Numerics.Tensors;

namespace Distill.Tests.Encoders;

public sealed class SentenceEmbedderTests
{
    static float Cosine(float[] a, float[] b) => TensorPrimitives.Dot(a, b); // unit vectors

    [Theory]
    [InlineData("minilm")]     // mean pooling
    [InlineData("arctic-xs")]  // [CLS] pooling
    public void Pooled_vectors_equal_the_pooled_onnx_runtime_hidden_states_computed_by_hand(string name)
    {
        var encoder = PretrainedEncoders.Find(name)!;
        var files = TestEncoders.Files(encoder);
        string[] texts = ["heart attack", "A much longer sentence about myocardial infarction and its treatment."];
        using var embedder = new SentenceEmbedder(files);
        var actual = embedder.Embed(texts); // (2, 384)

        // By hand: one padded batch through ONNX Runtime, then the pooling sentence-transformers applies.
        var ids = texts.Select(embedder.Tokenize).ToArray();
        int b = ids.Length, t = ids.Max(x => x.Length), d = embedder.Dimension;
        var inputIds = new long[b * t];
        var mask = new long[b * t];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < ids[i].Length; j++) (inputIds[i * t + j], mask[i * t + j]) = (ids[i][j], 1);
        using var session = new InferenceSession(files.ModelPath);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(inputIds, [b, t])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [b, t])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[b * t], [b, t])),
        ]);
        var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>(); // (B, T, D)
        for (var i = 0; i < b; i++)
        {
            var expected = new double[d];
            var count = 0;
            for (var j = 0; j < t; j++)
            {
                if (mask[i * t + j] == 0) continue;
                if (encoder.Pooling == SentencePooling.Cls && j > 0) break;
                count++;
                for (var h = 0; h < d; h++) expected[h] += hidden[i, j, h];
            }
            var norm = Math.Sqrt(expected.Sum(x => (x / count) * (x / count)));
            for (var h = 0; h < d; h++)
                Assert.True(Math.Abs(expected[h] / count / norm - actual[i * d + h]) < 1e-5, $"text {i}, component {h}: {expected[h] / count / norm} vs {actual[i * d + h]}");
        }
    }

    [Fact]
    public void Similar_meanings_are_closer_than_unrelated_ones()
    {
        using var embedder = new SentenceEmbedder(TestEncoders.MiniLm);
        var heartAttack = embedder.Embed("heart attack");
        Assert.True(Cosine(heartAttack, embedder.Embed("myocardial infarction")) > Cosine(heartAttack, embedder.Embed("car accident")));
        var breastCancer = embedder.Embed("breast cancer");
        Assert.True(Cosine(breastCancer, embedder.Embed("carcinoma of the breast")) > Cosine(breastCancer, embedder.Embed("breast feeding")));
    }

    [Fact]
    public void A_texts_vector_does_not_depend_on_its_batch_or_padding()
    {
        using var embedder = new SentenceEmbedder(TestEncoders.MiniLm, new SentenceEmbedderOptions { BatchSize = 8 });
        var alone = embedder.Embed("gout");
        // In one batch with longer texts, "gout" is padded to the longest of them.
        var batch = embedder.Embed(["a long sentence that makes everyone else in the batch padded", "gout", "cystic fibrosis of the pancreas"]);
        var d = embedder.Dimension;
        for (var h = 0; h < d; h++) Assert.True(Math.Abs(alone[h] - batch[d + h]) < 1e-5, $"component {h}: {alone[h]} vs {batch[d + h]}");
        Assert.Equal(1.0, TensorPrimitives.Norm(alone), 5);
        Assert.Equal(4, embedder.TextsEncoded);
    }

    [Fact]
    public void Texts_are_cut_at_the_stated_length_and_parallel_batches_give_the_same_vectors()
    {
        using var embedder = new SentenceEmbedder(TestEncoders.MiniLm, new SentenceEmbedderOptions { MaxTokens = 8, BatchSize = 2 });
        var ids = embedder.Tokenize("one two three four five six seven eight nine ten");
        Assert.Equal(8, ids.Length);
        Assert.Equal((101, 102), (ids[0], ids[^1])); // [CLS] ... [SEP]
        string[] texts = ["gout", "type 2 diabetes", "breast cancer", "asthma", "renal cell carcinoma"];
        Assert.Equal(embedder.Embed(texts), embedder.Embed(texts, parallelism: 3));
    }

    [Fact]
    public void Bad_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SentenceEmbedder(TestEncoders.MiniLm, new SentenceEmbedderOptions { MaxTokens = 2 }));
        Assert.Equal("MaxTokens", error.ParamName);
    }
}

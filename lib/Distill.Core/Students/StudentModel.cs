using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.IO;
using Distill.Students.Checkpoints;
using Distill.Students.Modeling;
using Distill.Students.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Students;

/// <summary>
/// A student: the BERT token classifier, its word-piece encoder, and where they came from. Loaded from
/// and saved to a Hugging Face model directory (config.json with id2label/label2id, model.safetensors or
/// pytorch_model.bin, vocab.txt, tokenizer_config.json), so Python transformers can load what we train.
/// </summary>
public sealed class StudentModel : IDisposable
{
    /// <summary>File written next to the HF files, describing how the student was made.</summary>
    public const string ProvenanceFileName = "distill_student.json";

    public StudentModel(BertForTokenClassification model, WordPieceEncoder encoder, string origin)
    {
        Model = model;
        Encoder = encoder;
        Origin = origin;
    }

    public BertForTokenClassification Model { get; }

    public WordPieceEncoder Encoder { get; }

    public BertConfig Config => Model.Config;

    public IReadOnlyList<string> Labels => Model.Labels;

    /// <summary>Plain words on where the weights came from, e.g. "trained from scratch (no pretrained checkpoint)".</summary>
    public string Origin { get; }

    /// <summary>The longest input the model takes ([CLS] and [SEP] included).</summary>
    public int MaxLength => Math.Min(512, Config.MaxPositionEmbeddings);

    /// <summary>
    /// Loads a model directory onto <paramref name="device"/>. With <paramref name="labels"/> the classifier
    /// gets those classes; it keeps the checkpoint's head only when the checkpoint has the same labels
    /// in the same order, otherwise the head is fresh and <paramref name="report"/> says so.
    /// </summary>
    public static StudentModel Load(string directory, out CheckpointLoadReport report, IReadOnlyList<string>? labels = null, Device? device = null)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        var configPath = Path.Combine(directory, "config.json");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"'{directory}' has no config.json: not a Hugging Face model directory.", configPath);
        var stored = BertConfig.Load(configPath);
        var storedLabels = stored.Labels();
        var wanted = labels ?? storedLabels;
        if (wanted.Count == 0)
            throw new InvalidDataException($"{configPath} has no id2label, so the classes are unknown; pass the labels to train with.");
        var sameLabels = storedLabels.SequenceEqual(wanted, StringComparer.Ordinal);
        var headReason = storedLabels.Count == 0 ? "a base encoder: the checkpoint has no classifier"
            : $"the checkpoint's labels [{string.Join(", ", storedLabels)}] differ from [{string.Join(", ", wanted)}]";
        var config = stored.WithLabels(wanted);

        var vocabPath = Path.Combine(directory, "vocab.txt");
        var encoder = new WordPieceEncoder(vocabPath, ReadLowerCase(directory));
        if (encoder.VocabularySize != config.VocabSize)
            throw new InvalidDataException($"{vocabPath} has {encoder.VocabularySize} tokens but config.json says vocab_size {config.VocabSize}.");

        var model = new BertForTokenClassification(config);
        using (var checkpoint = ReadWeights(directory))
            report = StateDictLoader.Load(model, checkpoint, loadHead: sameLabels,
                headMismatchReason: sameLabels ? null : headReason);
        if (device is not null && device.type != TorchSharp.DeviceType.CPU) model.to(device);
        var origin = ReadOrigin(directory) ?? $"fine-tuned from {Path.GetFullPath(directory)}";
        return new StudentModel(model, encoder, origin);
    }

    /// <summary>The weights file of a directory: model.safetensors, else pytorch_model.bin.</summary>
    public static CheckpointTensors ReadWeights(string directory)
    {
        var safetensors = Path.Combine(directory, "model.safetensors");
        if (File.Exists(safetensors)) return SafetensorsFile.Read(safetensors);
        var bin = Path.Combine(directory, "pytorch_model.bin");
        if (File.Exists(bin)) return PytorchCheckpointFile.Read(bin);
        if (File.Exists(Path.Combine(directory, "model.safetensors.index.json")) || File.Exists(Path.Combine(directory, "pytorch_model.bin.index.json")))
            throw new NotSupportedException($"'{directory}' holds a sharded checkpoint; BERT-sized students are single files (merge the shards first).");
        throw new FileNotFoundException($"'{directory}' has neither model.safetensors nor pytorch_model.bin.");
    }

    /// <summary>tokenizer_config.json's do_lower_case (true when absent, HF BertTokenizer's default).</summary>
    internal static bool ReadLowerCase(string directory)
    {
        var path = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(path)) return true; // HF BertTokenizer's default
        var node = JsonNode.Parse(File.ReadAllText(path));
        return node?["do_lower_case"]?.GetValue<bool>() ?? true;
    }

    internal static string? ReadOrigin(string directory)
    {
        var path = Path.Combine(directory, ProvenanceFileName);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["origin"]?.GetValue<string>() : null;
    }

    /// <summary>
    /// Saves in the Hugging Face layout. Each file goes through temp + rename, so an interrupted save
    /// leaves the previous complete files. <paramref name="provenance"/> is written to distill_student.json.
    /// </summary>
    public void Save(string directory, IReadOnlyDictionary<string, object?>? provenance = null)
    {
        Directory.CreateDirectory(directory);
        SafetensorsFile.Write(Path.Combine(directory, "model.safetensors"), Model.state_dict().Select(p => (p.Key, p.Value)));
        Config.Save(Path.Combine(directory, "config.json"));
        AtomicFile.WriteAllText(Path.Combine(directory, "vocab.txt"), string.Join('\n', Encoder.Vocabulary) + "\n");
        var indented = new JsonSerializerOptions { WriteIndented = true };
        AtomicFile.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = Encoder.LowerCase,
            ["model_max_length"] = MaxLength,
            ["unk_token"] = "[UNK]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["cls_token"] = "[CLS]", ["mask_token"] = "[MASK]",
        }, indented));
        AtomicFile.WriteAllText(Path.Combine(directory, "special_tokens_map.json"), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["unk_token"] = "[UNK]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["cls_token"] = "[CLS]", ["mask_token"] = "[MASK]",
        }, indented));
        var info = new Dictionary<string, object?> { ["origin"] = Origin };
        foreach (var (k, v) in provenance ?? new Dictionary<string, object?>()) info[k] = v;
        AtomicFile.WriteAllText(Path.Combine(directory, ProvenanceFileName), JsonSerializer.Serialize(info, indented));
    }

    public void Dispose() => Model.Dispose();
}

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
        // A save that a kill interrupted after committing its files is finished first, so config, weights and
        // provenance all come from the same epoch.
        FolderSwap.FinishInterrupted(directory);
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

        // Before the model is built (its constructor allocates every parameter) and before any weight is read, the config
        // must fit the weights file: a 1 KB checkpoint with "intermediate_size": 1000000000 tried to allocate 128 GB (issue 15).
        var weightsPath = WeightsPath(directory);
        var encoderParameters = config.EncoderParameterCount();
        var fileBytes = new FileInfo(weightsPath).Length;
        if (fileBytes < encoderParameters * 2)
            throw new InvalidDataException(
                $"{configPath} describes an encoder of {encoderParameters:N0} parameters, at least {encoderParameters * 2:N0} bytes even in 16-bit floats, " +
                $"but {weightsPath} has {fileBytes:N0} bytes: config.json and the weights do not belong together (or the file is truncated).");
        // Pre-training heads a token classifier ignores (cls.predictions: V x H decoder and V bias, H x H transform; the pooler).
        var unused = (long)config.VocabSize * config.HiddenSize + 2L * config.HiddenSize * config.HiddenSize + config.VocabSize + 8L * config.HiddenSize;
        var limits = CheckpointReadLimits.ForModel(config.ParameterCount(wanted.Count), unused);

        var model = new BertForTokenClassification(config);
        using (var checkpoint = ReadWeights(directory, limits))
            report = StateDictLoader.Load(model, checkpoint, loadHead: sameLabels,
                headMismatchReason: sameLabels ? null : headReason);
        if (device is not null && device.type != TorchSharp.DeviceType.CPU) model.to(device);
        var origin = ReadOrigin(directory) ?? $"fine-tuned from {Path.GetFullPath(directory)}";
        return new StudentModel(model, encoder, origin);
    }

    /// <summary>The weights file of a directory: model.safetensors, else pytorch_model.bin.</summary>
    public static CheckpointTensors ReadWeights(string directory) => ReadWeights(directory, null);

    /// <summary>The weights file of a directory, read within <paramref name="limits"/> (see <see cref="CheckpointReadLimits"/>).</summary>
    public static CheckpointTensors ReadWeights(string directory, CheckpointReadLimits? limits)
    {
        var path = WeightsPath(directory);
        return path.EndsWith(".safetensors", StringComparison.Ordinal) ? SafetensorsFile.Read(path, limits) : PytorchCheckpointFile.Read(path, limits);
    }

    static string WeightsPath(string directory)
    {
        var safetensors = Path.Combine(directory, "model.safetensors");
        if (File.Exists(safetensors)) return safetensors;
        var bin = Path.Combine(directory, "pytorch_model.bin");
        if (File.Exists(bin)) return bin;
        if (File.Exists(Path.Combine(directory, "model.safetensors.index.json")) || File.Exists(Path.Combine(directory, "pytorch_model.bin.index.json")))
            throw new NotSupportedException($"'{directory}' holds a sharded checkpoint; BERT-sized students are single files (merge the shards first).");
        throw new FileNotFoundException($"'{directory}' has neither model.safetensors nor pytorch_model.bin.");
    }

    /// <summary>tokenizer_config.json's do_lower_case (true when absent, HF BertTokenizer's default).</summary>
    internal static bool ReadLowerCase(string directory)
    {
        var path = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(path)) return true; // HF BertTokenizer's default
        return ReadJsonField(path, "do_lower_case") switch
        {
            null => true,
            JsonValue v when v.TryGetValue<bool>(out var lower) => lower,
            var other => throw new InvalidDataException($"{path}: 'do_lower_case' must be true or false, got {other.ToJsonString()}."),
        };
    }

    internal static string? ReadOrigin(string directory)
    {
        var path = Path.Combine(directory, ProvenanceFileName);
        if (!File.Exists(path)) return null;
        return ReadJsonField(path, "origin") switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var origin) => origin,
            var other => throw new InvalidDataException($"{path}: 'origin' must be a string, got {other.ToJsonString()}."),
        };
    }

    /// <summary>One field of a small JSON object file; a file that is not a JSON object is an error naming it.</summary>
    static JsonNode? ReadJsonField(string path, string field)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject obj
                ? obj[field]
                : throw new InvalidDataException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
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

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Distill.IO;

namespace Distill.Students.Modeling;

/// <summary>
/// The architecture of a BERT encoder, read from and written to a Hugging Face <c>config.json</c>
/// (property names are the JSON keys of <c>transformers.BertConfig</c>). The defaults reproduce
/// bert-base-uncased, like <c>configuration_bert.py</c>.
/// </summary>
public sealed record BertConfig
{
    /// <summary>Word-piece vocabulary size (bert-base-uncased: 30522).</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;

    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;

    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 12;

    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;

    /// <summary>Width of the feed-forward layer (4 x hidden in every published BERT).</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;

    /// <summary>"gelu" is the exact erf form HF uses for BERT; "gelu_new"/"gelu_pytorch_tanh" the tanh one; "relu" also works.</summary>
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";

    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;

    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionProbsDropoutProb { get; init; } = 0.1;

    /// <summary>Longest input the position table covers; windows are cut to fit it.</summary>
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;

    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;

    /// <summary>Standard deviation of the normal initialisation of fresh weights.</summary>
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;

    /// <summary>BERT's 1e-12, not PyTorch's 1e-5 default: logits differ measurably otherwise.</summary>
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;

    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; } = 0;

    /// <summary>Only "absolute" is implemented (the BERT, BioBERT and ClinicalBERT checkpoints all use it).</summary>
    [JsonPropertyName("position_embedding_type")] public string PositionEmbeddingType { get; init; } = "absolute";

    /// <summary>Dropout before the classifier; null means <see cref="HiddenDropoutProb"/> (as in HF).</summary>
    [JsonPropertyName("classifier_dropout")] public double? ClassifierDropout { get; init; }

    /// <summary>Label names by class index; empty for a base encoder checkpoint.</summary>
    [JsonPropertyName("id2label")] public IReadOnlyDictionary<string, string> Id2Label { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";

    /// <summary>The small default student trained from scratch when no checkpoint is given (issue 7): 4 layers, 256 hidden, 4 heads.</summary>
    public static BertConfig SmallDefault(int vocabSize) => new()
    {
        VocabSize = vocabSize,
        HiddenSize = 256,
        NumHiddenLayers = 4,
        NumAttentionHeads = 4,
        IntermediateSize = 1024,
    };

    /// <summary>The label names in class-index order (from <see cref="Id2Label"/>).</summary>
    public IReadOnlyList<string> Labels()
    {
        var labels = new string[Id2Label.Count];
        foreach (var (key, value) in Id2Label)
        {
            if (!int.TryParse(key, out var index) || index < 0 || index >= labels.Length || labels[index] is not null)
                throw new InvalidDataException($"config.json: id2label key '{key}' is not one of the indices 0..{labels.Length - 1} (each once).");
            labels[index] = value;
        }
        return labels;
    }

    /// <summary>The same config with these labels as the classifier's classes.</summary>
    public BertConfig WithLabels(IReadOnlyList<string> labels) =>
        this with { Id2Label = labels.Select((l, i) => (l, i)).ToDictionary(p => p.i.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.l) };

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first setting that cannot build a model.</summary>
    public BertConfig Validate(string source = "config")
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new InvalidDataException($"{source}: {what}");
        }
        // Upper limits far above any published BERT (bert-large: 1024 hidden, 24 layers, 4096 intermediate), so a hostile
        // config.json cannot make the model's constructor allocate gigabytes before a weight is read (issue 15).
        Require(VocabSize > 0 && VocabSize <= MaxVocabSize, $"vocab_size must be in 1..{MaxVocabSize:N0}, got {VocabSize:N0}.");
        Require(HiddenSize <= MaxHiddenSize, $"hidden_size must be at most {MaxHiddenSize:N0}, got {HiddenSize:N0}.");
        Require(NumHiddenLayers <= MaxLayers, $"num_hidden_layers must be at most {MaxLayers}, got {NumHiddenLayers:N0}.");
        Require(IntermediateSize <= MaxIntermediateSize, $"intermediate_size must be at most {MaxIntermediateSize:N0}, got {IntermediateSize:N0}.");
        Require(MaxPositionEmbeddings <= MaxPositions, $"max_position_embeddings must be at most {MaxPositions:N0}, got {MaxPositionEmbeddings:N0}.");
        Require(TypeVocabSize <= MaxTypeVocabSize, $"type_vocab_size must be at most {MaxTypeVocabSize}, got {TypeVocabSize:N0}.");
        Require(Id2Label.Count <= MaxLabels, $"id2label has {Id2Label.Count:N0} labels, more than {MaxLabels:N0}.");
        Require(double.IsFinite(HiddenDropoutProb) && HiddenDropoutProb is >= 0 and < 1, $"hidden_dropout_prob must be in [0, 1), got {HiddenDropoutProb}.");
        Require(double.IsFinite(AttentionProbsDropoutProb) && AttentionProbsDropoutProb is >= 0 and < 1, $"attention_probs_dropout_prob must be in [0, 1), got {AttentionProbsDropoutProb}.");
        Require(double.IsFinite(LayerNormEps) && LayerNormEps > 0, $"layer_norm_eps must be positive, got {LayerNormEps}.");
        Require(ParameterCount(Math.Max(1, Id2Label.Count)) <= MaxParameters,
            $"the architecture has {ParameterCount(Math.Max(1, Id2Label.Count)):N0} parameters, more than {MaxParameters:N0} (4 GB in float32).");
        Require(HiddenSize > 0 && NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0,
            $"hidden_size ({HiddenSize}) must be a positive multiple of num_attention_heads ({NumAttentionHeads}).");
        Require(NumHiddenLayers > 0, $"num_hidden_layers must be positive, got {NumHiddenLayers}.");
        Require(IntermediateSize > 0, $"intermediate_size must be positive, got {IntermediateSize}.");
        Require(MaxPositionEmbeddings > 2, $"max_position_embeddings must be > 2, got {MaxPositionEmbeddings}.");
        Require(TypeVocabSize > 0, $"type_vocab_size must be positive, got {TypeVocabSize}.");
        Require(HiddenAct is "gelu" or "gelu_new" or "gelu_pytorch_tanh" or "relu",
            $"hidden_act '{HiddenAct}' is not supported; expected gelu, gelu_new, gelu_pytorch_tanh or relu.");
        Require(PositionEmbeddingType == "absolute", $"position_embedding_type '{PositionEmbeddingType}' is not supported; only 'absolute'.");
        Require(ModelType == "bert", $"model_type '{ModelType}' is not a BERT model (expected 'bert').");
        Require(PadTokenId >= 0 && PadTokenId < VocabSize, $"pad_token_id {PadTokenId} is outside the vocabulary (size {VocabSize}).");
        _ = Labels();
        return this;
    }

    /// <summary>Largest vocabulary accepted (multilingual BERTs have ~120k; 1M leaves room).</summary>
    public const int MaxVocabSize = 1_000_000;
    public const int MaxHiddenSize = 8192;
    public const int MaxLayers = 128;
    public const int MaxIntermediateSize = 65_536;
    public const int MaxPositions = 65_536;
    public const int MaxTypeVocabSize = 1024;
    public const int MaxLabels = 10_000;
    /// <summary>One billion parameters (4 GB of float32): over twice bert-large, far over a clinical student.</summary>
    public const long MaxParameters = 1_000_000_000;

    /// <summary>
    /// Parameters of the encoder (embeddings and layers, as <see cref="BertModel"/> holds them: no pooler), in 64-bit
    /// arithmetic so a hostile config cannot overflow it.
    /// </summary>
    public long EncoderParameterCount()
    {
        long h = HiddenSize, i = IntermediateSize;
        var embeddings = ((long)VocabSize + MaxPositionEmbeddings + TypeVocabSize) * h + 2 * h;
        var layer = 4 * (h * h + h) + 2 * h   // query, key, value, attention output; attention LayerNorm
                    + (h * i + i) + (i * h + h) + 2 * h; // intermediate, output; output LayerNorm
        return embeddings + NumHiddenLayers * layer;
    }

    /// <summary>Parameters of a token classifier with <paramref name="labels"/> classes on this encoder.</summary>
    public long ParameterCount(int labels) => EncoderParameterCount() + (long)HiddenSize * labels + labels;

    static readonly JsonSerializerOptions ReadOptions = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>Reads a Hugging Face config.json; unknown keys are ignored, missing ones take the bert-base default.</summary>
    public static BertConfig Load(string path)
    {
        BertConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BertConfig>(File.ReadAllText(path), ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid BERT config.json ({e.Message}).", e);
        }
        return (config ?? throw new InvalidDataException($"{path}: empty config.json.")).Validate(path);
    }

    /// <summary>
    /// Writes config.json the way transformers expects it: the architecture name (a token classifier unless
    /// told otherwise, e.g. "BertModel" for an imported base encoder), id2label and label2id, plus our fields.
    /// </summary>
    public void Save(string path, string architecture = "BertForTokenClassification")
    {
        var node = JsonSerializer.SerializeToNode(this)!.AsObject();
        node["architectures"] = new JsonArray(architecture);
        var label2Id = new JsonObject();
        foreach (var (id, label) in Id2Label) label2Id[label] = int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        node["label2id"] = label2Id;
        node["torch_dtype"] = "float32";
        if (ClassifierDropout is null) node.Remove("classifier_dropout");
        AtomicFile.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}

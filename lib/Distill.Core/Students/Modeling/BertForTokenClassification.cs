using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>
/// BERT encoder + dropout + linear classifier over each word piece (HF <c>BertForTokenClassification</c>,
/// transformers/models/bert/modeling_bert.py). Keys: <c>bert.embeddings.*</c>, <c>bert.encoder.layer.N.*</c>,
/// <c>classifier.{weight,bias}</c>, so <c>state_dict()</c> is a Hugging Face state dict.
/// </summary>
public sealed class BertForTokenClassification : nn.Module<Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly BertModel bert;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public BertConfig Config { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Builds the model on <paramref name="device"/> with fresh weights drawn as HF's <c>_init_weights</c> does.</summary>
    public BertForTokenClassification(BertConfig config, Device? device = null) : base(nameof(BertForTokenClassification))
    {
        Config = config.Validate();
        Labels = config.Labels();
        if (Labels.Count == 0)
            throw new ArgumentException("A token classifier needs at least one label; config.id2label is empty.", nameof(config));
        bert = new BertModel(config);
        dropout = nn.Dropout(config.ClassifierDropout ?? config.HiddenDropoutProb);
        classifier = nn.Linear(config.HiddenSize, Labels.Count);
        RegisterComponents();
        InitializeWeights();
        if (device is not null && device.type != DeviceType.CPU) this.to(device);
    }

    /// <summary>The encoder (HF's <c>model.bert</c>): its forward gives the (B, T, H) last hidden states.</summary>
    public BertModel Bert => bert;

    /// <summary>The device the parameters live on.</summary>
    public Device Device => parameters().First().device;

    /// <summary>(B, T) ids, optional (B, T) attention mask and token types -> (B, T, labels) logits.</summary>
    public override Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var hidden = bert.forward(inputIds, attentionMask, tokenTypeIds); // (B, T, H)
        return classifier.forward(dropout.forward(hidden)).MoveToOuterDisposeScope();
    }

    /// <summary>(B, T, H) hidden states from <see cref="Bert"/> -> (B, T, labels) logits: the head alone, for models that reuse one encoder pass (the ADE student).</summary>
    public Tensor Classify(Tensor hidden) => classifier.forward(dropout.forward(hidden));

    /// <summary>
    /// HF's <c>_init_weights</c>: linear and embedding weights ~ N(0, initializer_range), biases 0,
    /// LayerNorm weight 1 and bias 0, and the padding row of the word embeddings 0.
    /// </summary>
    public void InitializeWeights()
    {
        using var noGrad = no_grad();
        var std = Config.InitializerRange;
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("LayerNorm.", StringComparison.Ordinal))
            {
                if (name.EndsWith(".weight", StringComparison.Ordinal)) parameter.fill_(1.0);
                else parameter.zero_();
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) parameter.zero_();
            else parameter.normal_(0.0, std);
        }
        named_parameters().First(p => p.name == "bert.embeddings.word_embeddings.weight").parameter[Config.PadTokenId].zero_();
    }

    /// <summary>Names of the classifier head's parameters (fresh when a checkpoint has none).</summary>
    public static IReadOnlyList<string> HeadParameterNames { get; } = ["classifier.weight", "classifier.bias"];
}

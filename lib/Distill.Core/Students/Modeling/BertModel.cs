using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>
/// The BERT encoder without pooler (HF <c>BertModel(add_pooling_layer=False)</c>, which is what
/// <c>BertForTokenClassification</c> holds): keys <c>embeddings.*</c>, <c>encoder.*</c>.
/// </summary>
public sealed class BertModel : nn.Module<Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        RegisterComponents();
    }

    /// <summary>
    /// (B, T) ids, optional (B, T) attention mask (1 = real token, 0 = padding) and optional (B, T)
    /// token types -> (B, T, H) last hidden states.
    /// </summary>
    public override Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var hidden = embeddings.forward(inputIds, tokenTypeIds);
        // HF's extended mask: (1 - mask) * dtype.min, shaped (B, 1, 1, T) to broadcast over heads and queries.
        // Without padding no mask is passed, which lets libtorch choose its fastest attention kernel.
        Tensor? additive = null;
        if (attentionMask is not null)
            additive = ((1 - attentionMask.to(hidden.dtype)) * finfo(hidden.dtype).min).view(inputIds.shape[0], 1, 1, inputIds.shape[1]);
        return encoder.forward(hidden, additive).MoveToOuterDisposeScope();
    }
}

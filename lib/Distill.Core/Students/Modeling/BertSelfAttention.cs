using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>
/// Multi-head self-attention (HF <c>BertSelfAttention</c>): <c>query</c>, <c>key</c>, <c>value</c>
/// projections, then <c>scaled_dot_product_attention</c>, which picks libtorch's fused kernel and
/// computes softmax(QK^T / sqrt(d) + mask) V without materialising more than it must.
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly long heads;
    private readonly long headSize;
    private readonly double attentionDropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        heads = config.NumAttentionHeads;
        headSize = config.HiddenSize / config.NumAttentionHeads;
        attentionDropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <summary>
    /// (B, T, H) hidden states and an optional additive mask broadcastable to (B, nh, T, T)
    /// (0 where a key may be attended, a large negative number at padding) -> (B, T, H).
    /// </summary>
    public override Tensor forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = NewDisposeScope();
        var (b, t) = (hidden.shape[0], hidden.shape[1]);
        Tensor Heads(Linear projection) => projection.forward(hidden).view(b, t, heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var context = nn.functional.scaled_dot_product_attention(
            Heads(query), Heads(key), Heads(value), additiveMask, training ? attentionDropout : 0.0); // (B, nh, T, hs)
        return context.transpose(1, 2).reshape(b, t, heads * headSize).MoveToOuterDisposeScope();  // (B, T, H)
    }
}

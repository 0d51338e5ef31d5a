using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>One transformer block (HF <c>BertLayer</c>): keys <c>attention.*</c>, <c>intermediate.*</c>, <c>output.*</c>.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertOutput output;

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertOutput(config);
        RegisterComponents();
    }

    /// <summary>(B, T, H), optional additive mask -> (B, T, H).</summary>
    public override Tensor forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.forward(hidden, additiveMask);
        return output.forward(intermediate.forward(attended), attended).MoveToOuterDisposeScope();
    }
}

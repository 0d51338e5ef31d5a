using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>Attention output projection, dropout, residual and LayerNorm (HF <c>BertSelfOutput</c>).</summary>
internal sealed class BertSelfOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    public BertSelfOutput(BertConfig config) : base(nameof(BertSelfOutput))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>(B, T, H) attention context and (B, T, H) block input -> (B, T, H).</summary>
    public override Tensor forward(Tensor context, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.forward(dropout.forward(dense.forward(context)) + residual).MoveToOuterDisposeScope();
    }
}

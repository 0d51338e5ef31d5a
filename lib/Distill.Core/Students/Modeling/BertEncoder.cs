using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>The stack of blocks (HF <c>BertEncoder</c>): keys <c>encoder.layer.N.*</c>.</summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    /// <summary>(B, T, H), optional additive mask -> (B, T, H).</summary>
    public override Tensor forward(Tensor hidden, Tensor? additiveMask)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var block in layer)
            x = block.forward(x, additiveMask);
        // The input belongs to the caller: hand back a fresh alias when there were no layers.
        return (ReferenceEquals(x, hidden) ? hidden.alias() : x).MoveToOuterDisposeScope();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Modeling;

#pragma warning disable IDE1006 // Field names are Hugging Face checkpoint keys (modeling_bert.py), so they stay snake_case.

/// <summary>Feed-forward expansion and activation (HF <c>BertIntermediate</c>).</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly string activation;

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        activation = config.HiddenAct;
        RegisterComponents();
    }

    /// <summary>(B, T, H) -> (B, T, I).</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var x = dense.forward(hidden);
        var activated = activation switch
        {
            // HF's "gelu" is the exact erf form; "gelu_new" and "gelu_pytorch_tanh" the tanh approximation.
            "gelu" => nn.functional.gelu(x),
            "gelu_new" or "gelu_pytorch_tanh" => nn.functional.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
            "relu" => nn.functional.relu(x),
            _ => throw new InvalidOperationException($"hidden_act '{activation}' is not supported."),
        };
        return activated.MoveToOuterDisposeScope();
    }
}

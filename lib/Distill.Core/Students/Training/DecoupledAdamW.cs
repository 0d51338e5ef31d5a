using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Training;

/// <summary>HF's optimiser grouping, shared by the NER and QA trainers: AdamW with no weight decay on biases and LayerNorm parameters.</summary>
internal static class DecoupledAdamW
{
    public static AdamW Create(nn.Module model, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        var named = model.named_parameters().ToArray();
        static bool Decays(string name) => !name.EndsWith(".bias", StringComparison.Ordinal) && !name.Contains("LayerNorm", StringComparison.Ordinal);
        return optim.AdamW(
        [
            new AdamW.ParamGroup(named.Where(p => Decays(p.name)).Select(p => p.parameter), learningRate, beta1, beta2, epsilon, weightDecay, false, false),
            new AdamW.ParamGroup(named.Where(p => !Decays(p.name)).Select(p => p.parameter), learningRate, beta1, beta2, epsilon, 0.0, false, false),
        ], learningRate, beta1, beta2, epsilon, weightDecay);
    }
}

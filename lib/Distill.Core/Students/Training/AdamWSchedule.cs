using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Training;

/// <summary>
/// The fine-tuning optimiser every student shares (HF Trainer's): AdamW with decoupled weight decay on every weight but
/// biases and LayerNorm parameters, and a learning rate that rises linearly over the warm-up steps and then falls
/// linearly to 0 (<c>get_linear_schedule_with_warmup</c>).
/// </summary>
internal static class AdamWSchedule
{
    /// <summary>AdamW over <paramref name="named"/> parameters with HF's two groups (no decay on biases and LayerNorm).</summary>
    public static AdamW Create(IReadOnlyList<(string name, TorchSharp.Modules.Parameter parameter)> named, TrainingOptions options) =>
        Create(named, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);

    /// <summary>The same optimiser over a module's parameters with explicit settings (the QA student's).</summary>
    public static AdamW Create(nn.Module model, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) =>
        Create(model.named_parameters().ToArray(), learningRate, beta1, beta2, epsilon, weightDecay);

    static AdamW Create(IReadOnlyList<(string name, TorchSharp.Modules.Parameter parameter)> named, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        // HF's grouping: no weight decay on biases and LayerNorm parameters.
        static bool Decays(string name) => !name.EndsWith(".bias", StringComparison.Ordinal) && !name.Contains("LayerNorm", StringComparison.Ordinal);
        return optim.AdamW(
        [
            new AdamW.ParamGroup(named.Where(p => Decays(p.name)).Select(p => p.parameter), learningRate, beta1, beta2, epsilon, weightDecay, false, false),
            new AdamW.ParamGroup(named.Where(p => !Decays(p.name)).Select(p => p.parameter), learningRate, beta1, beta2, epsilon, 0.0, false, false),
        ], learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public static int WarmupSteps(int totalSteps, TrainingOptions options) => Math.Max(1, (int)Math.Round(totalSteps * options.WarmupFraction));

    /// <summary>The factor on the peak rate at 0-based <paramref name="globalStep"/>.</summary>
    public static double Factor(int globalStep, int warmupSteps, int totalSteps) => globalStep < warmupSteps
        ? (globalStep + 1.0) / warmupSteps
        : Math.Max(0.0, (double)(totalSteps - globalStep) / Math.Max(1, totalSteps - warmupSteps));

    /// <summary>Sets every group's rate for <paramref name="globalStep"/>.</summary>
    public static void SetRate(AdamW optimizer, TrainingOptions options, int globalStep, int warmupSteps, int totalSteps)
    {
        var factor = Factor(globalStep, warmupSteps, totalSteps);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = options.LearningRate * factor;
    }
}

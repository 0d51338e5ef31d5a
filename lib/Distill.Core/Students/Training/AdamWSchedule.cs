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
    public static AdamW Create(IReadOnlyList<(string name, TorchSharp.Modules.Parameter parameter)> named, TrainingOptions options)
    {
        static bool Decays(string name) => !name.EndsWith(".bias", StringComparison.Ordinal) && !name.Contains("LayerNorm", StringComparison.Ordinal);
        return optim.AdamW(
        [
            new AdamW.ParamGroup(named.Where(p => Decays(p.name)).Select(p => p.parameter), options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, false, false),
            new AdamW.ParamGroup(named.Where(p => !Decays(p.name)).Select(p => p.parameter), options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, 0.0, false, false),
        ], options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
    }

    /// <summary>Warm-up steps for <paramref name="totalSteps"/> (at least one).</summary>
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

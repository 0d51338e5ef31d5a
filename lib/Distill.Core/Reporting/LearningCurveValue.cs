namespace Distill.Reporting;

/// <summary>Which per-epoch value a learning curve shows.</summary>
public enum LearningCurveValue { TrainLoss, DevLoss, DevF1 }

namespace Distill.Reporting;

/// <summary>One epoch of a training run, as the student trainer logs it.</summary>
/// <param name="Run">Which run (e.g. "student on teacher labels").</param>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="DevLoss">Loss on the development split, when measured.</param>
/// <param name="DevF1">Token-level micro F1 on the development split, when measured.</param>
/// <param name="ResidentBytes">Resident memory of the training process at the end of the epoch (VmRSS, libtorch's native
/// memory included), when measured: issue 15's target is that it stays within ±10% of epoch 2's over a run.</param>
public sealed record EpochRecord(string Run, int Epoch, double TrainLoss, double? DevLoss = null, double? DevF1 = null, long? ResidentBytes = null);

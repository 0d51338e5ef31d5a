namespace Distill.Students.Training;

/// <summary>Where a running epoch is, for progress bars.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss);

/// <summary>
/// One finished epoch: mean training loss, dev F1, whether it is the best so far, seconds (dev evaluation and saving
/// included), process resident memory after the epoch (native libtorch memory included, after <see cref="Runtime.NativeHeap.Trim"/>),
/// and the word pieces (padding excluded) it trained on. <paramref name="PeakResidentBytes"/> is the highest resident
/// memory during the epoch (0 where it cannot be measured); <paramref name="LiveTensors"/> counts the tensors alive on
/// the training thread after it (TorchSharp's dispose-scope statistics: a number that grows from epoch to epoch is a
/// leak, where resident memory that grows while it stays flat is the allocator; -1: not measured);
/// <paramref name="TrainSeconds"/> is the time of its training steps alone (0 in reports written before issue 16).
/// </summary>
public sealed record EpochReport(int Epoch, double TrainLoss, TokenLevelF1 Dev, bool Improved, double Seconds, long ResidentBytes, long TrainPieces,
    long PeakResidentBytes = 0, long LiveTensors = -1, double TrainSeconds = 0)
{
    /// <summary>Training tokens (word pieces, padding excluded) per second of training steps (issue 16).</summary>
    public double TrainTokensPerSecond => TrainPieces / Math.Max(TrainSeconds > 0 ? TrainSeconds : Seconds, 1e-9);
}

/// <summary>The outcome of a run: per-epoch reports, the best epoch, and where the best model was saved.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochReport> Epochs, int BestEpoch, double BestDevF1, string OutputDirectory, bool StoppedEarly, int ResumedAfterEpoch);

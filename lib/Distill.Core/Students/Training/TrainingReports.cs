namespace Distill.Students.Training;

/// <summary>Where a running epoch is, for progress bars.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss);

/// <summary>
/// One finished epoch: mean training loss, dev F1, whether it is the best so far, seconds, process
/// resident memory after the epoch (native libtorch memory included, after <see cref="Runtime.NativeHeap.Trim"/>),
/// and the word pieces (padding excluded) it trained on, for tokens/s. <paramref name="PeakResidentBytes"/> is the
/// highest resident memory during the epoch (0 where it cannot be measured); <paramref name="LiveTensors"/> counts the
/// tensors alive on the training thread after it (TorchSharp's dispose-scope statistics: a number that grows from
/// epoch to epoch is a leak, where resident memory that grows while it stays flat is the allocator; -1: not measured).
/// </summary>
public sealed record EpochReport(int Epoch, double TrainLoss, TokenLevelF1 Dev, bool Improved, double Seconds, long ResidentBytes, long TrainPieces,
    long PeakResidentBytes = 0, long LiveTensors = -1);

/// <summary>The outcome of a run: per-epoch reports, the best epoch, and where the best model was saved.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochReport> Epochs, int BestEpoch, double BestDevF1, string OutputDirectory, bool StoppedEarly, int ResumedAfterEpoch);

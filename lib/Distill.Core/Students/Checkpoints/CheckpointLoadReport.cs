namespace Distill.Students.Checkpoints;

/// <summary>What loading a checkpoint did: which file, how many weights were copied, whether the
/// classifier head is fresh (and why), and which stored tensors were not used.</summary>
public sealed record CheckpointLoadReport(
    string Source,
    int LoadedTensors,
    bool FreshClassifierHead,
    string? FreshHeadReason,
    IReadOnlyList<string> UnusedTensors)
{
    public override string ToString() =>
        $"{Source}: {LoadedTensors} tensors loaded" +
        (FreshClassifierHead ? $"; classifier head freshly initialised ({FreshHeadReason})" : "; classifier head loaded") +
        (UnusedTensors.Count > 0 ? $"; {UnusedTensors.Count} stored tensors not used ({string.Join(", ", UnusedTensors.Take(4))}{(UnusedTensors.Count > 4 ? ", ..." : "")})" : "");
}

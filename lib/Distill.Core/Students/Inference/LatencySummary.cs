namespace Distill.Students.Inference;

/// <summary>Throughput and per-note latency percentiles of a prediction run.</summary>
public sealed record LatencySummary(int Notes, double TotalSeconds, double P50Milliseconds, double P95Milliseconds)
{
    public double NotesPerSecond => TotalSeconds > 0 ? Notes / TotalSeconds : 0;

    /// <summary>Nearest-rank percentiles of <paramref name="secondsPerNote"/>.</summary>
    public static LatencySummary From(IReadOnlyList<double> secondsPerNote, double totalSeconds)
    {
        var sorted = secondsPerNote.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000;
        return new LatencySummary(sorted.Length, totalSeconds, Percentile(0.50), Percentile(0.95));
    }
}

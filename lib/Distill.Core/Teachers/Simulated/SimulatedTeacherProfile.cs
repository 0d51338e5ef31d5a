namespace Distill.Teachers.Simulated;

/// <summary>
/// The error profile of a simulated teacher. Each gold mention is independently missed with
/// <see cref="MissRate"/>; a kept mention gets a boundary error (one token added or removed at one end) with
/// <see cref="BoundaryErrorRate"/>; and <see cref="FalsePositiveRate"/> × (number of gold mentions) false
/// positives are drawn from dictionary matches that overlap no gold mention. The random stream is seeded from
/// <see cref="Seed"/>, the document id and the entity type, so answers do not depend on labeling order.
/// </summary>
/// <param name="Name">Profile name; the teacher is called <c>simulated:&lt;Name&gt;</c>.</param>
/// <param name="MissRate">Probability that a gold mention is left out (default 0.1).</param>
/// <param name="BoundaryErrorRate">Probability that a kept mention gains or loses a token at one end (default 0.05).</param>
/// <param name="FalsePositiveRate">False positives per gold mention, drawn from the dictionary (default 0.05).</param>
/// <param name="Seed">Random seed (default 13).</param>
/// <param name="Correlation">
/// Probability (default 0) that a mention's fate (missed, boundary error) and the choice of false positives are
/// drawn from a stream shared by all simulated teachers rather than the teacher's own. Real LLM teachers tend
/// to fail on the same hard mentions; with independent errors, combining teachers looks far better than it is.
/// With a shared draw u, a mention is missed when u &lt; MissRate, so a teacher with a higher miss rate misses
/// a superset of what a lower one misses.
/// </param>
/// <param name="AssumedCostPerNoteUsd">Cost the teacher reports per labeling (default 0): an assumption, so cost
/// tables and the cost-aware subset choice can be taught without paying for an LLM.</param>
/// <param name="AssumedLatencySeconds">Latency the teacher reports per labeling, when positive (default 0: the
/// measured, near-zero time of the simulation itself).</param>
public sealed record SimulatedTeacherProfile(string Name, double MissRate = 0.1, double BoundaryErrorRate = 0.05, double FalsePositiveRate = 0.05, int Seed = 13,
    double Correlation = 0, double AssumedCostPerNoteUsd = 0, double AssumedLatencySeconds = 0)
{
    /// <summary>Copies the gold spans exactly (an upper bound, and a check of the plumbing).</summary>
    public static SimulatedTeacherProfile Oracle { get; } = new("oracle", 0, 0, 0);

    /// <summary>A strong teacher: 10% missed, 5% boundary errors, 5% extra false positives.</summary>
    public static SimulatedTeacherProfile Good { get; } = new("good");

    /// <summary>A weak teacher: 30% missed, 20% boundary errors, 30% extra false positives.</summary>
    public static SimulatedTeacherProfile Noisy { get; } = new("noisy", 0.3, 0.2, 0.3);

    public static IReadOnlyList<SimulatedTeacherProfile> Presets { get; } = [Oracle, Good, Noisy];

    /// <summary>A preset by name; a clear error lists the presets.</summary>
    public static SimulatedTeacherProfile Preset(string name) =>
        Presets.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"No simulated-teacher preset '{name}'; presets: {string.Join(", ", Presets.Select(p => p.Name))}.", nameof(name));

    /// <summary>Checks that rates are in [0, 1] (false-positive rate: ≥ 0).</summary>
    public SimulatedTeacherProfile Validated()
    {
        ArgumentException.ThrowIfNullOrEmpty(Name);
        if (MissRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MissRate), MissRate, "must be in [0, 1]");
        if (BoundaryErrorRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(BoundaryErrorRate), BoundaryErrorRate, "must be in [0, 1]");
        if (FalsePositiveRate < 0) throw new ArgumentOutOfRangeException(nameof(FalsePositiveRate), FalsePositiveRate, "must be ≥ 0");
        if (Correlation is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Correlation), Correlation, "must be in [0, 1]");
        if (AssumedCostPerNoteUsd < 0) throw new ArgumentOutOfRangeException(nameof(AssumedCostPerNoteUsd), AssumedCostPerNoteUsd, "must be ≥ 0");
        if (AssumedLatencySeconds < 0) throw new ArgumentOutOfRangeException(nameof(AssumedLatencySeconds), AssumedLatencySeconds, "must be ≥ 0");
        return this;
    }
}

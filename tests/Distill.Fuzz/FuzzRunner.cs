using Distill.Students;

namespace Distill.Fuzz;

/// <summary>What one input did to a target.</summary>
public enum FuzzOutcome
{
    /// <summary>Parsed.</summary>
    Accepted,

    /// <summary>Refused with the documented user error: one line naming the file.</summary>
    UserError,
}

/// <summary>
/// Runs one input through a target and decides whether it crashed: an exception the target does not document,
/// a documented one whose message does not name the input file on one line, or a peak resident memory (Linux VmHWM, reset
/// before each input, so a brief native allocation counts too) more than <see cref="MemoryBoundBytes"/> above the
/// process's before the input (issue 15: hostile files fail within 256 MB).
/// Time is bounded by afl-fuzz (-t), which counts an input past it as a hang.
/// </summary>
/// <param name="checkMemory">Measure peak memory (off in the unit tests, where other tests share the process).</param>
public sealed class FuzzRunner(FuzzTarget target, ScratchFolder scratch, bool checkMemory = true)
{
    public const long MemoryBoundBytes = 256L << 20;

    /// <summary>Runs <paramref name="input"/>; returns the outcome, or throws what afl-fuzz must count as a crash.</summary>
    public FuzzOutcome Execute(byte[] input)
    {
        scratch.Clear();
        var measured = checkMemory && ProcessMemory.ResetPeak();
        var before = Environment.WorkingSet;
        FuzzOutcome outcome;
        try
        {
            target.Run(input, scratch);
            outcome = FuzzOutcome.Accepted;
        }
        catch (Exception e) when (target.IsUserError(e))
        {
            CheckMessage(e);
            outcome = FuzzOutcome.UserError;
        }
        if (measured && ProcessMemory.PeakResidentBytes() is var peak && peak - before > MemoryBoundBytes)
            throw new FuzzOracleException($"{target.Name}: a {input.Length:N0}-byte input raised resident memory by {(peak - before) / (1 << 20):N0} MiB (bound {MemoryBoundBytes >> 20} MiB).");
        return outcome;
    }

    /// <summary>A user error is one line that names the file (docs: "one clear line naming the file, line or field").</summary>
    public static void CheckMessage(Exception e)
    {
        if (!e.Message.Contains(FuzzTargets.InputName, StringComparison.Ordinal))
            throw new FuzzOracleException($"the {e.GetType().Name} does not name the file: {e.Message}", e);
        if (e.Message.Contains('\n') || e.Message.Contains('\r'))
            throw new FuzzOracleException($"the {e.GetType().Name} spans several lines: {e.Message}", e);
    }
}

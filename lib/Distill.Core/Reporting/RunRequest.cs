namespace Distill.Reporting;

/// <summary>What <c>distill evaluate</c> is asked to do: the inputs a new run saves and the facts its manifest records.</summary>
/// <param name="Gold">A JSONL file, a PubTator file, or <c>ncbi-disease:&lt;split&gt;</c> (see <see cref="Distill.Evaluation.GoldSource"/>).</param>
/// <param name="Predictions">Each system's name and its predictions file (JSONL); the first is the reference unless the settings name one.</param>
/// <param name="Settings">Evaluation settings, saved in the manifest.</param>
/// <param name="CostsFile">Optional JSON array of <see cref="SystemCost"/> records.</param>
/// <param name="EpochsFile">Optional JSON array of <see cref="EpochRecord"/> records.</param>
/// <param name="TeacherCacheKeys">Keys of the teacher-cache entries behind these predictions, when known.</param>
/// <param name="Configuration">Other stages' settings worth recording (name → value).</param>
/// <param name="Seeds">Seeds used upstream (e.g. student training), by name; the bootstrap seed is added.</param>
/// <param name="Reevaluate">The run folder may already hold an evaluation (a resumed study re-evaluates from the files it
/// wrote); without it an existing manifest is an error, so <c>distill evaluate</c> never overwrites a run by accident.</param>
public sealed record RunRequest(
    string Gold,
    IReadOnlyList<(string System, string Path)> Predictions,
    EvaluationSettings Settings,
    string? CostsFile = null,
    string? EpochsFile = null,
    IReadOnlyList<string>? TeacherCacheKeys = null,
    IReadOnlyDictionary<string, string>? Configuration = null,
    IReadOnlyDictionary<string, int>? Seeds = null,
    bool Reevaluate = false);

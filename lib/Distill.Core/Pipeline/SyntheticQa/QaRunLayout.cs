namespace Distill.Pipeline.SyntheticQa;

/// <summary>Every path of a synthetic-QA run folder (issue 19), in one place.</summary>
public sealed record QaRunLayout(string Root)
{
    public string Request => Path.Combine(Root, "request.json");
    public string Pairs => Path.Combine(Root, "generation", "pairs.jsonl");
    public string Rejected => Path.Combine(Root, "generation", "rejected.jsonl");
    public string GenerationSummary => Path.Combine(Root, "generation", "summary.json");
    public string DryRun => Path.Combine(Root, "generation", "dry-run.json");
    public string ExportFolder => Path.Combine(Root, "finetune");
    public string ExportSummary => Path.Combine(Root, "finetune", "summary.json");
    public string QloraConfig => Path.Combine(Root, "finetune", "qlora.yaml");
    public string FineTuningJob => Path.Combine(Root, "finetune", "finetune-job.json");
    public string StudentFolder => Path.Combine(Root, "student");
    public string StudentSummary => Path.Combine(Root, "student-summary.json");
    public string CohortFolder => Path.Combine(Root, "n2c2-track1");
    public string CohortScores(string answerer) => Path.Combine(CohortFolder, $"{Safe(answerer)}.scores.json");
    public string CohortPredictions(string answerer) => Path.Combine(CohortFolder, $"{Safe(answerer)}.predictions.jsonl");
    public string Report => Path.Combine(Root, "report.md");
    public string Manifest => Path.Combine(Root, "manifest.json");

    static string Safe(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}

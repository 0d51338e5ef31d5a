namespace Distill.Pipeline.AdverseEvents;

/// <summary>Every path of an ADE run folder, in one place.</summary>
public sealed record AdeRunLayout(string Root)
{
    public string RunId => Path.GetFileName(Root);
    public string Split => Path.Combine(Root, "inputs", "split.json");
    public string Search => Path.Combine(Root, "search", "pair-search.json");
    public string EventBias => Path.Combine(Root, "search", "event-bias.json");
    public string DistillationSet => Path.Combine(Root, "distillation", "train.jsonl");
    public string StudentsFolder => Path.Combine(Root, "students");
    public string Student(string name) => Path.Combine(StudentsFolder, name);
    public string PredictionsFolder => Path.Combine(Root, "predictions");
    public string Predictions(string system) => Path.Combine(PredictionsFolder, FileName(system) + ".jsonl");
    public string PredictionTiming(string system) => Path.Combine(PredictionsFolder, FileName(system) + ".timing.json");
    public string ReportJson => Path.Combine(Root, "report.json");
    public string ReportMarkdown => Path.Combine(Root, "report.md");

    public static AdeRunLayout For(string resultsFolder, string runId) => new(Path.GetFullPath(Path.Combine(resultsFolder, runId)));

    static string FileName(string system) => string.Concat(system.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}

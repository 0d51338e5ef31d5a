using System.Text.Json.Nodes;
using Distill.Aggregation;
using Distill.Students.Training;

namespace Distill.Students;

/// <summary>
/// What a student's model card says (<see cref="ModelCard"/>): where the weights came from, what it was trained on and how,
/// who labelled that data, and how well it did.
/// </summary>
/// <param name="Title">The card's heading.</param>
/// <param name="BaseModel">The Hugging Face id of the encoder it was fine-tuned from; null for a student trained from scratch.</param>
/// <param name="License">SPDX id for the front matter (the base encoder's licence; <c>other</c> when unknown).</param>
/// <param name="Origin">The words every output uses for where the weights came from.</param>
/// <param name="Labels">The classes, "O" first.</param>
/// <param name="Datasets">Hugging Face dataset ids (or local names) of the notes it was trained and evaluated on.</param>
/// <param name="DatasetName">The evaluation dataset's readable name.</param>
/// <param name="TrainingData">Where the training set is and what it holds.</param>
/// <param name="TrainDocuments">Training notes.</param>
/// <param name="DevDocuments">Gold dev notes (per-epoch F1, early stopping, best epoch).</param>
/// <param name="Provenance">Teachers and their combination, from the distillation set's provenance; null for gold labels.</param>
/// <param name="Options">The training settings.</param>
/// <param name="Training">Epochs, best epoch and its dev F1, when known.</param>
/// <param name="Evaluation">Measured results; empty until the student is evaluated.</param>
public sealed record ModelCardFacts(
    string Title,
    string? BaseModel,
    string License,
    string Origin,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Datasets,
    string DatasetName,
    string TrainingData,
    int TrainDocuments,
    int DevDocuments,
    DistillationProvenance? Provenance,
    TrainingOptions Options,
    TrainingResult? Training,
    IReadOnlyList<ModelCardMetric> Evaluation)
{
    /// <summary>
    /// The facts a training run knows: the base encoder's id and licence from its folder (<c>distill_student.json</c>
    /// written by the importer, else <c>config.json</c>'s <c>_name_or_path</c> and the licence in its own card's front
    /// matter), the teachers from the training set's provenance file, and the training outcome.
    /// </summary>
    public static ModelCardFacts FromTraining(string title, string? baseDirectory, string origin, IReadOnlyList<string> labels, string trainPath,
        int trainDocuments, int devDocuments, TrainingOptions options, TrainingResult? training)
    {
        var (baseModel, license) = baseDirectory is null ? (null, "other") : DescribeBase(baseDirectory);
        var provenance = DistillationSetWriter.ReadProvenance(trainPath);
        var data = provenance is null
            ? $"{trainDocuments} notes with human (gold) labels, `{Path.GetFileName(trainPath)}`."
            : $"{trainDocuments} unlabelled notes labelled by the teacher combination below (`{Path.GetFileName(trainPath)}`, {provenance.Tokens:N0} words, " +
              $"mentions: {string.Join(", ", provenance.MentionsPerType.Select(kv => $"{kv.Value:N0} {kv.Key}"))}); no human label was used for training.";
        return new ModelCardFacts(title, baseModel, license, origin, labels, [], "", data, trainDocuments, devDocuments, provenance, options, training, []);
    }

    static (string? BaseModel, string License) DescribeBase(string directory)
    {
        string? Field(string file, string name)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) return null;
            try { return JsonNode.Parse(File.ReadAllText(path)) is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null; }
            catch (System.Text.Json.JsonException) { return null; }
        }
        var baseModel = Field(StudentModel.ProvenanceFileName, "upstream") ?? Field("config.json", "_name_or_path");
        var license = Field(StudentModel.ProvenanceFileName, "license") ?? FrontMatterLicense(Path.Combine(directory, "README.md")) ?? "other";
        return (string.IsNullOrWhiteSpace(baseModel) || Path.IsPathRooted(baseModel) ? null : baseModel, license);
    }

    static string? FrontMatterLicense(string readme)
    {
        if (!File.Exists(readme)) return null;
        var lines = File.ReadLines(readme).Take(60).ToList();
        if (lines.Count == 0 || lines[0].Trim() != "---") return null;
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Trim() != "---"))
            if (line.StartsWith("license:", StringComparison.Ordinal)) return line["license:".Length..].Trim();
        return null;
    }
}

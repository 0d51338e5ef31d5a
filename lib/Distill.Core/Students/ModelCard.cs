using System.Globalization;
using System.Text;
using Distill.IO;

namespace Distill.Students;

/// <summary>
/// A student folder's <c>README.md</c> in the Hugging Face model-card format (issue 17), so the folder can be published
/// as it is: YAML front matter (<c>license</c>, <c>base_model</c>, <c>library_name</c>, <c>pipeline_tag</c>, <c>tags</c>,
/// <c>datasets</c>, <c>metrics</c>, <c>model-index</c> with the measured results), then the training data, the teachers and
/// their combination, the training settings, the evaluation with its intervals, intended use and limitations. The front
/// matter keeps the keys and tag style of the imported base encoder's card (<see cref="Pretrained.PretrainedImporter"/>).
/// See https://huggingface.co/docs/hub/model-cards.
/// </summary>
public static class ModelCard
{
    public const string FileName = "README.md";

    /// <summary>Writes the card into <paramref name="directory"/> (temp file, then rename) and returns its path.</summary>
    public static string Write(string directory, ModelCardFacts facts)
    {
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, Render(facts));
        return path;
    }

    public static string Render(ModelCardFacts facts)
    {
        var card = new StringBuilder();
        card.Append("---\n");
        card.Append("license: ").Append(Yaml(facts.License)).Append('\n');
        if (facts.BaseModel is { } baseModel) card.Append("base_model: ").Append(Yaml(baseModel)).Append('\n');
        card.Append("library_name: transformers\n");
        card.Append("pipeline_tag: token-classification\n");
        card.Append("tags: [bert, token-classification, ner, clinical, distill").Append(facts.Provenance is null ? "" : ", knowledge-distillation").Append("]\n");
        if (facts.Datasets.Count > 0) card.Append("datasets:\n").AppendJoin("", facts.Datasets.Select(d => $"- {Yaml(d)}\n"));
        var metricTypes = facts.Evaluation.Select(m => m.Type).Distinct().ToList();
        if (metricTypes.Count > 0) card.Append("metrics:\n").AppendJoin("", metricTypes.Select(t => $"- {Yaml(t)}\n"));
        if (facts.Evaluation.Count > 0)
        {
            card.Append("model-index:\n- name: ").Append(Yaml(facts.Title)).Append("\n  results:\n");
            foreach (var split in facts.Evaluation.GroupBy(m => m.Split))
            {
                card.Append("  - task:\n      type: token-classification\n      name: Token Classification\n");
                card.Append("    dataset:\n      name: ").Append(Yaml($"{facts.DatasetName} ({split.Key} split)")).Append('\n');
                card.Append("      type: ").Append(Yaml(facts.Datasets.FirstOrDefault() ?? facts.DatasetName)).Append('\n');
                card.Append("      split: ").Append(Yaml(split.Key)).Append('\n');
                card.Append("    metrics:\n");
                foreach (var m in split)
                    card.Append("    - type: ").Append(Yaml(m.Type)).Append("\n      value: ").Append(N(m.Value, "0.0000"))
                        .Append("\n      name: ").Append(Yaml(m.Name)).Append('\n');
            }
        }
        card.Append("---\n\n");

        card.Append("# ").Append(facts.Title).Append("\n\n");
        card.Append("A token classifier for clinical information extraction (labels: ").Append(string.Join(", ", facts.Labels.Select(l => $"`{l}`")))
            .Append("), made with [distill](https://arxiv.org/abs/2501.00031)'s pipeline (Vedula et al. 2024, *Distilling LLMs for Efficient Clinical Information Extraction*). ")
            .Append("Weights: ").Append(facts.Origin).Append(".\n\n");
        card.Append("The folder has the Hugging Face layout (`config.json` with `id2label`, `model.safetensors`, `vocab.txt`, `tokenizer_config.json`), so ")
            .Append("`AutoModelForTokenClassification.from_pretrained(folder)` loads it; `distill predict --model <folder> --input notes/` runs it here. ")
            .Append("Each word's label is the prediction on its first word piece.\n\n");

        card.Append("## Training data\n\n").Append(facts.TrainingData).Append(' ')
            .Append($"The best epoch was chosen on {facts.DevDocuments} gold dev notes.\n\n");

        card.Append("## Teachers and their combination\n\n");
        if (facts.Provenance is { } provenance)
        {
            card.Append("Teachers that labelled the notes: ").Append(string.Join(", ", provenance.Teachers.Select(t => $"`{t}`"))).Append(". ")
                .Append("Every subset of them was scored on the gold dev notes under every combination rule, and per entity type the best was chosen:\n\n");
            card.Append("| entity type | teachers | rule | dev precision | dev recall | dev F1 | cost per note (USD) | why |\n| --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
            foreach (var c in provenance.Choices)
                card.Append($"| {c.EntityType} | {Cell(c.Teachers)} | {c.Rule} | {N(c.DevPrecision)} | {N(c.DevRecall)} | {N(c.DevF1)} | {N(c.CostPerNote, "0.#####")} | {Cell(c.Reason)} |\n");
            card.Append('\n');
        }
        else card.Append("None: this student was trained on human labels (the reference for what distillation recovers).\n\n");

        var o = facts.Options;
        card.Append("## Training settings\n\n| setting | value |\n| --- | --- |\n");
        foreach (var (name, value) in new (string, string)[]
                 {
                     ("optimiser", $"AdamW (β {N(o.Beta1, "0.###")}, {N(o.Beta2, "0.####")}; ε {o.Epsilon.ToString("G", CultureInfo.InvariantCulture)}), weight decay {N(o.WeightDecay, "0.###")} (not on biases and LayerNorm)"),
                     ("learning rate", $"{o.LearningRate.ToString("G", CultureInfo.InvariantCulture)}, linear warm-up over {o.WarmupFraction:P0} of the steps, then linear decay"),
                     ("batch", $"{o.BatchSize} windows of at most {o.MaxLength} word pieces ({o.WindowOverlap} overlap)"),
                     ("epochs", facts.Training is { } t
                         ? $"{t.Epochs.Count} of {o.Epochs}{(t.StoppedEarly ? " (stopped early)" : "")}; best epoch {t.BestEpoch}, dev token F1 {N(t.BestDevF1)}"
                         : $"{o.Epochs}"),
                     ("early stopping", o.EarlyStoppingPatience > 0 ? $"after {o.EarlyStoppingPatience} epochs without a better dev F1" : "off"),
                     ("labels", o.LabelMode == Training.LabelMode.Soft ? "soft (the label model's probabilities)" : "hard IO tags"),
                     ("gradient clipping", $"global L2 norm {N(o.MaxGradNorm, "0.##")}"),
                     ("seed", o.Seed.ToString(CultureInfo.InvariantCulture)),
                 })
            card.Append($"| {name} | {Cell(value)} |\n");
        card.Append('\n');

        card.Append("## Evaluation\n\n");
        if (facts.Evaluation.Count == 0)
            card.Append("Not evaluated on held-out notes yet: `distill reproduce` or `distill evaluate` measures it with 95% bootstrap intervals.\n\n");
        else
        {
            card.Append("| metric | split | notes | value | 95% interval |\n| --- | --- | ---: | ---: | --- |\n");
            foreach (var m in facts.Evaluation)
                card.Append($"| {Cell(m.Name)} | {m.Split} | {m.Notes} | {N(m.Value)} | {(m.Lower is { } lo && m.Upper is { } hi ? $"{N(lo)}–{N(hi)}" : "")} |\n");
            card.Append("\nIntervals are percentile bootstrap intervals over notes. Token level: every word tagged inside or outside a mention; " +
                        "strict: a mention counts when its span and type match exactly.\n\n");
        }

        card.Append("## Intended use and limitations\n\n");
        card.Append("- For research on extracting mentions from clinical and biomedical text, and as a cheap, fast stand-in for its teachers on notes like the ones it was trained on.\n");
        card.Append("- Not for clinical decisions. It finds mention spans; it does not say whether a condition is present, negated, historical or someone else's.\n");
        card.Append("- Its labels come from ").Append(facts.Provenance is null ? "human annotators of one corpus" : "automatic teachers, so it learns their mistakes as well as their knowledge")
            .Append("; on notes from other institutions, specialties or languages expect lower scores, and measure before relying on it.\n");
        card.Append("- Scores above are on one public corpus's test split, with the intervals shown; small test sets give wide intervals.\n");
        return card.ToString();
    }

    // Double-quoted YAML scalars: safe for colons, hashes and leading special characters.
    static string Yaml(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", " ") + "\"";

    static string Cell(string value) => value.Replace("|", "\\|").Replace("\n", " ");

    static string N(double value, string format = "0.000") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}

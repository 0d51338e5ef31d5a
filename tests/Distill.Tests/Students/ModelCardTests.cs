using System.Text.Json;
using Distill.Aggregation;
using Distill.Students;
using Distill.Students.Training;

namespace Distill.Tests.Students;

public sealed class ModelCardTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-card-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string FrontMatter(string card)
    {
        Assert.StartsWith("---\n", card);
        return card[4..card.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
    }

    [Fact]
    public void A_distilled_student_s_card_has_the_hub_front_matter_teachers_settings_and_intervals()
    {
        // The base encoder's folder as PretrainedImporter writes it, and a training set with its provenance.
        var baseDir = Directory.CreateDirectory(Path.Combine(dir, "base")).FullName;
        File.WriteAllText(Path.Combine(baseDir, StudentModel.ProvenanceFileName),
            JsonSerializer.Serialize(new { origin = "pretrained x", upstream = "sentence-transformers/all-MiniLM-L6-v2", license = "apache-2.0" }));
        var train = Path.Combine(dir, "train.jsonl");
        File.WriteAllText(train, "");
        File.WriteAllText(DistillationSetWriter.ProvenancePath(train), JsonSerializer.Serialize(new
        {
            created = DateTimeOffset.UnixEpoch, tokenizer = "t", teachers = new[] { "dictionary", "mesh", "morphology" },
            choices = new[] { new { entity_type = "disease", teachers = "mesh + morphology", rule = "union", dev_precision = 0.8, dev_recall = 0.9, dev_f1 = 0.85, cost_per_note = 0.0, reason = "best F1" } },
            documents = 200, tokens = 41000L, mentions_per_type = new Dictionary<string, int> { ["disease"] = 1500 }, cache_keys = Array.Empty<string>(),
        }));
        var facts = ModelCardFacts.FromTraining("student.distilled (ncbi-disease)", baseDir, "pretrained all-MiniLM-L6-v2, fine-tuned here", ["O", "disease"],
            train, 200, 100, TrainingOptions.PackagedEncoder, null) with
        {
            Datasets = ["ncbi/ncbi_disease"],
            DatasetName = "ncbi-disease",
            Evaluation = [new ModelCardMetric("token-level F1 (disease)", "f1", 0.8123, 0.79, 0.83, "test", 100)],
        };

        var card = File.ReadAllText(ModelCard.Write(dir, facts));

        var yaml = FrontMatter(card);
        Assert.Contains("license: \"apache-2.0\"\n", yaml);
        Assert.Contains("base_model: \"sentence-transformers/all-MiniLM-L6-v2\"\n", yaml);
        Assert.Contains("library_name: transformers\n", yaml); // as the importer's card says
        Assert.Contains("pipeline_tag: token-classification\n", yaml);
        Assert.Contains("datasets:\n- \"ncbi/ncbi_disease\"\n", yaml);
        Assert.Contains("metrics:\n- \"f1\"\n", yaml);
        Assert.Contains("model-index:\n- name: \"student.distilled (ncbi-disease)\"\n  results:\n  - task:\n      type: token-classification", yaml);
        Assert.Contains("      split: \"test\"\n", yaml);
        Assert.Contains("    - type: \"f1\"\n      value: 0.8123\n      name: \"token-level F1 (disease)\"", yaml);
        foreach (var heading in new[] { "## Training data", "## Teachers and their combination", "## Training settings", "## Evaluation", "## Intended use and limitations" })
            Assert.Contains("\n" + heading + "\n", card);
        Assert.Contains("| disease | mesh + morphology | union | 0.800 | 0.900 | 0.850 |", card);
        Assert.Contains("| token-level F1 (disease) | test | 100 | 0.812 | 0.790–0.830 |", card);
        Assert.Contains("no human label was used for training", card);
        Assert.Contains("| learning rate | 0.0002,", card); // TrainingOptions.PackagedEncoder (lr 2e-4 since 414cef3)
    }

    [Fact]
    public void A_scratch_student_on_gold_labels_has_no_base_model_and_says_it_is_not_evaluated()
    {
        var train = Path.Combine(dir, "gold.jsonl");
        File.WriteAllText(train, "");
        var card = ModelCard.Render(ModelCardFacts.FromTraining("s", null, "trained from scratch", ["O", "disease"], train, 10, 5, new TrainingOptions(), null));

        var yaml = FrontMatter(card);
        Assert.Contains("license: \"other\"", yaml);
        Assert.DoesNotContain("base_model", yaml);
        Assert.DoesNotContain("model-index", yaml);
        Assert.Contains("trained on human labels", card);
        Assert.Contains("Not evaluated on held-out notes yet", card);
    }
}

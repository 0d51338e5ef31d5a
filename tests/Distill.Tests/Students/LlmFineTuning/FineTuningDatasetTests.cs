using System.Text.Json;
using Distill.Corpora;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Students.LlmFineTuning;

public sealed class FineTuningDatasetTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("qa-export-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static QaPair Pair(int i, QaPairType type, int difficulty) =>
        new("n", $"Question {i}?", type, type == QaPairType.YesNo ? "Yes" : type == QaPairType.Numeric ? "1" : "N/A", "Hospital Course", "", -1, difficulty, "", "t", QaGeneratorKind.Template);

    static IReadOnlyList<QaPair> Pairs() =>
    [
        .. Enumerable.Range(0, 30).Select(i => Pair(i, QaPairType.YesNo, 1 + i % 10)),
        .. Enumerable.Range(30, 20).Select(i => Pair(i, QaPairType.Numeric, 5)),
        .. Enumerable.Range(50, 12).Select(i => Pair(i, QaPairType.NaNumeric, 6)),
        .. Enumerable.Range(62, 10).Select(i => Pair(i, QaPairType.NaBool, 7)),
    ];

    [Fact]
    public void Filters_by_difficulty_balances_types_and_splits_90_10_with_a_seed()
    {
        var dataset = FineTuningDataset.Build(Pairs(), new FineTuningDatasetOptions { MinimumDifficulty = 5 });
        Assert.Equal(12, dataset.BelowDifficulty); // yes/no of difficulty 1-4
        var all = dataset.Train.Concat(dataset.Validation).ToArray();
        Assert.All(all, p => Assert.True(p.Difficulty >= 5));
        Assert.All(QaPairTypes.All, t => Assert.Equal(10, all.Count(p => p.Type == t))); // each cut to na-bool's 10
        Assert.Equal(8 + 10 + 2, dataset.RemovedByBalancing); // 18 yes/no, 20 numeric, 12 na-numeric cut to 10
        Assert.Equal((36, 4), (dataset.Train.Count, dataset.Validation.Count));
        Assert.Empty(dataset.Train.Intersect(dataset.Validation));
        var again = FineTuningDataset.Build(Pairs(), new FineTuningDatasetOptions { MinimumDifficulty = 5 });
        Assert.Equal(dataset.Validation, again.Validation);
    }

    [Fact]
    public void Writes_OpenAI_and_Hugging_Face_chat_lines()
    {
        var note = new Document("n", "The note.");
        var dataset = FineTuningDataset.Build(Pairs(), new FineTuningDatasetOptions { BalanceTypes = false });
        var paths = ChatFineTuningFiles.Write(dataset, new Dictionary<string, Document> { ["n"] = note }, folder);
        var openAi = File.ReadAllLines(paths.OpenAiTrain);
        Assert.Equal(dataset.Train.Count, openAi.Length);
        using var line = JsonDocument.Parse(openAi[0]);
        var messages = line.RootElement.GetProperty("messages");
        Assert.Equal(["system", "user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("The note.", messages[1].GetProperty("content").GetString());
        Assert.Equal(dataset.Train[0].Answer, messages[2].GetProperty("content").GetString());
        using var hf = JsonDocument.Parse(File.ReadLines(paths.HuggingFaceTrain).First());
        Assert.Equal(2, hf.RootElement.GetProperty("prompt").GetArrayLength());
        Assert.Equal("assistant", hf.RootElement.GetProperty("completion")[0].GetProperty("role").GetString());
        Assert.Equal(dataset.Validation.Count, File.ReadAllLines(paths.HuggingFaceValidation).Length);
    }

    [Fact]
    public void The_QLoRA_config_carries_the_study_settings()
    {
        var yaml = new QloraConfig().ToAxolotlYaml("openai-train.jsonl", "openai-validation.jsonl");
        foreach (var line in new[] { "load_in_4bit: true", "adapter: qlora", "bnb_4bit_quant_type: nf4", "lora_r: 8", "lora_alpha: 16", "lora_target_linear: true",
                     "learning_rate: 0.0002", "lr_scheduler: constant", "num_epochs: 1", "sequence_len: 12000", "- path: openai-train.jsonl" })
            Assert.Contains(line, yaml);
    }
}

using System.Text.Json.Nodes;
using Distill.Students;
using static TorchSharp.torch;

namespace Distill.Tests.Students;

public sealed class StudentModelTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-student-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Loads_a_Hugging_Face_directory_with_its_labels_and_parity()
    {
        using var student = StudentModel.Load(TinyBert.Directory, out var report);
        Assert.Equal(["O", "disease", "medication"], student.Labels);
        Assert.False(report.FreshClassifierHead);
        Assert.True(student.Encoder.LowerCase);
        Assert.True(TinyBert.MaxAbsDiff(student.Model) < 1e-4);
    }

    [Fact]
    public void Saved_directory_has_the_HF_layout_and_reloads_to_the_same_logits()
    {
        using var student = StudentModel.Load(TinyBert.Directory, out _);
        student.Save(dir, new Dictionary<string, object?> { ["epochs"] = 1 });
        foreach (var file in new[] { "config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json", StudentModel.ProvenanceFileName })
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} is missing");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal("disease", (string?)config["id2label"]!["1"]);
        Assert.Equal(2, (int)config["label2id"]!["medication"]!);
        Assert.Equal("BertForTokenClassification", (string?)config["architectures"]![0]);
        Assert.Equal(1e-12, (double)config["layer_norm_eps"]!);

        using var reloaded = StudentModel.Load(dir, out var report);
        Assert.False(report.FreshClassifierHead);
        Assert.True(TinyBert.MaxAbsDiff(reloaded.Model) < 1e-4);
    }

    [Fact]
    public void Asking_for_other_labels_gives_a_fresh_reported_head()
    {
        using var student = StudentModel.Load(TinyBert.Directory, out var report, labels: ["O", "symptom"]);
        Assert.Equal(["O", "symptom"], student.Labels);
        Assert.True(report.FreshClassifierHead);
        Assert.Contains("differ", report.FreshHeadReason);
    }

    [Fact]
    public void A_directory_without_config_is_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => StudentModel.Load(dir, out _));
        Assert.Contains("config.json", e.Message);
    }
}

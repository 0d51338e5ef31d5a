using System.Text.Json;
using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Tests.Students;

/// <summary>
/// The tiny BERT fixtures made by TestData/Students/make_tiny_bert.py with PyTorch (reference forward
/// written from transformers' modeling_bert.py), and the logits PyTorch computed for them.
/// </summary>
public static class TinyBert
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "Students", "tiny-bert");

    public static string File(string name) => Path.Combine(Directory, name);

    public static BertConfig Config() => BertConfig.Load(File("config.json"));

    /// <summary>(input ids, attention mask, token types, expected logits) as tensors.</summary>
    public static (Tensor Ids, Tensor Mask, Tensor Types, Tensor Logits) Expected()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(File("expected_logits.json")));
        var root = doc.RootElement;
        Tensor Ints(string name)
        {
            var rows = root.GetProperty(name).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
            return tensor(rows.SelectMany(r => r).ToArray()).view(rows.Length, rows[0].Length);
        }
        var logits = root.GetProperty("logits").EnumerateArray()
            .Select(seq => seq.EnumerateArray().Select(row => row.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray()).ToArray();
        var flat = logits.SelectMany(s => s.SelectMany(r => r)).ToArray();
        return (Ints("input_ids"), Ints("attention_mask"), Ints("token_type_ids"), tensor(flat).view(logits.Length, logits[0].Length, logits[0][0].Length));
    }

    /// <summary>Largest absolute difference between our logits and PyTorch's for a loaded model.</summary>
    public static double MaxAbsDiff(BertForTokenClassification model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var (ids, mask, types, expected) = Expected();
        var actual = model.forward(ids, mask, types);
        return (actual - expected).abs().max().item<float>();
    }
}

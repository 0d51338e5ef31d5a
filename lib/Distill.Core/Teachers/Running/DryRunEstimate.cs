using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Llm;
using Microsoft.ML.Tokenizers;

namespace Distill.Teachers.Running;

/// <summary>What labeling would cost for one LLM teacher, before any call.</summary>
/// <param name="Teacher">Teacher name.</param>
/// <param name="Model">Model or deployment.</param>
/// <param name="Encoding">Tokenizer used to count (o200k_base for GPT-4o-family and unknown models).</param>
/// <param name="Calls">Chat calls (one per chunk per document per entity type).</param>
/// <param name="InputTokens">Prompt tokens, counted exactly on the rendered prompts.</param>
/// <param name="OutputTokens">Estimated completion tokens (see <see cref="DryRunEstimator"/>).</param>
/// <param name="CostUsd">Estimated price.</param>
public sealed record DryRunEstimate(string Teacher, string Model, string Encoding, int Calls, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>
/// Estimates tokens and cost of LLM labeling before spending: renders every prompt (per chunk) and counts its
/// tokens with Microsoft.ML.Tokenizers (<c>TiktokenTokenizer.CreateForModel</c>; o200k_base when the model is
/// not an OpenAI one, e.g. Gemini — an approximation). Output tokens are the tokens of a JSON list of each
/// document's gold mentions when the documents have gold spans of the type, else 5% of the note's tokens (both plus 4);
/// chat formatting adds ~7 tokens per call, counted too.
/// </summary>
internal static class DryRunEstimator
{
    const int ChatOverheadTokens = 7;

    public static DryRunEstimate Estimate(LlmTeacher teacher, IReadOnlyList<Document> documents, IReadOnlyList<string> entityTypes)
    {
        var options = teacher.Options;
        var (tokenizer, encoding) = TokenizerFor(options.Model);
        int calls = 0;
        long input = 0, output = 0;
        foreach (var type in entityTypes)
        {
            var template = teacher.PromptFor(type);
            var haveGold = documents.Any(d => d.SpansOf(type).Any());
            foreach (var document in documents)
            {
                foreach (var chunk in TextChunker.Split(document.Text, options.MaxChunkChars))
                {
                    calls++;
                    input += tokenizer.CountTokens(template.Render(chunk.Text)) + ChatOverheadTokens;
                    var gold = document.SpansOf(type).Where(s => s.Start >= chunk.Offset && s.End <= chunk.Offset + chunk.Text.Length)
                        .Select(s => s.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                    output += 4 + (haveGold
                        ? tokenizer.CountTokens(JsonSerializer.Serialize(gold))
                        : tokenizer.CountTokens(chunk.Text) / 20);
                }
            }
        }
        return new DryRunEstimate(teacher.Name, options.Model, encoding, calls, input, output,
            (input * options.PricePerMillionInputTokens + output * options.PricePerMillionOutputTokens) / 1_000_000m);
    }

    static (Tokenizer Tokenizer, string Encoding) TokenizerFor(string model)
    {
        try
        {
            return (TiktokenTokenizer.CreateForModel(model), $"tiktoken for {model}");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return (TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base (approximation)");
        }
    }
}

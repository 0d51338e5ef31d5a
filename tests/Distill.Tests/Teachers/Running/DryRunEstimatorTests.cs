using Distill.Corpora;
using Distill.Teachers.Llm;
using Distill.Teachers.Running;
using Microsoft.ML.Tokenizers;

namespace Distill.Tests.Teachers.Running;

public class DryRunEstimatorTests
{
    [Fact]
    public void Counts_prompt_tokens_with_the_models_tokenizer_and_prices_them()
    {
        var template = new PromptTemplate("disease", "Find diseases.\n{{text}}", "test");
        var options = new LlmTeacherOptions { Model = "gpt-4o-2024-08-06", PricePerMillionInputTokens = 2.5m, PricePerMillionOutputTokens = 10m };
        var teacher = new LlmTeacher("gpt-4o", null, options, _ => template, clientError: "dry run");
        var documents = new[]
        {
            TeacherTestData.Note("a", "The patient has gout and asthma.", ("gout", "disease"), ("asthma", "disease")),
            new Document("b", "No findings today."),
        };
        var estimate = DryRunEstimator.Estimate(teacher, documents, ["disease"]);

        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        long expectedInput = documents.Sum(d => o200k.CountTokens(template.Render(d.Text)) + 7);
        Assert.Equal(2, estimate.Calls);
        Assert.Equal(expectedInput, estimate.InputTokens);
        // a: tokens of ["gout","asthma"] + 4; b: no gold in b but the set has gold, so an empty list [] + 4.
        Assert.Equal(o200k.CountTokens("[\"gout\",\"asthma\"]") + 4 + o200k.CountTokens("[]") + 4, estimate.OutputTokens);
        Assert.Equal((estimate.InputTokens * 2.5m + estimate.OutputTokens * 10m) / 1_000_000m, estimate.CostUsd);
    }

    [Fact]
    public void Unknown_models_fall_back_to_o200k_and_say_so()
    {
        var teacher = new LlmTeacher("gemini", null, new LlmTeacherOptions { Model = "gemini-1.5-flash-002" },
            _ => new PromptTemplate("disease", "{{text}}", "t"), clientError: "dry run");
        var estimate = DryRunEstimator.Estimate(teacher, [new Document("a", "gout")], ["disease"]);
        Assert.Contains("approximation", estimate.Encoding);
        Assert.Equal(0m, estimate.CostUsd);
    }
}

namespace Distill.Teachers.QuestionGeneration;

/// <summary>Settings of the LLM QA generator; defaults follow Woo et al. (temperature 0.7, top-p 0.95, served by vLLM).</summary>
public sealed record QaGenerationOptions
{
    /// <summary>Sampling temperature (0.7).</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Nucleus sampling (0.95).</summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>Completion allowance per call: 30 pairs of about 120 tokens, with room (default 6,000).</summary>
    public int MaxOutputTokens { get; init; } = 6_000;

    /// <summary>The cache's entity-type column for generation calls, so they never mix with NER labelings.</summary>
    public const string CacheEntityType = "qa-generation";

    /// <summary>The prompt file's stem: <c>prompts/qa-generation.vN.txt</c>.</summary>
    public const string PromptName = "qa-generation";

    /// <summary>Expected completion tokens per call, for <c>--dry-run</c> estimates (30 pairs × ~80 tokens).</summary>
    public int ExpectedOutputTokens { get; init; } = 2_400;
}

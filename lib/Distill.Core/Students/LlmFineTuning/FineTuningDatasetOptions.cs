namespace Distill.Students.LlmFineTuning;

/// <summary>
/// How validated pairs become an LLM fine-tuning set, after Woo et al.: keep pairs of at least
/// <see cref="MinimumDifficulty"/>, balance the four types (each cut to the rarest type's count), split 90/10 with a seed.
/// Difficulty filters; it is never a training target.
/// </summary>
public sealed record FineTuningDatasetOptions
{
    /// <summary>Lowest difficulty kept (default 1: all).</summary>
    public int MinimumDifficulty { get; init; } = 1;

    /// <summary>Cut every type to the rarest type's count (default true).</summary>
    public bool BalanceTypes { get; init; } = true;

    /// <summary>Share of pairs for training; the rest is validation (default 0.9).</summary>
    public double TrainFraction { get; init; } = 0.9;

    public int Seed { get; init; } = 19;

    /// <summary>The system message of every chat example.</summary>
    public string SystemPrompt { get; init; } =
        "You answer questions about a patient from their clinical note. Answer \"Yes\" or \"No\" for yes/no questions, " +
        "the number as written for numeric questions, and \"N/A\" when the note does not answer the question.";
}

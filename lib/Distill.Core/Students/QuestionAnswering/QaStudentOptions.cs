namespace Distill.Students.QuestionAnswering;

/// <summary>
/// Training and reading settings of the QA student. Defaults are small on purpose (2 shared CPU cores): 256-piece
/// inputs, batch 8, 3 epochs at a constant 1e-4 (the packaged MiniLM's NER rate halved, as the head starts fresh on a
/// new task; not tuned), seed 19.
/// </summary>
public sealed record QaStudentOptions
{
    public int MaxLength { get; init; } = 256;
    public int BatchSize { get; init; } = 8;
    public int Epochs { get; init; } = 3;
    public double LearningRate { get; init; } = 1e-4;
    public double WeightDecay { get; init; } = 0.01;
    public double MaxGradNorm { get; init; } = 1.0;
    public int Seed { get; init; } = 19;

    /// <summary>Characters of the note on each side of the source quote in a training window.</summary>
    public int ContextChars { get; init; } = 200;

    /// <summary>Note pieces between the starts of two windows when the student reads a whole note.</summary>
    public int WindowStride { get; init; } = 160;

    public QaStudentOptions Validate()
    {
        if (MaxLength is < 32 or > 512) throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, "max length must be 32-512 pieces.");
        if (BatchSize < 1 || Epochs < 1 || !(LearningRate > 0) || WindowStride < 8)
            throw new ArgumentException("batch size and epochs must be at least 1, the learning rate positive and the stride at least 8.");
        return this;
    }
}

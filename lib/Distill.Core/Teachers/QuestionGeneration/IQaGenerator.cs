using Distill.Corpora;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>Writes candidate question-answer pairs about a note (an LLM, or the keyless template generator).</summary>
public interface IQaGenerator
{
    /// <summary>Name in every output (e.g. <c>llama-3.1-70b</c>, <c>template-generator</c>).</summary>
    string Name { get; }

    QaGeneratorKind Kind { get; }

    /// <summary>The candidates for <paramref name="note"/> (validated afterwards by <see cref="QaPairValidator"/>); failures are returned, not thrown; cancellation throws.</summary>
    Task<QaGeneration> GenerateAsync(Document note, CancellationToken cancellationToken = default);
}

/// <summary>One generator's answer for one note, with its cost.</summary>
/// <param name="NoteId">The note.</param>
/// <param name="Generator">The generator's name.</param>
/// <param name="Kind">LLM or template.</param>
/// <param name="Candidates">What it wrote, unvalidated (null items were not JSON objects).</param>
/// <param name="InputTokens">Prompt tokens billed (0 for the template generator).</param>
/// <param name="OutputTokens">Completion tokens billed.</param>
/// <param name="CostUsd">Price of the calls.</param>
/// <param name="FromCache">Whether the answer was replayed from the teacher cache.</param>
/// <param name="Error">Null on success; else why the note has no pairs.</param>
public sealed record QaGeneration(string NoteId, string Generator, QaGeneratorKind Kind, IReadOnlyList<QaCandidate?> Candidates,
    int InputTokens, int OutputTokens, decimal CostUsd, bool FromCache, string? Error);

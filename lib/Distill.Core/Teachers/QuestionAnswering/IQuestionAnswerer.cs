using Distill.Corpora;

namespace Distill.Teachers.QuestionAnswering;

/// <summary>
/// Anything that answers a question about a note: an OpenAI-compatible model (base, fine-tuned or the teacher,
/// <see cref="LlmQuestionAnswerer"/>) or the small in-repo student. The cohort-selection evaluation scores them all
/// through this one contract.
/// </summary>
public interface IQuestionAnswerer
{
    /// <summary>Name in tables.</summary>
    string Name { get; }

    /// <summary>Plain words on what it is ("LLM via OpenAI-compatible API", "MiniLM cross-encoder trained on template pairs").</summary>
    string Description { get; }

    Task<QuestionAnswer> AnswerAsync(string question, Document note, CancellationToken cancellationToken = default);
}

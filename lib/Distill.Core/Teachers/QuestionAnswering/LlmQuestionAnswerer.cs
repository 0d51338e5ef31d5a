using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Llm;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Teachers.QuestionAnswering;

/// <summary>
/// Asks an OpenAI-compatible model (the base model, a fine-tuned one, or the teacher) one question about a note, zero-shot,
/// with <c>prompts/qa-answer.vN.txt</c> ({{question}} and {{text}}), as Woo et al. evaluate on n2c2 2018 Track 1. The
/// configured teacher's client, HTTP pipeline and prices are reused; answers are cached like every teacher call (entity
/// type <c>qa-answer:</c> + the question's hash, so each question is its own entry). The note is cut to the teacher's
/// MaxChunkChars from its end (the latest notes of a patient), since one question gets one call.
/// </summary>
internal sealed class LlmQuestionAnswerer : IQuestionAnswerer
{
    public const string PromptName = "qa-answer";
    public const string QuestionPlaceholder = "{{question}}";

    readonly LlmTeacher teacher;
    readonly ITeacherCache? cache;
    readonly PromptTemplate prompt;

    /// <param name="source">A configured LLM teacher (client, model, prices).</param>
    /// <param name="prompt">The answer prompt (default: the latest prompts/qa-answer.vN.txt).</param>
    /// <param name="cache">Teacher cache (null: none).</param>
    public LlmQuestionAnswerer(LlmTeacher source, PromptTemplate? prompt = null, ITeacherCache? cache = null)
    {
        this.prompt = prompt ?? PromptTemplate.Latest(PromptName);
        if (!this.prompt.Template.Contains(QuestionPlaceholder, StringComparison.Ordinal))
            throw new InvalidDataException($"Prompt '{this.prompt.Source}' has no {QuestionPlaceholder} placeholder.");
        teacher = source.Derive(source.Name, source.Options with { MaxOutputTokens = 64 }, _ => this.prompt);
        this.cache = cache;
    }

    public string Name => teacher.Name;
    public string Description => $"LLM {teacher.Options.Model} via an OpenAI-compatible API, zero-shot";

    /// <summary>Tokens and dollars of the calls made so far (cached answers count their original price).</summary>
    public (long InputTokens, long OutputTokens, decimal CostUsd) Usage { get; private set; }

    public async Task<QuestionAnswer> AnswerAsync(string question, Document note, CancellationToken cancellationToken = default)
    {
        var text = note.Text.Length <= teacher.Options.MaxChunkChars ? note.Text : note.Text[^teacher.Options.MaxChunkChars..];
        var entityType = $"{PromptName}:{CacheKey.Sha256Hex(question)[..16]}";
        var fingerprint = teacher.Fingerprint(entityType);
        var key = CacheKey.Compute(Name, fingerprint, CacheKey.DocumentHash(text), entityType);
        if (cache is not null && await cache.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { Error: null } stored)
        {
            Usage = (Usage.InputTokens + stored.InputTokens, Usage.OutputTokens + stored.OutputTokens, Usage.CostUsd + stored.CostUsd);
            return QuestionAnswer.Parse(stored.RawResponse);
        }
        var rendered = prompt.Render(text).Replace(QuestionPlaceholder, question, StringComparison.Ordinal);
        var outcome = await teacher.CompleteAsync(rendered, cancellationToken).ConfigureAwait(false);
        var cost = teacher.Options.Cost(outcome.InputTokens, outcome.OutputTokens);
        Usage = (Usage.InputTokens + outcome.InputTokens, Usage.OutputTokens + outcome.OutputTokens, Usage.CostUsd + cost);
        if (cache is not null)
            await cache.RecordAsync(QaCacheRecord.Create(Name, fingerprint, key, note.Id, text, entityType, outcome.Content ?? outcome.Raw,
                outcome.InputTokens, outcome.OutputTokens, 0, cost, outcome.Error), CancellationToken.None).ConfigureAwait(false);
        // A failed call is not an answer the model gave: it reads as not answerable, and the error text says why.
        return outcome.Error is null ? QuestionAnswer.Parse(outcome.Content) : QuestionAnswer.NotAnswerable($"error: {outcome.Error}");
    }
}

using System.Text.Json.Serialization;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>What wrote a question-answer pair, so template pairs are never read as an LLM's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QaGeneratorKind>))]
public enum QaGeneratorKind
{
    /// <summary>A chat model behind an OpenAI-compatible API, prompted with <c>prompts/qa-generation.vN.txt</c>.</summary>
    [JsonStringEnumMemberName("llm")] Llm,
    /// <summary>The keyless template generator: fixed question templates over dictionary mentions and lab-value patterns.</summary>
    [JsonStringEnumMemberName("template")] Template,
}

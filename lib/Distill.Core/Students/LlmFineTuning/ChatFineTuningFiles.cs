using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Corpora;
using Distill.IO;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Students.LlmFineTuning;

/// <summary>A chat message of a fine-tuning line.</summary>
public sealed record ChatMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

/// <summary>One line of the OpenAI / Azure OpenAI chat fine-tuning format: <c>{"messages": [system, user, assistant]}</c>.</summary>
public sealed record OpenAiChatExample([property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages);

/// <summary>
/// One line of Hugging Face TRL's conversational prompt-completion format (<c>SFTTrainer</c> computes the loss on the
/// completion only, as Woo et al. train on the answer): <c>{"prompt": [system, user], "completion": [assistant]}</c>.
/// </summary>
public sealed record HuggingFaceChatExample(
    [property: JsonPropertyName("prompt")] IReadOnlyList<ChatMessage> Prompt,
    [property: JsonPropertyName("completion")] IReadOnlyList<ChatMessage> Completion);

/// <summary>The files written for fine-tuning an LLM student on an existing engine.</summary>
public sealed record ChatFineTuningPaths(string OpenAiTrain, string OpenAiValidation, string HuggingFaceTrain, string HuggingFaceValidation);

/// <summary>Writes a <see cref="FineTuningDataset"/> as chat JSONL, each file atomically (temp, then rename).</summary>
public static class ChatFineTuningFiles
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The user message: the note, then the question (the note comes first, as in the generation prompt).</summary>
    public static string UserMessage(string note, string question) => $"Note:\n{note}\n\nQuestion: {question}";

    public static ChatFineTuningPaths Write(FineTuningDataset dataset, IReadOnlyDictionary<string, Document> notes, string folder, FineTuningDatasetOptions? options = null)
    {
        options ??= new FineTuningDatasetOptions();
        Directory.CreateDirectory(folder);
        var paths = new ChatFineTuningPaths(Path.Combine(folder, "openai-train.jsonl"), Path.Combine(folder, "openai-validation.jsonl"),
            Path.Combine(folder, "hf-train.jsonl"), Path.Combine(folder, "hf-validation.jsonl"));
        WriteLines(paths.OpenAiTrain, dataset.Train, p => JsonSerializer.Serialize(OpenAi(p, notes, options), Json));
        WriteLines(paths.OpenAiValidation, dataset.Validation, p => JsonSerializer.Serialize(OpenAi(p, notes, options), Json));
        WriteLines(paths.HuggingFaceTrain, dataset.Train, p => JsonSerializer.Serialize(HuggingFace(p, notes, options), Json));
        WriteLines(paths.HuggingFaceValidation, dataset.Validation, p => JsonSerializer.Serialize(HuggingFace(p, notes, options), Json));
        return paths;
    }

    static (ChatMessage System, ChatMessage User, ChatMessage Assistant) Messages(QaPair pair, IReadOnlyDictionary<string, Document> notes, FineTuningDatasetOptions options)
    {
        if (!notes.TryGetValue(pair.NoteId, out var note)) throw new InvalidDataException($"pair '{pair.Question}' names note '{pair.NoteId}', which is not among the notes.");
        return (new ChatMessage("system", options.SystemPrompt), new ChatMessage("user", UserMessage(note.Text, pair.Question)), new ChatMessage("assistant", pair.Answer));
    }

    public static OpenAiChatExample OpenAi(QaPair pair, IReadOnlyDictionary<string, Document> notes, FineTuningDatasetOptions options)
    {
        var (system, user, assistant) = Messages(pair, notes, options);
        return new OpenAiChatExample([system, user, assistant]);
    }

    public static HuggingFaceChatExample HuggingFace(QaPair pair, IReadOnlyDictionary<string, Document> notes, FineTuningDatasetOptions options)
    {
        var (system, user, assistant) = Messages(pair, notes, options);
        return new HuggingFaceChatExample([system, user], [assistant]);
    }

    static void WriteLines(string path, IReadOnlyList<QaPair> pairs, Func<QaPair, string> line) =>
        AtomicFile.Write(path, temp => File.WriteAllLines(temp, pairs.Select(line)));
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Distill.Students.Relations;

/// <summary>Which ADE student a saved folder holds: written into its config.json as <c>distill_head</c>.</summary>
public static class AdeStudentHead
{
    /// <summary>One encoder pass per sentence; per drug, [h_t; h_drug; h_t ⊙ h_drug] → IO tags of that drug's adverse events.</summary>
    public const string DrugConditioned = "drug-conditioned-ade";

    /// <summary>The ablation: the drug marked in the input, one encoder pass per drug, a plain token classifier of its adverse events.</summary>
    public const string DrugMarkers = "drug-marker-ade";

    /// <summary>The config.json key.</summary>
    public const string ConfigKey = "distill_head";

    /// <summary>The file holding the drug-conditioned head's weights, beside model.safetensors.</summary>
    public const string HeadFile = "ade_head.safetensors";

    /// <summary>The config.json key (inside <c>distill_head</c>) of the event decision bias chosen on dev (<see cref="EventDecision"/>).</summary>
    public const string EventBiasKey = "event_bias";

    /// <summary>The key (inside <c>distill_head</c>) of the seconds the training took, kept so a resumed run can report them.</summary>
    internal const string TrainSecondsKey = "train_seconds";

    /// <summary>The head named in <paramref name="directory"/>'s config.json, or null when it names none (a plain distill student).</summary>
    public static string? Read(string directory) =>
        Field(directory, "name", $"'{ConfigKey}' must be an object with a string 'name'", n => n?.GetValue<string>());

    /// <summary>The event decision bias recorded in <paramref name="directory"/>'s config.json, or 0 (the argmax) when none is.</summary>
    public static double EventBias(string directory) =>
        Field(directory, EventBiasKey, $"'{ConfigKey}.{EventBiasKey}' must be a number", n => n?.GetValue<double>() ?? 0);

    /// <summary>The training seconds recorded in the head, or null when none (or no number) is.</summary>
    internal static double? TrainSeconds(string directory) =>
        Field(directory, TrainSecondsKey, $"'{ConfigKey}.{TrainSecondsKey}' must be a number",
            n => n is JsonValue v && v.TryGetValue<double>(out var seconds) ? seconds : (double?)null);

    /// <summary>Records the chosen event decision bias in the saved config.json's <c>distill_head</c>, so <c>distill predict --task ade</c> decides as the study did.</summary>
    internal static void WriteEventBias(string directory, double bias)
    {
        if (EventBias(directory) == bias) return;
        Update(directory, (path, config) =>
        {
            if (config[ConfigKey] is not JsonObject head)
                throw new InvalidDataException($"{path} names no '{ConfigKey}': not an ADE student.");
            head[EventBiasKey] = bias;
        });
    }

    /// <summary>Adds <c>distill_head</c> to a saved config.json.</summary>
    internal static void Write(string directory, string name, IReadOnlyDictionary<string, object?> details) =>
        Update(directory, (_, config) =>
        {
            var head = new JsonObject { ["name"] = name };
            foreach (var (k, v) in details) head[k] = JsonSerializer.SerializeToNode(v);
            config[ConfigKey] = head;
        });

    static string ConfigPath(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' has no config.json: not a Hugging Face model directory.", path);
        return path;
    }

    // One reader of distill_head's fields: a malformed config.json or a field of the wrong kind is one InvalidDataException naming the file.
    static T Field<T>(string directory, string key, string expected, Func<JsonNode?, T> read)
    {
        var path = ConfigPath(directory);
        try
        {
            return read(JsonNode.Parse(File.ReadAllText(path))?[ConfigKey]?[key]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: {expected} ({e.Message}).", e);
        }
    }

    // One writer: read config.json, change it, write it whole (temp file, then rename).
    static void Update(string directory, Action<string, JsonObject> change)
    {
        var path = ConfigPath(directory);
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(path, config);
        IO.AtomicFile.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}

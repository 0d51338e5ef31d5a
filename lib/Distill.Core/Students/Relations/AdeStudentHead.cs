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

    /// <summary>The head named in <paramref name="directory"/>'s config.json, or null when it names none (a plain distill student).</summary>
    public static string? Read(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' has no config.json: not a Hugging Face model directory.", path);
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))?[ConfigKey]?["name"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: '{ConfigKey}' must be an object with a string 'name' ({e.Message}).", e);
        }
    }

    /// <summary>The config.json key (inside <c>distill_head</c>) of the event decision bias chosen on dev (<see cref="EventDecision"/>).</summary>
    public const string EventBiasKey = "event_bias";

    /// <summary>The event decision bias recorded in <paramref name="directory"/>'s config.json, or 0 (the argmax) when none is.</summary>
    public static double EventBias(string directory)
    {
        var path = Path.Combine(directory, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' has no config.json: not a Hugging Face model directory.", path);
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))?[ConfigKey]?[EventBiasKey]?.GetValue<double>() ?? 0;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: '{ConfigKey}.{EventBiasKey}' must be a number ({e.Message}).", e);
        }
    }

    /// <summary>Records the chosen event decision bias in the saved config.json's <c>distill_head</c>, so <c>distill predict --task ade</c> decides as the study did.</summary>
    internal static void WriteEventBias(string directory, double bias)
    {
        if (EventBias(directory) == bias) return;
        var path = Path.Combine(directory, "config.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (node[ConfigKey] is not System.Text.Json.Nodes.JsonObject head)
            throw new InvalidDataException($"{path} names no '{ConfigKey}': not an ADE student.");
        head[EventBiasKey] = bias;
        IO.AtomicFile.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Adds <c>distill_head</c> to a saved config.json.</summary>
    internal static void Write(string directory, string name, IReadOnlyDictionary<string, object?> details)
    {
        var path = Path.Combine(directory, "config.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var head = new System.Text.Json.Nodes.JsonObject { ["name"] = name };
        foreach (var (k, v) in details) head[k] = System.Text.Json.JsonSerializer.SerializeToNode(v);
        node[ConfigKey] = head;
        IO.AtomicFile.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Distill.Students.Training;

/// <summary>
/// What makes a training run the run it is, recorded in <c>checkpoint-last/trainer_state.json</c> so that a later
/// <c>train --out</c> into the same folder resumes only that run (issue 15; <see cref="ResumeMode.SameRun"/>).
/// </summary>
/// <param name="DataSha256">SHA-256 of the training and dev documents as the trainer sees them (ids, text, tokens,
/// tags, soft labels), so <c>--max-train-docs</c> or an edited file make another run, and a moved file does not.</param>
/// <param name="StartingModel">Where the weights started: a checkpoint folder's full path, or "scratch".</param>
/// <param name="Options">The training options as JSON, without <see cref="TrainingOptions.Resume"/>.</param>
public sealed record TrainingRunKey(string DataSha256, string StartingModel, string Options)
{
    /// <summary>The starting model of a student trained from random initialisation (<see cref="DefaultStudent"/>).</summary>
    public const string Scratch = "scratch";

    public static TrainingRunKey Of(IReadOnlyList<TrainingDocument> train, IReadOnlyList<TrainingDocument> dev, string startingModel, TrainingOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        foreach (var (split, documents) in new[] { ("train", train), ("dev", dev) })
        {
            Text(split);
            hash.AppendData(BitConverter.GetBytes(documents.Count));
            foreach (var d in documents)
            {
                Text(d.Id);
                Text(d.Text);
                foreach (var t in d.Tokens) hash.AppendData(BitConverter.GetBytes(((long)t.Start << 32) | (uint)t.End));
                foreach (var tag in d.Tags) Text(tag);
                foreach (var label in d.ProbabilityLabels ?? []) Text(label);
                foreach (var row in d.Probabilities ?? []) hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
            }
        }
        var json = JsonSerializer.SerializeToNode(options)!.AsObject();
        json.Remove(nameof(TrainingOptions.Resume));
        return new TrainingRunKey(Convert.ToHexStringLower(hash.GetHashAndReset()), startingModel, json.ToJsonString());
    }

    public JsonObject ToJson() => new() { ["data_sha256"] = DataSha256, ["starting_model"] = StartingModel, ["options"] = Options };

    /// <summary>The key a state file recorded, or null when it has none (written before runs were recorded).</summary>
    public static TrainingRunKey? FromJson(JsonNode? node) =>
        node is JsonObject o && o["data_sha256"]?.GetValue<string>() is { } data && o["starting_model"]?.GetValue<string>() is { } model
        && o["options"]?.GetValue<string>() is { } opts
            ? new TrainingRunKey(data, model, opts)
            : null;

    /// <summary>What differs from <paramref name="now"/>, in words ("other training or dev data; options Epochs 3 -> 5"), or null.</summary>
    public string? DifferenceFrom(TrainingRunKey now)
    {
        var parts = new List<string>();
        if (DataSha256 != now.DataSha256) parts.Add("other training or dev data");
        if (StartingModel != now.StartingModel) parts.Add($"starting model {StartingModel} -> {now.StartingModel}");
        if (Options != now.Options)
        {
            var before = JsonNode.Parse(Options) as JsonObject ?? [];
            var after = JsonNode.Parse(now.Options) as JsonObject ?? [];
            var changed = after.Select(p => p.Key).Union(before.Select(p => p.Key))
                .Where(k => before[k]?.ToJsonString() != after[k]?.ToJsonString())
                .Select(k => $"{k} {before[k]?.ToJsonString() ?? "unset"} -> {after[k]?.ToJsonString() ?? "unset"}");
            parts.Add($"options {string.Join(", ", changed)}");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

using Distill.Students.Modeling;
using static TorchSharp.torch;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Copies checkpoint tensors into a <see cref="BertForTokenClassification"/> after checking every
/// key, shape and dtype (like nanoGPT's from_pretrained asserts). It understands the variants real
/// BERT checkpoints come in: keys without the <c>bert.</c> prefix (a saved <c>BertModel</c>), the old
/// TensorFlow names <c>LayerNorm.gamma/beta</c>, and the pre-training heads (<c>cls.*</c>) and pooler,
/// which a token classifier does not use and which are reported, not silently dropped.
/// </summary>
internal static class StateDictLoader
{
    // Stored tensors a token classifier has no place for: reported as unused, never an error.
    static bool IsKnownUnused(string key) =>
        key.StartsWith("bert.pooler.", StringComparison.Ordinal) ||
        key.StartsWith("cls.", StringComparison.Ordinal) ||
        key.EndsWith("position_ids", StringComparison.Ordinal);

    /// <summary>The HF key a stored name stands for.</summary>
    public static string Normalize(string key)
    {
        var k = key.Replace("LayerNorm.gamma", "LayerNorm.weight", StringComparison.Ordinal)
                   .Replace("LayerNorm.beta", "LayerNorm.bias", StringComparison.Ordinal);
        if (k.StartsWith("embeddings.", StringComparison.Ordinal) || k.StartsWith("encoder.", StringComparison.Ordinal) || k.StartsWith("pooler.", StringComparison.Ordinal))
            k = "bert." + k;
        return k;
    }

    /// <summary>
    /// Loads <paramref name="checkpoint"/> into <paramref name="model"/>. Every encoder weight must be
    /// present with the model's shape and a floating dtype; otherwise an <see cref="InvalidDataException"/>
    /// lists what is missing or wrong. The classifier is loaded when present with the right shape and
    /// <paramref name="loadHead"/> is true; otherwise it keeps its fresh initialisation and the report says why.
    /// Stored tensors that match nothing are an error unless they are a known pre-training part.
    /// </summary>
    public static CheckpointLoadReport Load(BertForTokenClassification model, CheckpointTensors checkpoint, bool loadHead = true, string? headMismatchReason = null)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal); // normalized -> stored name
        foreach (var name in checkpoint.Tensors.Keys)
            if (!stored.TryAdd(Normalize(name), name))
                throw new InvalidDataException($"{checkpoint.Source}: '{name}' and '{stored[Normalize(name)]}' both stand for '{Normalize(name)}'.");

        var parameters = model.state_dict();
        var problems = new List<string>();
        var headKeys = BertForTokenClassification.HeadParameterNames;
        string? headReason = loadHead ? null : headMismatchReason ?? "the checkpoint's labels differ from the training labels";
        foreach (var key in headKeys)
        {
            if (headReason is not null) break;
            if (!stored.TryGetValue(key, out var name)) headReason = "the checkpoint has no classifier (a base encoder)";
            else if (!checkpoint.Tensors[name].shape.SequenceEqual(parameters[key].shape))
                headReason = $"the checkpoint's classifier has shape [{string.Join(", ", checkpoint.Tensors[name].shape)}], this model needs [{string.Join(", ", parameters[key].shape)}]";
        }

        var loaded = 0;
        using (no_grad())
        {
            foreach (var (key, parameter) in parameters)
            {
                var isHead = headKeys.Contains(key);
                if (isHead && headReason is not null) continue;
                if (!stored.TryGetValue(key, out var name))
                {
                    problems.Add($"missing '{key}' (shape [{string.Join(", ", parameter.shape)}])");
                    continue;
                }
                var source = checkpoint.Tensors[name];
                var dtype = checkpoint.StoredDTypes[name];
                if (!CheckpointTensors.IsFloating(dtype))
                    problems.Add($"'{name}' is stored as {dtype}; a weight must be F32, F16, BF16 or F64");
                else if (!source.shape.SequenceEqual(parameter.shape))
                    problems.Add($"'{name}' has shape [{string.Join(", ", source.shape)}], the model needs [{string.Join(", ", parameter.shape)}]");
                else
                {
                    parameter.copy_(source);
                    loaded++;
                }
            }
        }

        var unused = new List<string>();
        foreach (var (normalized, name) in stored)
        {
            if (parameters.ContainsKey(normalized) && !(headKeys.Contains(normalized) && headReason is not null)) continue;
            if (IsKnownUnused(normalized) || headKeys.Contains(normalized)) unused.Add(name);
            else problems.Add($"unexpected '{name}': no such parameter in a BERT token classifier (is this a BERT checkpoint?)");
        }
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"{checkpoint.Source} does not fit the model built from its config.json ({problems.Count} problems): " +
                string.Join("; ", problems.Take(12)) + (problems.Count > 12 ? "; ..." : "."));
        return new CheckpointLoadReport(checkpoint.Source, loaded, headReason is not null, headReason, unused);
    }
}

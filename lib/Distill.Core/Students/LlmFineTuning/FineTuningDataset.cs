using Distill.Corpora;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Students.LlmFineTuning;

/// <summary>The pairs chosen for fine-tuning, split into train and validation, and what the filters removed.</summary>
/// <param name="Train">Training pairs (90%).</param>
/// <param name="Validation">Validation pairs (10%).</param>
/// <param name="BelowDifficulty">Pairs removed by the difficulty filter.</param>
/// <param name="RemovedByBalancing">Pairs removed so every type has the same count.</param>
public sealed record FineTuningDataset(IReadOnlyList<QaPair> Train, IReadOnlyList<QaPair> Validation, int BelowDifficulty, int RemovedByBalancing)
{
    /// <summary>Filters, balances and splits <paramref name="pairs"/> (seeded, so the same pairs give the same split).</summary>
    public static FineTuningDataset Build(IReadOnlyList<QaPair> pairs, FineTuningDatasetOptions? options = null)
    {
        options ??= new FineTuningDatasetOptions();
        if (options.TrainFraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), options.TrainFraction, "train fraction must be in (0, 1].");
        var random = new Random(options.Seed);
        var kept = pairs.Where(p => p.Difficulty >= options.MinimumDifficulty).ToList();
        var below = pairs.Count - kept.Count;
        var removed = 0;
        if (options.BalanceTypes && kept.Count > 0)
        {
            var byType = QaPairTypes.All.Select(t => kept.Where(p => p.Type == t).ToArray()).ToArray();
            var smallest = byType.Min(g => g.Length);
            var balanced = new List<QaPair>();
            foreach (var group in byType)
            {
                random.Shuffle(group);
                balanced.AddRange(group.Take(smallest));
            }
            removed = kept.Count - balanced.Count;
            kept = balanced;
        }
        var shuffled = kept.ToArray();
        random.Shuffle(shuffled);
        var trainCount = shuffled.Length < 2 ? shuffled.Length : Math.Clamp((int)Math.Round(shuffled.Length * options.TrainFraction), 1, shuffled.Length - (options.TrainFraction < 1 ? 1 : 0));
        return new FineTuningDataset(shuffled[..trainCount], shuffled[trainCount..], below, removed);
    }
}

namespace Distill.Students.Relations;

/// <summary>
/// The decision rule of an ADE student's event tagger: a word is a drug's adverse event when its event logit exceeds
/// its outside logit by a bias b (b = 0 is the argmax). Both students are trained with the event class weighted
/// <see cref="DrugConditionedAdeTrainer.EventWeight"/> (w = 5), which at the loss's optimum moves the decision toward
/// the event class by about ln w ≈ 1.6 in logit (logit adjustment, Menon et al. 2021), so a well-trained student may
/// want b &gt; 0; a short training leaves the rare class under-fitted, and there b &lt; 0 buys recall (the quick run's
/// dev). Neither is assumed: b is chosen on dev, where the teacher combination is chosen too, from <see cref="Grid"/>;
/// test is never looked at.
/// </summary>
public static class EventDecision
{
    /// <summary>Candidate biases, from more recall (b &lt; 0) through the argmax to past ln 5.</summary>
    public static IReadOnlyList<double> Grid { get; } = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];

    /// <summary>The bias with the best dev F1; a tie goes to the bias closer to 0 (the plain argmax), then to the smaller.</summary>
    public static double Choose(IReadOnlyList<(double Bias, double F1)> scored)
    {
        if (scored.Count == 0) throw new ArgumentException("No bias was scored.", nameof(scored));
        return scored.OrderByDescending(s => Math.Round(s.F1, 12)).ThenBy(s => Math.Abs(s.Bias)).ThenBy(s => s.Bias).First().Bias;
    }
}

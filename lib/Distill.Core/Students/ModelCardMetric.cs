namespace Distill.Students;

/// <summary>One evaluation result of a student for its model card (<c>model-index</c> and the evaluation table).</summary>
/// <param name="Name">What was measured, e.g. "token-level F1 (disease)".</param>
/// <param name="Type">The Hugging Face metric id: <c>f1</c>, <c>precision</c>, <c>recall</c>.</param>
/// <param name="Value">The estimate.</param>
/// <param name="Lower">Lower end of the 95% interval, when known.</param>
/// <param name="Upper">Upper end of the 95% interval, when known.</param>
/// <param name="Split">The split it was measured on (test, dev).</param>
/// <param name="Notes">How many notes.</param>
public sealed record ModelCardMetric(string Name, string Type, double Value, double? Lower, double? Upper, string Split, int Notes);

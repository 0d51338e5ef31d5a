namespace Distill.Pipeline.Events;

/// <summary>
/// A stage finished with its typed <paramref name="Result"/> (a <c>SearchStageResult</c>, <c>StudentStageResult</c>,
/// <c>PredictionStageResult</c>…), which a display may render as tables; <paramref name="Resumed"/> says whether it
/// reused work from an earlier run (cached teacher answers, a finished or interrupted training).
/// </summary>
public sealed record StageCompleted(string Stage, object Result, TimeSpan Elapsed, bool Resumed) : StageEvent(Stage);

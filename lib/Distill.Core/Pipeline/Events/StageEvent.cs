namespace Distill.Pipeline.Events;

/// <summary>
/// What a stage tells whoever shows it (the CLI's console, a notebook's display): stages never print. The
/// subtypes are <see cref="StageStarted"/>, <see cref="StageMessage"/>, <see cref="StageProgress"/> and
/// <see cref="StageCompleted"/>.
/// </summary>
/// <param name="Stage">The stage's name as the run's <c>stages.json</c> records it (<c>search</c>, <c>student-distilled</c>…).</param>
public abstract record StageEvent(string Stage);

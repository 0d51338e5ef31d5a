namespace Distill.Notebooks;

/// <summary>
/// Progress of <see cref="NotebookStage"/>: a notebook starts (neither <paramref name="Cell"/> nor
/// <paramref name="Result"/>), one of its cells starts (<paramref name="Cell"/>), or it ended (<paramref name="Result"/>,
/// failed or not).
/// </summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="Index">1-based position among the notebooks being run.</param>
/// <param name="Count">How many notebooks are being run.</param>
public sealed record NotebookStageEvent(string Notebook, int Index, int Count, NotebookRunProgress? Cell = null, NotebookRunResult? Result = null);

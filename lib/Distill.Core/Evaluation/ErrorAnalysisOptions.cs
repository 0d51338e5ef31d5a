namespace Distill.Evaluation;

/// <summary>Settings of the error analysis.</summary>
/// <param name="ContextCharacters">Characters of text kept on each side of a mention for review.</param>
public sealed record ErrorAnalysisOptions(int ContextCharacters = 60);

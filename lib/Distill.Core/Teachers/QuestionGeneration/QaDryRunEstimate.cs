namespace Distill.Teachers.QuestionGeneration;

/// <summary>What a QA generation run would cost (<c>--dry-run</c>): calls, estimated tokens and dollars.</summary>
/// <param name="Generator">The generator.</param>
/// <param name="Notes">Notes asked about.</param>
/// <param name="CachedNotes">Notes whose answer is already cached (free).</param>
/// <param name="Calls">Chat calls still to make (one per chunk of each uncached note).</param>
/// <param name="InputTokens">Estimated prompt tokens (~4 characters per token).</param>
/// <param name="OutputTokens">Estimated completion tokens.</param>
/// <param name="CostUsd">Estimated price at the teacher's token prices (0 when they are not given).</param>
public sealed record QaDryRunEstimate(string Generator, int Notes, int CachedNotes, int Calls, long InputTokens, long OutputTokens, decimal CostUsd);

using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// One entity-level error with the text around it. Gold and predicted fields are null where that side has
/// no mention (missed: no prediction; spurious: no gold).
/// </summary>
public sealed record EntityError(
    string System,
    string DocumentId,
    ErrorCause Cause,
    EntitySpan? Gold,
    EntitySpan? Predicted,
    string LeftContext,
    string RightContext)
{
    /// <summary>The mention text a reviewer looks at: the prediction's, or gold's for a missed mention.</summary>
    public string Surface => (Predicted ?? Gold)!.Text;

    /// <summary>The entity type the error is filed under: gold's type when there is gold, else the prediction's.</summary>
    public string EntityType => (Gold ?? Predicted)!.Type;
}

/// <summary>Errors sharing a cause and a surface form (compared case-insensitively, whitespace collapsed).</summary>
public sealed record ErrorGroup(ErrorCause Cause, string Surface, int Count, IReadOnlyList<string> DocumentIds);

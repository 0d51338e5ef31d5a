namespace Distill.Corpora;

/// <summary>
/// One span as the JSONL hand-off files write it (documents, predictions, distillation lines):
/// <c>{"start":0,"end":5,"type":"disease","text":"fever","source_type":"...","source_id":"..."}</c>, offsets in UTF-16
/// code units, end exclusive, source fields omitted when null. <see cref="Start"/> and <see cref="End"/> are nullable so a
/// reader can say which field is missing instead of taking 0.
/// </summary>
public sealed record SpanLine(int? Start, int? End, string? Type, string? Text, string? SourceType = null, string? SourceId = null)
{
    public static SpanLine From(EntitySpan span) => new(span.Start, span.End, span.Type, span.Text, span.SourceType, span.SourceId);
}

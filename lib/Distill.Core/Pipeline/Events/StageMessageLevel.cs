namespace Distill.Pipeline.Events;

/// <summary>How a display styles a <see cref="StageMessage"/>: <c>Info</c> plain, <c>Emphasis</c> bold (a result), <c>Warning</c> highlighted (read this).</summary>
public enum StageMessageLevel
{
    Info,
    Emphasis,
    Warning,
}

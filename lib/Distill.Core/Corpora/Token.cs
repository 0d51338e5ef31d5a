namespace Distill.Corpora;

/// <summary>A word token: the half-open character range [Start, End) of a text and the text there.</summary>
public readonly record struct Token(int Start, int End, string Text)
{
    public int Length => End - Start;
}

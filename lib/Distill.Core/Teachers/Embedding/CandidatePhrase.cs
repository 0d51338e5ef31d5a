namespace Distill.Teachers.Embedding;

/// <summary>A phrase of a text that the <see cref="EmbeddingTeacher"/> may label: [Start, End) and its text there.</summary>
/// <param name="Start">First character.</param>
/// <param name="End">One past the last character.</param>
/// <param name="Text">The text's characters in [Start, End).</param>
/// <param name="Words">How many words it spans (a hyphenated compound such as <c>X-linked</c> is one word).</param>
public readonly record struct CandidatePhrase(int Start, int End, string Text, int Words)
{
    public int Length => End - Start;
}

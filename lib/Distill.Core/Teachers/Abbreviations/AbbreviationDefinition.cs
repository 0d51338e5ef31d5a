namespace Distill.Teachers.Abbreviations;

/// <summary>A short form defined in a text with its long form, both with their character offsets.</summary>
/// <param name="ShortForm">The abbreviation as written ("HSF").</param>
/// <param name="ShortStart">Offset of its first character in the text.</param>
/// <param name="LongForm">The long form as written ("heat shock transcription factor").</param>
/// <param name="LongStart">Offset of its first character in the text.</param>
public sealed record AbbreviationDefinition(string ShortForm, int ShortStart, string LongForm, int LongStart)
{
    public int ShortEnd => ShortStart + ShortForm.Length;
    public int LongEnd => LongStart + LongForm.Length;
}

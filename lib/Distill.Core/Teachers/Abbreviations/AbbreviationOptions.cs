namespace Distill.Teachers.Abbreviations;

/// <summary>Switches of the abbreviation teacher (all on; each measured on the NCBI Disease dev split, see the remarks of <see cref="AbbreviationTeacher"/>).</summary>
public sealed record AbbreviationOptions
{
    /// <summary>A definition counts when the recognizer finds a mention covering its whole long form (default true).</summary>
    public bool RecognizedLongForms { get; init; } = true;

    /// <summary>
    /// A definition also counts when the vocabularies list its short form as an abbreviation of a concept whose names
    /// hold the long form's words ("VHL" = "von Hippel-Lindau"), see <see cref="ILongFormRecognizer.IsKnownDefinition"/> (default true).
    /// </summary>
    public bool KnownShortForms { get; init; } = true;

    /// <summary>Label every other occurrence of an accepted long form in the document too, not only the defining one (default true).</summary>
    public bool LongFormEverywhere { get; init; } = true;
}

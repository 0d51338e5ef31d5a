namespace Distill.Evaluation;

/// <summary>Why a predicted or gold mention did not match exactly.</summary>
public enum ErrorCause
{
    /// <summary>The prediction overlaps a gold mention of the same type but starts or ends elsewhere.</summary>
    Boundary,

    /// <summary>The prediction has exactly a gold mention's boundaries but another type.</summary>
    Type,

    /// <summary>The prediction overlaps a gold mention of another type with other boundaries.</summary>
    BoundaryAndType,

    /// <summary>A gold mention no prediction overlaps (a false negative in every mode).</summary>
    Missed,

    /// <summary>A prediction that overlaps no gold mention (a false positive in every mode; in the reference
    /// study many such "errors" turned out to be mentions the annotators missed, hence the review export).</summary>
    Spurious,
}

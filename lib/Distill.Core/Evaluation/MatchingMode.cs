namespace Distill.Evaluation;

/// <summary>The unit a score counts and how a predicted unit matches a gold one.</summary>
public enum MatchingMode
{
    /// <summary>
    /// The reference study's metric. Units are our word tokens (<see cref="Distill.Corpora.ClinicalWordTokenizer"/>);
    /// each token's gold tag comes from the human spans and its predicted tag from the system's spans,
    /// both by <see cref="Distill.Corpora.IoTagging.Encode"/> (a token takes a type when it shares a character
    /// with a span of that type). A token is a true positive for type T when both tags are T; a false
    /// positive for T when only the predicted tag is T; a false negative for T when only the gold tag is T
    /// (so a token tagged T by gold and U by the system is a false negative for T and a false positive for U).
    /// </summary>
    TokenIo,

    /// <summary>Entities; a predicted mention matches a gold mention with the same start, end and type (seqeval, n2c2 "strict").</summary>
    EntityStrict,

    /// <summary>
    /// Entities; a predicted mention matches when it shares at least one character with a gold mention of
    /// the same type (n2c2 "lenient"). Recall counts gold mentions some prediction overlaps; precision counts
    /// predictions that overlap some gold mention. As in the n2c2 2018 Track 2 script, a prediction that
    /// overlaps only gold mentions already matched by an earlier prediction (text order) is dropped, neither
    /// true nor false positive, so one gold mention split into pieces earns one match.
    /// </summary>
    EntityLenient,
}

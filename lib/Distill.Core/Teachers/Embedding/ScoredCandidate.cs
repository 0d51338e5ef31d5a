using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Embedding;

/// <summary>A candidate phrase, its nearest ontology term and their cosine similarity (1 for an exact lexicon hit).</summary>
/// <param name="Phrase">Where the phrase is in the text.</param>
/// <param name="Term">The nearest term (its text, entity type and concept id).</param>
/// <param name="Similarity">Cosine similarity of the two unit vectors, in [-1, 1].</param>
public sealed record ScoredCandidate(CandidatePhrase Phrase, LexiconEntry Term, float Similarity);

namespace Distill.Teachers.Embedding;

/// <summary>Progress of the one-time embedding of an entity type's ontology terms.</summary>
/// <param name="EntityType">Whose terms.</param>
/// <param name="Done">Terms embedded so far.</param>
/// <param name="Total">Terms to embed.</param>
public sealed record TermEmbeddingProgress(string EntityType, int Done, int Total);

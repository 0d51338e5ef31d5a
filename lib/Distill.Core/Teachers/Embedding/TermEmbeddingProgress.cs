namespace Distill.Teachers.Embedding;

/// <summary>Progress of the embedding of an entity type's ontology terms (block by block, as phrases need them).</summary>
/// <param name="EntityType">Whose terms.</param>
/// <param name="Done">Term vectors computed so far in this process.</param>
/// <param name="Total">Terms that could ever need embedding (all terms with a block); a corpus usually needs fewer.</param>
public sealed record TermEmbeddingProgress(string EntityType, int Done, int Total);

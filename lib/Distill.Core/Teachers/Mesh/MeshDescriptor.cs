namespace Distill.Teachers.Mesh;

/// <summary>One MeSH descriptor row of <c>data/mesh/mesh-terms.tsv</c>.</summary>
/// <param name="DescriptorUi">NLM's descriptor id, e.g. <c>D000006</c>.</param>
/// <param name="PreferredName">The descriptor's name as NLM writes it, often inverted ("Abdomen, Acute").</param>
/// <param name="TreeNumbers">Every tree number of the descriptor, in any tree (C04.588.033, F03.600, ...).</param>
/// <param name="Category">The file's coarse category (disease, sign_or_symptom, chemical_or_drug); informative only,
/// the teacher decides by <see cref="TreeNumbers"/> (see <see cref="MeshLexiconOptions"/>).</param>
/// <param name="Terms">The preferred name first, then every entry term of the record, permuted forms included.</param>
public sealed record MeshDescriptor(string DescriptorUi, string PreferredName, IReadOnlyList<string> TreeNumbers, string Category, IReadOnlyList<string> Terms);

namespace Distill.Teachers.Dictionary;

/// <summary>Synonym scopes of the OBO 1.2 format.</summary>
public enum SynonymScope { Exact, Related, Narrow, Broad }

/// <summary>An OBO synonym: its text and scope.</summary>
public sealed record OboSynonym(string Text, SynonymScope Scope);

/// <summary>One <c>[Term]</c> stanza: id, name, synonyms, and whether it is obsolete.</summary>
public sealed record OboTerm(string Id, string Name, IReadOnlyList<OboSynonym> Synonyms, bool IsObsolete);

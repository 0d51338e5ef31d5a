namespace Distill.Corpora.Relations;

/// <summary>The span types of ADE-Corpus-V2 after <see cref="AdeCorpusReader.DefaultLabelMap"/>.</summary>
public static class AdeTypes
{
    public const string Drug = EntityTypes.Medication;
    public const string AdverseEffect = "adverse_effect";
}

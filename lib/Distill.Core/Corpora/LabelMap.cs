namespace Distill.Corpora;

/// <summary>What a <see cref="LabelMap"/> does with a source type it does not list.</summary>
public enum UnmappedTypePolicy
{
    /// <summary>Not an entity of interest: the mention is left out and counted in the read report.</summary>
    Skip,

    /// <summary>Kept under its source type unchanged.</summary>
    Keep,

    /// <summary>A problem: strict readers throw, lenient readers warn and leave it out.</summary>
    Error,
}

/// <summary>The outcome of looking a source type up.</summary>
public enum LabelResolution { Mapped, Skipped, Rejected }

/// <summary>
/// Turns a dataset's source entity types into the study's types (<see cref="EntityTypes"/>).
/// Lookups are exact (ordinal); the presets are the reference study's choices.
/// </summary>
/// <param name="Map">Source type → target type.</param>
/// <param name="Unmapped">What to do with source types not in <paramref name="Map"/>.</param>
public sealed record LabelMap(IReadOnlyDictionary<string, string> Map, UnmappedTypePolicy Unmapped = UnmappedTypePolicy.Skip)
{
    /// <summary>NCBI Disease / PubTator disease types, all → <c>disease</c>; anything else is an error.</summary>
    public static LabelMap PubTatorDisease { get; } = new(new Dictionary<string, string>
    {
        ["Disease"] = EntityTypes.Disease,
        ["SpecificDisease"] = EntityTypes.Disease,
        ["DiseaseClass"] = EntityTypes.Disease,
        ["Modifier"] = EntityTypes.Disease,
        ["CompositeMention"] = EntityTypes.Disease,
    }, UnmappedTypePolicy.Error);

    /// <summary>
    /// n2c2 2018 Track 2: <c>Drug</c> → <c>medication</c>, the study's only type from this corpus; the
    /// other eight types (Strength, Dosage, ... ADE) are skipped and counted.
    /// </summary>
    public static LabelMap N2c2Medication { get; } = new(new Dictionary<string, string>
    {
        ["Drug"] = EntityTypes.Medication,
    }, UnmappedTypePolicy.Skip);

    /// <summary>Every type kept as it is in the source.</summary>
    public static LabelMap Identity { get; } = new(new Dictionary<string, string>(), UnmappedTypePolicy.Keep);

    public LabelResolution Resolve(string sourceType, out string mapped)
    {
        if (Map.TryGetValue(sourceType, out var target))
        {
            mapped = target;
            return LabelResolution.Mapped;
        }
        mapped = sourceType;
        return Unmapped switch
        {
            UnmappedTypePolicy.Keep => LabelResolution.Mapped,
            UnmappedTypePolicy.Skip => LabelResolution.Skipped,
            _ => LabelResolution.Rejected,
        };
    }
}

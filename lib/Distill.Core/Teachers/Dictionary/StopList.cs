namespace Distill.Teachers.Dictionary;

/// <summary>
/// Lexicon terms the dictionary teacher never matches, because in running text they are mostly not mentions
/// of the entity type (or are too generic to be useful labels). Compared after <see cref="TermNormalizer"/>.
/// Chosen a priori (generic ontology heads, plain English words that are synonyms somewhere) and checked
/// against the false positives on the NCBI Disease <b>dev</b> split, never the test split; each group says why.
/// </summary>
internal static class StopList
{
    /// <summary>Terms dropped for every entity type.</summary>
    public static IReadOnlySet<string> Shared { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Generic heads: DO's root classes ("disease", "syndrome") and words that appear in nearly every abstract.
        "disease", "syndrome", "disorder", "condition", "disease of anatomical entity", "disease by infectious agent",
        "disease of cellular proliferation", "disease of metabolism", "disease of mental health", "genetic disease",
        "physical disorder", "medical disorder", "symptom", "sign", "finding", "abnormality",
        // Plain English words that are also synonyms somewhere in the vocabularies.
        "all", "can", "cold", "fit", "sting", "bite", "lead", "iron", "gold", "water", "oxygen", "salt", "air",
        "sugar", "alcohol", "protein", "control", "normal", "carrier", "mutation", "gene", "family", "pain killer",
        "growth", "development", "death", "aging", "ageing", "pregnancy", "birth", "sex", "male", "female", "tag",
        "her", "was", "his", "men", "man", "who", "per", "via", "dose", "drug", "medication",
    };

    /// <summary>Extra terms dropped for one entity type only.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ByEntityType { get; } = new Dictionary<string, IReadOnlySet<string>>
    {
        // DrugBank names that are common words, lab analytes or nutrients far more often than medications in notes.
        ["medication"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "sodium", "potassium", "calcium", "magnesium", "chloride", "glucose", "zinc", "copper", "urea", "creatinine",
            "cholesterol", "hemoglobin", "albumin", "insulin resistance", "vitamin", "saline", "blood", "plasma", "serum",
            "tissue", "cell", "dna", "rna", "atp", "amino acid", "hydrogen", "nitrogen", "carbon", "phosphate",
        },
        // Symptom Ontology entries that are body-state words as often as complaints.
        ["symptom"] = new HashSet<string>(StringComparer.Ordinal) { "heat", "sleep", "breathing", "discharge", "mass" },
    };

    public static bool Contains(string entityType, string normalizedTerm) =>
        Shared.Contains(normalizedTerm) || (ByEntityType.TryGetValue(entityType, out var extra) && extra.Contains(normalizedTerm));
}

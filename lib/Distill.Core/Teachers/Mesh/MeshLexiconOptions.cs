using Distill.Corpora;

namespace Distill.Teachers.Mesh;

/// <summary>
/// Which MeSH 2024 descriptors and entry terms the <c>mesh</c> teacher uses, per entity type. The disease
/// branches were chosen on the NCBI Disease <b>dev</b> split (NCBI Disease is normalised to MeSH, so its
/// guidelines decide what a "disease" is there); symptom and medication have no dev split in this repository
/// and follow MeSH's own top-level split, untuned.
/// </summary>
public sealed record MeshLexiconOptions
{
    /// <summary><c>data/mesh/mesh-terms.tsv</c> by default.</summary>
    public string Path { get; init; } = Distill.Runtime.DistillPaths.Default.DataFile("mesh", "mesh-terms.tsv");

    /// <summary>
    /// Diseases: C (Diseases) and F03 (Mental Disorders), without C23.888 (Signs and Symptoms: the symptom type's),
    /// C23.550 (Pathologic Processes: "Inflammation", "Recurrence", "Disease Progression", "Necrosis"), C04.697
    /// (Neoplastic Processes: "Carcinogenesis" = "tumorigenesis", "Neoplasm Metastasis") and C26 (Wounds and
    /// Injuries). NCBI Disease annotates diseases, not processes or injuries; on dev each exclusion removed false
    /// positives and cost at most a token of recall (token F1 alone: all of C and F03 0.728; without C23.550 0.734;
    /// also without C26 0.735; also without C04.697 0.736). C23.888 made no difference on dev and stays out so the
    /// types do not overlap. C13 (pregnancy complications) made no difference either and stays in.
    /// </summary>
    public MeshTreeSelection? Disease { get; init; } = new(["C", "F03"], ["C23.888", "C23.550", "C04.697", "C26"]);

    /// <summary>Symptoms: C23.888 (Signs and Symptoms).</summary>
    public MeshTreeSelection? Symptom { get; init; } = new(["C23.888"], []);

    /// <summary>
    /// Medications: the chemical trees of drugs (D01 inorganic, D02 organic, D03 heterocyclic, D04 polycyclic
    /// compounds, D06 hormones, D26 pharmaceutical preparations, D27 drug classes by action), without D27.720
    /// (Specialty Uses of Chemicals: laboratory reagents, not drugs). Proteins, enzymes, lipids, carbohydrates and
    /// nucleic acids (D05, D08-D13, D23) are left out: in notes they are gene products and lab analytes far more
    /// often than medications.
    /// </summary>
    public MeshTreeSelection? Medication { get; init; } = new(["D01", "D02", "D03", "D04", "D06", "D26", "D27"], ["D27.720"]);

    /// <summary>Also keep each inverted entry term as MeSH writes it ("Abdomen, Acute") besides its natural order (default false: text does not use the inverted form).</summary>
    public bool KeepInvertedForms { get; init; }

    /// <summary>The selections by entity type (types with a null selection are left out).</summary>
    public IEnumerable<(string EntityType, MeshTreeSelection Selection)> Selections()
    {
        if (Disease is { } d) yield return (EntityTypes.Disease, d);
        if (Symptom is { } s) yield return (EntityTypes.Symptom, s);
        if (Medication is { } m) yield return (EntityTypes.Medication, m);
    }
}

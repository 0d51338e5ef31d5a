namespace Distill.Teachers.Morphology;

/// <summary>
/// Switches for the morphology teacher's rules (all on by default, each measured on the NCBI Disease dev split;
/// see the remarks of <see cref="MorphologyTeacher"/> for the figures). They exist so each rule's effect can be measured and
/// so a study can turn one off; every switch is part of the teacher's cache fingerprint.
/// </summary>
public sealed record MorphologyOptions
{
    /// <summary>Words with a disease suffix are heads: -itis, -oma, -emia/-aemia, -pathy, -osis, -plasia, -trophy, -algia, ...</summary>
    public bool SuffixHeads { get; init; } = true;

    /// <summary>Disease head nouns are heads: cancer, tumour, carcinoma (alone too), and disease, syndrome, deficiency,
    /// disorder, ... (only with a modifier: "disease" alone is not a mention).</summary>
    public bool HeadNouns { get; init; } = true;

    /// <summary>"X-deficient" adjectives ("HPRT-deficient", "C7-deficient"), which NCBI Disease annotates as modifier mentions.</summary>
    public bool DeficientAdjectives { get; init; } = true;

    /// <summary>A head extends left over its noun phrase's modifiers: adjectives, nouns, eponyms, hyphenated words, "type 2".</summary>
    public bool ModifierExtension { get; init; } = true;

    /// <summary>Coordinated modifiers share the head: "breast and ovarian cancer", "breast/ovarian cancer", "retinal, cerebellar and spinal haemangioblastomas".</summary>
    public bool Coordination { get; init; } = true;

    /// <summary>A head extends right over "type 2", Latin post-modifiers ("diabetes mellitus", "retinitis pigmentosa") and
    /// "of (the) X" for deficiency and tumour heads ("deficiency of C9", "tumours of the kidney").</summary>
    public bool PostModifiers { get; init; } = true;

    /// <summary>Most modifier words a head takes to its left (default 5; "autosomal dominant polycystic kidney disease" has 4).</summary>
    public int MaxModifiers { get; init; } = 5;
}

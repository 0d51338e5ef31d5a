using Distill.Teachers.Cache;

namespace Distill.Teachers.Morphology;

/// <summary>
/// The word lists of the morphology teacher, all lower case. Chosen from medical word formation (suffixes of
/// disease names, head nouns of disease phrases) and checked against the NCBI Disease <b>dev</b> split only;
/// each group says why it is there. <see cref="Version"/> hashes every list, so editing one changes the
/// teacher's cache fingerprint.
/// </summary>
internal static class DiseaseMorphology
{
    /// <summary>
    /// Suffixes of disease names (Greek and Latin word formation): inflammation (-itis), growth (-oma), blood
    /// condition (-emia), disease (-pathy), condition (-osis, -iasis), formation (-plasia, -trophy), pain
    /// (-algia), deficiency (-penia), paralysis (-plegia), enlargement (-megaly), seizure (-lepsy), urine (-uria),
    /// dilation (-ectasia), bleeding tendency (-philia), tone (-tonia), coordination (-taxia), speech (-phasia),
    /// head and digit malformations (-cephaly, -dactyly). Plural forms are listed too (-omas, -oses, -itides, -pathies).
    /// </summary>
    public static IReadOnlyList<string> Suffixes { get; } =
    [
        "itis", "itides", "oma", "omas", "omata", "emia", "emias", "aemia", "aemias", "pathy", "pathies", "osis", "oses",
        "iasis", "plasia", "plasias", "trophy", "trophies", "algia", "penia", "plegia", "megaly", "lepsy", "lepsies",
        "uria", "ectasia", "ectasis", "philia", "tonia", "taxia", "phasia", "cephaly", "dactyly",
    ];

    /// <summary>
    /// "-genesis" names a malformation only after a privative or "faulty" prefix ("agenesis", "achondrogenesis",
    /// "atelosteogenesis", "dysgenesis", "hypogenesis"); otherwise it is a normal process ("carcinogenesis",
    /// "embryogenesis", "angiogenesis" – the last starts with "a" and is listed in <see cref="SuffixExceptions"/>).
    /// </summary>
    public static IReadOnlyList<string> GenesisPrefixes { get; } = ["a", "dys", "hypo"];

    /// <summary>Shortest word a suffix rule accepts: shorter ones with these endings are ordinary words (soma, Roma).</summary>
    public const int MinimumSuffixWordLength = 6;

    /// <summary>
    /// Words with a disease suffix that are not diseases: processes and methods (diagnosis, prognosis, apoptosis,
    /// mitosis), anatomy (stroma, stoma), and plain English (diploma, aroma, empathy, nostalgia, trophy).
    /// </summary>
    public static IReadOnlySet<string> SuffixExceptions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "diagnosis", "diagnoses", "prognosis", "prognoses", "osmosis", "apoptosis", "mitosis", "mitoses", "meiosis", "meioses", "symbiosis",
        "endocytosis", "exocytosis", "phagocytosis", "pinocytosis", "hypnosis", "anastomosis", "anastomoses",
        "stroma", "stromas", "stomas", "diploma", "diplomas", "aromas", "genoma", "oklahoma",
        "empathy", "sympathy", "telepathy", "nostalgia", "trophy", "academia", "bohemia", "angiogenesis", "angiogeneses",
    };

    /// <summary>
    /// Head nouns that name a disease on their own ("the tumour", "these cancers" are NCBI Disease mentions,
    /// "Disease class" in its guidelines).
    /// </summary>
    public static IReadOnlySet<string> SpecificHeads { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "cancer", "cancers", "tumor", "tumors", "tumour", "tumours", "neoplasm", "neoplasms", "neoplasia",
        "dystrophy", "dystrophies", "diabetes", "epilepsy", "epilepsies", "dementia", "deafness", "blindness",
        "cataract", "cataracts", "polyps", "polyp", "asthma", "autism", "obesity", "ataxia", "ataxias",
        "myotonia", "aniridia", "infertility",
    };

    /// <summary>
    /// Head nouns that need a modifier: "disease", "syndrome", "disorder", "deficiency" alone are generic
    /// (NCBI Disease leaves "the disease" unannotated, issue 13), "Canavan disease" is a mention.
    /// </summary>
    public static IReadOnlySet<string> GenericHeads { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "disease", "diseases", "syndrome", "syndromes", "disorder", "disorders", "deficiency", "deficiencies",
        "abnormality", "abnormalities", "anomaly", "anomalies", "malformation", "malformations", "insufficiency",
        "failure", "degeneration", "infection", "infections", "palsy", "condition", "conditions", "lesions",
        // Symptoms or findings alone, diseases with a modifier ("familial Mediterranean fever", "mental retardation").
        "fever", "retardation",
    };

    /// <summary>The adjective of <see cref="MorphologyOptions.DeficientAdjectives"/>: "HPRT-deficient", "G6PD deficient".</summary>
    public const string Deficient = "deficient";

    /// <summary>
    /// Words that end a noun phrase's modifiers (the extension stops before them): function words, quantifiers,
    /// verbs and the nouns that sit next to disease names without being part of them ("patients with", "risk of",
    /// "mutations in", "gene for").
    /// </summary>
    public static IReadOnlySet<string> StopWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Function words.
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "within", "into", "as",
        "and", "or", "nor", "but", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "such",
        "its", "their", "his", "her", "our", "we", "it", "they", "there", "here", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "do", "does", "did", "not", "no", "if", "so", "also", "only", "very",
        "between", "among", "both", "all", "each", "any", "some", "most", "more", "less", "many", "several",
        "other", "another", "same", "either", "neither", "about", "after", "before", "during", "under", "over",
        "per", "via", "vs", "versus", "while", "when", "where", "whether", "may", "might", "can", "could", "will",
        "would", "should", "must", "thus", "however", "including", "like", "unlike", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "twelve", "first", "second", "third", "new", "novel",
        // Verbs and participles that precede a disease name as predicates, not modifiers.
        "cause", "causes", "caused", "causing", "develop", "develops", "developed", "developing", "show", "shows",
        "showed", "shown", "confer", "confers", "indicate", "indicates", "suggest", "suggests", "called", "termed",
        "named", "known", "identified", "observed", "described", "reported", "found", "affected", "affecting",
        "resembling", "underlying", "predispose", "predisposes", "predisposing", "involved", "involving",
        "suffer", "diagnosed", "treated", "studied", "analyzed", "analysed", "regulate", "suppress", "generate",
        "reveals", "reveal", "bred", "encodes", "lack", "harbor", "harbour", "contain", "contains", "contained",
        "produce", "produces", "produced", "exhibit", "exhibits", "exhibited", "include", "includes", "included",
        "against", "especially", "normal",
        // Nouns next to disease names but outside them.
        "patients", "patient", "families", "family", "cases", "case", "individuals", "individual", "members",
        "kindred", "kindreds", "pedigree", "pedigrees", "mice", "mouse", "children", "carriers", "carrier", "risk",
        "history", "mutation", "mutations", "gene", "genes", "allele", "alleles", "locus", "loci", "protein",
        "proteins", "susceptibility", "predisposition", "onset", "phenotype", "phenotypes", "model", "models",
        "candidate", "study", "studies", "analysis", "role", "form", "forms", "type", "types", "stage",
        "subset", "incidence", "frequency", "prevalence", "development", "pathogenesis", "treatment", "therapy",
        "diagnosis", "screening", "evidence", "cells", "tissue", "tissues", "line", "lines", "dna", "age", "years",
        "heterozygote", "heterozygotes", "homozygote", "homozygotes", "vivo", "vitro",
    };

    /// <summary>
    /// Modifiers the extension passes over but a mention does not start with (they are trimmed from its left
    /// edge): NCBI Disease annotates "inherited human disease" but not "human" or "severe" before a disease name.
    /// </summary>
    public static IReadOnlySet<string> EdgeTrimmed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "human", "severe", "severely", "mild", "milder", "moderate", "increased", "different", "common", "typical",
        "distinct", "devastating", "significant", "apparent", "additional", "associated", "cellular", "molecular",
        "progressive", "idiopathic", "recurrent", "heterozygous",
        // Populations are written before a disease name but are not part of it ("Ashkenazi male breast cancer").
        "ashkenazi", "jewish", "american", "north", "south", "israeli", "european", "caucasian", "african", "asian",
        "japanese", "chinese", "finnish", "british", "french", "italian", "german", "dutch", "swedish",
    };

    /// <summary>Words ending in -ly that are adjectives, not adverbs, so they are no edge words ("early-onset", "elderly").</summary>
    public static IReadOnlySet<string> LyAdjectives { get; } = new HashSet<string>(StringComparer.Ordinal) { "early", "elderly" };

    /// <summary>
    /// Lower-case -ing words are verbs and gerunds before a disease name ("showing X-linked thrombocytopenia",
    /// "mediating tumour"), so they end the extension, except these, which are parts of disease names.
    /// </summary>
    public static IReadOnlySet<string> IngModifiers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "hearing", "bleeding", "wasting", "ankylosing", "relapsing", "remitting", "dysmyelinating", "hypomyelinating", "demyelinating",
    };

    /// <summary>
    /// Endings of abstract nouns ("mortality", "severity", "formation"): such a word is no modifier that a
    /// coordination can share with the head ("mortality and bone dysplasia" is two things, "breast and ovarian
    /// cancer" is one mention).
    /// </summary>
    public static IReadOnlyList<string> AbstractNounSuffixes { get; } = ["ity", "ness", "tion", "ment", "ance", "ence"];

    /// <summary>"type 2", "stage III", "grade 1": a number or roman numeral belongs to the mention only after these.</summary>
    public static IReadOnlySet<string> Classifiers { get; } = new HashSet<string>(StringComparer.Ordinal) { "type", "types", "stage", "grade", "class" };

    /// <summary>Latin and other post-modifiers that follow their head ("diabetes mellitus", "retinitis pigmentosa", "myotonia congenita").</summary>
    public static IReadOnlySet<string> PostModifiers { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "mellitus", "insipidus", "pigmentosa", "congenita", "congenitum", "imperfecta", "myotonica", "coli", "tarda",
        "multiplex", "gravis", "vulgaris", "punctata", "simplex", "bullosa", "major", "minor", "intermedia",
    };

    /// <summary>Heads that take an "of (the) X" complement: "deficiency of C9", "carcinoma of the breast", "tumours of the kidney".</summary>
    public static IReadOnlySet<string> OfComplementHeads { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "deficiency", "deficiencies", "tumor", "tumors", "tumour", "tumours", "carcinoma", "carcinomas", "cancer", "cancers",
        "disorder", "disorders",
    };

    /// <summary>Coordinators of modifiers ("breast and ovarian cancer", "breast and/or ovarian cancer").</summary>
    public static IReadOnlySet<string> Coordinators { get; } = new HashSet<string>(StringComparer.Ordinal) { "and", "or", "/", "," };

    /// <summary>First 16 hex digits of the SHA-256 of every list: the rules' version in the cache fingerprint.</summary>
    public static string Version { get; } = CacheKey.Sha256Hex(string.Join('\n', new IEnumerable<string>[]
    {
        Suffixes, SuffixExceptions.Order(StringComparer.Ordinal), SpecificHeads.Order(StringComparer.Ordinal),
        GenericHeads.Order(StringComparer.Ordinal), StopWords.Order(StringComparer.Ordinal), EdgeTrimmed.Order(StringComparer.Ordinal),
        Classifiers.Order(StringComparer.Ordinal), PostModifiers.Order(StringComparer.Ordinal), OfComplementHeads.Order(StringComparer.Ordinal),
        Coordinators.Order(StringComparer.Ordinal), IngModifiers.Order(StringComparer.Ordinal), AbstractNounSuffixes, GenesisPrefixes,
        LyAdjectives.Order(StringComparer.Ordinal),
        [Deficient, MinimumSuffixWordLength.ToString()],
    }.Select(list => string.Join(',', list))))[..16];
}

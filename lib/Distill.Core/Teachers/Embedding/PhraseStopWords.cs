namespace Distill.Teachers.Embedding;

/// <summary>
/// Words that end a candidate phrase of the <see cref="EmbeddingTeacher"/>: a mention of a disease, symptom or
/// drug is a noun phrase, and with no part-of-speech tagger here a closed list of function words (articles,
/// prepositions, conjunctions, pronouns, auxiliaries), the common verbs and adverbs of abstracts and notes, and
/// quantifiers stands in for "not part of a noun phrase" (the stop-list chunker of Justeson and Katz 1995 and of
/// RAKE, Rose et al. 2010). Words that sit inside disease names ("linked", "associated" after a hyphen,
/// "inherited", "type") are deliberately absent. Compared case-insensitively.
/// </summary>
internal static class PhraseStopWords
{
    public static IReadOnlySet<string> Words { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // articles, determiners, quantifiers
        "a", "an", "the", "this", "that", "these", "those", "such", "some", "any", "each", "every", "all", "both",
        "either", "neither", "no", "other", "another", "same", "several", "many", "much", "more", "most", "less",
        "least", "few", "fewer", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "first", "second", "third", "only", "own", "various", "certain",
        // prepositions and conjunctions
        "of", "in", "on", "at", "to", "for", "from", "by", "with", "within", "without", "into", "onto", "upon",
        "about", "above", "below", "between", "among", "through", "throughout", "during", "before", "after",
        "over", "under", "against", "along", "across", "around", "versus", "vs", "via", "per", "than", "as",
        "and", "or", "nor", "but", "if", "whether", "because", "since", "while", "whereas", "although", "though",
        "unless", "until", "so", "thus", "hence", "therefore", "however", "moreover", "furthermore", "also",
        "then", "yet", "despite", "except", "including", "like", "toward", "towards", "due",
        // pronouns
        "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "my", "our", "your", "his",
        "its", "their", "which", "who", "whom", "whose", "what", "where", "when", "how", "why", "there", "here",
        // auxiliaries and modals
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
        "did", "done", "can", "could", "may", "might", "must", "shall", "should", "will", "would",
        // adverbs and negation
        "not", "very", "well", "often", "usually", "frequently", "rarely", "always", "never", "previously",
        "recently", "currently", "further", "particularly", "especially", "approximately", "significantly",
        "highly", "strongly", "mainly", "mostly", "largely", "respectively", "probably", "possibly", "likely",
        "clearly", "directly", "even", "still", "already", "now", "together", "either", "almost", "just",
        // verbs of abstracts and notes
        "show", "shows", "showed", "shown", "find", "finds", "found", "identify", "identifies", "identified",
        "suggest", "suggests", "suggested", "indicate", "indicates", "indicated", "demonstrate", "demonstrates",
        "demonstrated", "reveal", "reveals", "revealed", "report", "reports", "reported", "describe", "describes",
        "described", "present", "presents", "presented", "observe", "observed", "perform", "performed", "use",
        "used", "using", "cause", "causes", "caused", "causing", "result", "results", "resulted", "resulting",
        "lead", "leads", "led", "leading", "include", "includes", "included", "encode", "encodes", "encoded",
        "encoding", "contain", "contains", "contained", "containing", "involve", "involves", "involved",
        "involving", "determine", "determined", "analyze", "analyzed", "analysed", "examine", "examined",
        "study", "studied", "studies", "test", "tested", "detect", "detected", "confirm", "confirmed",
        "investigate", "investigated", "exhibit", "exhibits", "exhibited", "develop", "develops", "developed",
        "occur", "occurs", "occurred", "appear", "appears", "appeared", "seem", "seems", "remain", "remains",
        "become", "becomes", "became", "provide", "provides", "provided", "support", "supports", "supported",
        "require", "requires", "required", "represent", "represents", "represented", "consist", "consists",
        "map", "mapped", "carry", "carried", "carrying", "underlie", "underlies", "underlying", "predispose",
        "predisposes", "predisposing", "given", "taken", "received", "treated", "admitted", "denies", "denied",
        "complains", "noted", "seen", "known", "thought", "considered", "called", "termed", "designated",
        "referred", "defined", "characterized", "characterised", "compared", "according", "associated",
        "related", "regarding", "concerning", "based", "suffer", "suffers", "suffered", "suffering",
        // generic nouns of abstracts that are never mentions themselves
        "patient", "patients", "case", "cases", "subject", "subjects", "individual", "individuals", "family",
        "families", "kindred", "kindreds", "member", "members", "proband", "probands", "control", "controls",
        "group", "groups", "analysis", "analyses", "data", "evidence", "role", "effect", "effects", "level",
        "levels", "number", "frequency", "rate", "risk", "age", "years", "year", "history", "report",
        "finding", "findings", "gene", "genes", "mutation", "mutations", "allele", "alleles", "protein",
        "proteins", "region", "locus", "loci", "chromosome", "sequence", "variant", "variants", "carrier",
        "carriers", "phenotype", "phenotypes", "genotype", "genotypes", "mechanism", "pathogenesis",
    };

    public static bool Contains(string word) => Words.Contains(word);
}

using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Embedding;

/// <summary>
/// One entity type's terms as the embedding teacher uses them, grouped into blocks by head word.
/// <list type="bullet">
/// <item>Kept: the lexicon's entries minus what the dictionary teacher also refuses (<see cref="StopList"/> terms
/// such as "disease", terms under 3 characters), minus abbreviations (lower-cased, "ALL" or "CF" is an English
/// word to the encoder; abbreviations are the abbreviation teacher's job), minus terms of more than a given number
/// of tokens; one term per normalised form (<see cref="TermNormalizer"/>: "Wilms Tumors" and "Wilms' tumor" are
/// one), since such variants embed almost alike and the exact-hit table matches them all anyway.</item>
/// <item>Exact hits: normalised words → term.</item>
/// <item>Blocks: a term's head is the last word before its first preposition ("adenomatous polyposis of the colon"
/// → polyposis), else its last word, mapped through a few groups of interchangeable heads (<see cref="BlockOf"/>).
/// A head that modifies more terms than it heads names a place or a part, not a disease ("breast" heads "large
/// breast" but modifies hundreds of terms, "eye" heads "pink eye" but modifies "eye disease"): its block is dropped,
/// so a lone "breast" is never compared.</item>
/// </list>
/// </summary>
internal sealed class TermSet
{
    readonly Dictionary<string, int> exact;
    readonly Dictionary<string, int[]> blocks;

    TermSet(IReadOnlyList<LexiconEntry> terms, Dictionary<string, int> exact, Dictionary<string, int[]> blocks)
    {
        Terms = terms;
        this.exact = exact;
        this.blocks = blocks;
        Hash = CacheKey.Sha256Hex(string.Join('\n', terms.Select(t => t.Term)));
    }

    /// <summary>The terms kept, in index order.</summary>
    public IReadOnlyList<LexiconEntry> Terms { get; }

    /// <summary>SHA-256 (hex) of the kept term texts in order.</summary>
    public string Hash { get; }

    /// <summary>Terms that some block compares phrases with (the most that could ever need embedding).</summary>
    public int TermsInBlocks => blocks.Values.Sum(b => b.Length);

    public static TermSet Build(string entityType, IEnumerable<LexiconEntry> entries, int maxTermTokens)
    {
        var terms = new List<LexiconEntry>();
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var heads = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var modifiers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var text = entry.Term.Trim();
            var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);
            if (text.Length < 3 || tokens.Count == 0 || tokens.Count > maxTermTokens || IsAbbreviation(text, tokens)) continue;
            var keys = KeysOf(tokens);
            if (keys.Length == 0) continue;
            var joined = string.Join(' ', keys);
            if (StopList.Contains(entityType, joined) || !exact.TryAdd(joined, terms.Count)) continue;
            var (head, words) = HeadOf(tokens);
            if (!heads.TryGetValue(head, out var block)) heads[head] = block = [];
            block.Add(terms.Count);
            foreach (var word in words.Where(w => w != head).Distinct()) modifiers[word] = modifiers.GetValueOrDefault(word) + 1;
            terms.Add(entry with { Term = text });
        }
        var usable = heads.Where(kv => kv.Value.Count >= modifiers.GetValueOrDefault(kv.Key));
        return new TermSet(terms, exact, usable.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>The term whose normalised words are exactly <paramref name="keys"/>, if any.</summary>
    public int? ExactTerm(string[] keys) => exact.TryGetValue(string.Join(' ', keys), out var i) ? i : null;

    /// <summary>The block a phrase headed by <paramref name="headKey"/> (a normalised word) is compared with, or null when there is none.</summary>
    public string? BlockOf(string headKey) => blocks.ContainsKey(HeadGroup(headKey)) ? HeadGroup(headKey) : null;

    /// <summary>The indices of the terms in block <paramref name="block"/> (see <see cref="BlockOf"/>).</summary>
    public int[] TermsOf(string block) => blocks[block];

    /// <summary>The dictionary's normalised keys of a phrase's words (<see cref="TermNormalizer"/>), hyphens and slashes skipped.</summary>
    public static string[] KeysOf(IReadOnlyList<Token> tokens) =>
        TermNormalizer.Keys(tokens.Where(t => t.Text is not ("-" or "/" or "\u2010" or "\u2011" or "\u2013")).ToArray());

    /// <summary>One token, at least two capitals and no lower-case letter (ALL, CF, BRCA1, AO2).</summary>
    public static bool IsAbbreviation(string text, IReadOnlyList<Token> tokens) =>
        tokens.Count == 1 && text.Count(char.IsUpper) >= 2 && !text.Any(char.IsLower);

    /// <summary>A term's head word and all its words, normalised and mapped to their head groups.</summary>
    static (string Head, string[] Words) HeadOf(IReadOnlyList<Token> tokens)
    {
        var words = tokens.Where(t => char.IsLetterOrDigit(t.Text[0])).ToArray();
        if (words.Length == 0) return (HeadGroup(TermNormalizer.Normalize(tokens[^1].Text)), []);
        var cut = Array.FindIndex(words, t => HeadEndingWords.Contains(t.Text));
        var head = cut > 0 ? words[cut - 1] : words[^1];
        return (HeadGroup(TermNormalizer.Normalize(head.Text)),
            words.Where(t => !HeadEndingWords.Contains(t.Text)).Select(t => HeadGroup(TermNormalizer.Normalize(t.Text))).ToArray());
    }

    static readonly HashSet<string> HeadEndingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "in", "with", "without", "due", "to", "by", "from", "on", "at", "for", "after", "during", "following",
        "caused", "associated", "involving", "affecting", "related", "induced",
    };

    /// <summary>
    /// A normalised head word's group: itself, or the first word of its group of head words that name the same kind
    /// of thing. Chosen a priori from how disease names are written (a "disorder" is also written "disease", a
    /// "tumour" "neoplasm", a "C7-deficient" patient has "C7 deficiency"), then checked against the dev split's misses.
    /// </summary>
    static string HeadGroup(string head) => HeadGroups.TryGetValue(head, out var group) ? group : head;

    static readonly Dictionary<string, string> HeadGroups = new[]
    {
        new[] { "disease", "disorder", "syndrome", "illness" },
        ["tumor", "neoplasm", "cancer"],
        ["abnormality", "anomaly", "defect", "malformation"],
        ["deficiency", "deficient"],
    }.SelectMany(group => group.Select(word => (Word: word, Group: group[0]))).ToDictionary(p => p.Word, p => p.Group, StringComparer.Ordinal);
}

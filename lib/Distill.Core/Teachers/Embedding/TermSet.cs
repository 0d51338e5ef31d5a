using Distill.Corpora;
using Distill.Teachers.Cache;
using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Embedding;

/// <summary>
/// One entity type's terms as the embedding teacher uses them: the lexicon's entries minus what the dictionary
/// teacher also refuses (<see cref="StopList"/> terms such as "disease", terms under 3 characters) and minus
/// abbreviations (a lower-cased "ALL" or "CF" is an English word to the encoder; abbreviations are the
/// abbreviation teacher's job), minus terms longer than a limit; one entry per lower-cased text. Also the exact-hit
/// table (normalised words → term) and the set of head words used for blocking.
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

    /// <summary>The terms embedded, in index order.</summary>
    public IReadOnlyList<LexiconEntry> Terms { get; }

    /// <summary>SHA-256 (hex) of the term texts in order: names the cache file's contents.</summary>
    public string Hash { get; }

    public static TermSet Build(string entityType, IEnumerable<LexiconEntry> entries, int maxTermTokens)
    {
        var terms = new List<LexiconEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
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
            if (StopList.Contains(entityType, joined) || !seen.Add(text.ToLowerInvariant())) continue;
            exact.TryAdd(joined, terms.Count);
            var (head, words) = HeadOf(tokens);
            if (!heads.TryGetValue(head, out var block)) heads[head] = block = [];
            block.Add(terms.Count);
            foreach (var word in words.Where(w => w != head).Distinct()) modifiers[word] = modifiers.GetValueOrDefault(word) + 1;
            terms.Add(entry with { Term = text });
        }
        // A head word that modifies more terms than it heads names a place or a part, not a disease: "breast"
        // heads "large breast" but modifies hundreds ("breast cancer"), "eye" heads "pink eye" but modifies "eye
        // disease". Such blocks are dropped, so a lone "breast" is never compared; exact hits still count.
        var usable = heads.Where(kv => kv.Value.Count >= modifiers.GetValueOrDefault(kv.Key));
        return new TermSet(terms, exact, usable.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>
    /// A term's head word, normalised: the last word before its first preposition ("adenomatous polyposis of the
    /// colon" → polyposis, "malignant neoplasm of spleen" → neoplasm), else its last word. English noun phrases put
    /// the head there; with the last word instead, "spleen" would count as a disease head.
    /// </summary>
    static (string Head, string[] Words) HeadOf(IReadOnlyList<Token> tokens)
    {
        var words = tokens.Where(t => char.IsLetterOrDigit(t.Text[0])).ToArray();
        if (words.Length == 0) return (Block(TermNormalizer.Normalize(tokens[^1].Text)), []);
        var cut = Array.FindIndex(words, t => HeadEndingWords.Contains(t.Text));
        var head = cut > 0 ? words[cut - 1] : words[^1];
        return (Block(TermNormalizer.Normalize(head.Text)),
            words.Where(t => !HeadEndingWords.Contains(t.Text)).Select(t => Block(TermNormalizer.Normalize(t.Text))).ToArray());
    }

    /// <summary>
    /// The block a normalised head word belongs to: itself, or the first word of its group of head words that
    /// name the same kind of thing. Chosen a priori from how disease names are written (a "disorder" is also
    /// written "disease", a "tumour" "neoplasm", a "C7-deficient" patient has "C7 deficiency"); the groups were
    /// then checked against the dev split's misses.
    /// </summary>
    public static string Block(string head) => HeadGroups.TryGetValue(head, out var group) ? group : head;

    static readonly Dictionary<string, string> HeadGroups = new[]
    {
        new[] { "disease", "disorder", "syndrome", "illness" },
        ["tumor", "neoplasm", "cancer"],
        ["abnormality", "anomaly", "defect", "malformation"],
        ["deficiency", "deficient"],
    }.SelectMany(group => group.Select(word => (word, group[0]))).ToDictionary(p => p.word, p => p.Item2, StringComparer.Ordinal);

    static readonly HashSet<string> HeadEndingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "in", "with", "without", "due", "to", "by", "from", "on", "at", "for", "after", "during", "following",
        "caused", "associated", "involving", "affecting", "related", "induced",
    };

    /// <summary>The term whose normalised words are exactly <paramref name="keys"/>, if any.</summary>
    public int? ExactTerm(string[] keys) => exact.TryGetValue(string.Join(' ', keys), out var i) ? i : null;

    /// <summary>Whether <paramref name="key"/> (a normalised word) is the last word of some term.</summary>
    public bool IsHead(string key) => blocks.ContainsKey(Block(key));

    /// <summary>The indices of the terms whose head is in <paramref name="key"/>'s block (a normalised word); empty when none is.</summary>
    public int[] TermsHeadedBy(string key) => blocks.TryGetValue(Block(key), out var block) ? block : [];

    /// <summary>The dictionary's normalised keys of a phrase's words (<see cref="TermNormalizer"/>), hyphens skipped as it does.</summary>
    public static string[] KeysOf(IReadOnlyList<Token> tokens) =>
        TermNormalizer.Keys(tokens.Where(t => t.Text is not ("-" or "/" or "\u2010" or "\u2011" or "\u2013")).ToArray());

    /// <summary>One token, at least two capitals and no lower-case letter (ALL, CF, BRCA1, AO2).</summary>
    public static bool IsAbbreviation(string text, IReadOnlyList<Token> tokens) =>
        tokens.Count == 1 && text.Count(char.IsUpper) >= 2 && !text.Any(char.IsLower);
}

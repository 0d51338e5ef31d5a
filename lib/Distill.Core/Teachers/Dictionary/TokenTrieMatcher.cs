using Distill.Corpora;

namespace Distill.Teachers.Dictionary;

/// <summary>
/// Longest-match dictionary lookup over word tokens. Terms are tokenized with the same
/// <see cref="ClinicalWordTokenizer"/> as the notes and normalized with <see cref="TermNormalizer"/>, and stored
/// in a trie keyed by token. Matching scans left to right; at each token it walks the trie as far as the text
/// allows and takes the longest term that ends there, then continues after it (no overlapping matches).
/// Hyphen tokens are skipped on both sides ("ataxia-telangiectasia" = "ataxia telangiectasia").
/// Matching whole tokens makes it word-boundary aware: "pain" never matches inside "Spain". Cost is
/// O(tokens × longest term) per note.
/// </summary>
public sealed class TokenTrieMatcher
{
    sealed class Node
    {
        public Dictionary<string, Node>? Children;
        /// <summary>Case-insensitive term ends here.</summary>
        public bool Accepts;
        /// <summary>Case-sensitive forms (abbreviations) that end here, as the tokens' exact texts joined by spaces.</summary>
        public HashSet<string>? ExactForms;
    }

    readonly Node root = new();
    readonly IWordTokenizer tokenizer;

    /// <summary>Builds the matcher for one entity type's entries.</summary>
    public TokenTrieMatcher(string entityType, IEnumerable<LexiconEntry> entries, LexiconOptions? options = null, IWordTokenizer? tokenizer = null)
    {
        EntityType = entityType;
        options ??= new LexiconOptions();
        using var content = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        this.tokenizer = tokenizer ?? ClinicalWordTokenizer.Instance;
        foreach (var entry in entries)
        {
            var tokens = this.tokenizer.Tokenize(entry.Term);
            if (tokens.Count == 0) continue;
            var keys = TermNormalizer.Keys(tokens.Where(t => !IsHyphen(t.Text)).ToArray());
            if (keys.Length == 0) continue;
            var isAbbreviation = tokens.Count == 1 && entry.Term.Length <= options.CaseSensitiveAbbreviationMaxLength
                && entry.Term.Any(char.IsLetter) && entry.Term.Where(char.IsLetter).All(char.IsUpper);
            if (!isAbbreviation && entry.Term.Trim().Length < options.MinimumTermLength) continue;
            // The stop list is about case-folded words; an abbreviation only matches in capitals, so it is exempt.
            if (!isAbbreviation && StopList.Contains(entityType, string.Join(' ', keys))) continue;
            var node = root;
            foreach (var key in keys)
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(key, out var next)) node.Children[key] = next = new Node();
                node = next;
            }
            if (isAbbreviation) (node.ExactForms ??= new HashSet<string>(StringComparer.Ordinal)).Add(tokens[0].Text);
            else node.Accepts = true;
            TermCount++;
            content.AppendData(System.Text.Encoding.UTF8.GetBytes((isAbbreviation ? "=" + tokens[0].Text : string.Join(' ', keys)) + "\n"));
        }
        ContentHash = Convert.ToHexStringLower(content.GetHashAndReset())[..16];
    }

    /// <summary>
    /// SHA-256 (16 hex digits) of the terms as kept, in order: what the matcher finds. A teacher that uses the matcher
    /// (the simulated teacher's false positives) puts it in its cache key.
    /// </summary>
    public string ContentHash { get; }

    public string EntityType { get; }

    /// <summary>Terms kept after the stop list and length rules.</summary>
    public int TermCount { get; }

    /// <summary>
    /// Non-overlapping longest matches in <paramref name="text"/>, as spans of <see cref="EntityType"/>. With
    /// <paramref name="expandAbbreviations"/>, a match followed by a parenthesised abbreviation, as in
    /// "Wilson disease (WD)", makes that abbreviation a term of this text: the "(WD)" and every later
    /// case-exact "WD" token are labeled too (Schwartz and Hearst's definition pattern, simplified).
    /// </summary>
    public IReadOnlyList<EntitySpan> Match(string text, bool expandAbbreviations = true)
    {
        var tokens = tokenizer.Tokenize(text);
        var spans = MatchTerms(text, tokens);
        if (!expandAbbreviations || spans.Count == 0) return spans;
        // Abbreviations as token-text sequences: "(A-T)" is the three tokens A, -, T.
        var abbreviations = new HashSet<string>(StringComparer.Ordinal);
        var endIndex = new Dictionary<int, int>();
        for (var i = 0; i < tokens.Count; i++) endIndex[tokens[i].End] = i;
        foreach (var span in spans)
        {
            var open = endIndex[span.End] + 1; // spans end where a token ends
            if (open >= tokens.Count || tokens[open].Text != "(") continue;
            var close = Enumerable.Range(open + 1, Math.Min(MaxAbbreviationTokens, tokens.Count - open - 1)).FirstOrDefault(j => tokens[j].Text == ")", -1);
            if (close <= open + 1) continue;
            var inside = text[tokens[open + 1].Start..tokens[close - 1].End];
            if (!inside.Any(char.IsWhiteSpace) && IsAbbreviation(inside))
                abbreviations.Add(string.Join(' ', tokens.Skip(open + 1).Take(close - open - 1).Select(t => t.Text)));
        }
        if (abbreviations.Count == 0) return spans;
        var all = new List<EntitySpan>(spans);
        foreach (var abbreviation in abbreviations)
        {
            var parts = abbreviation.Split(' ');
            for (var i = 0; i + parts.Length <= tokens.Count; i++)
            {
                if (!parts.Select((p, k) => tokens[i + k].Text == p).All(x => x)) continue;
                int start = tokens[i].Start, end = tokens[i + parts.Length - 1].End;
                // Contiguous only ("A-T", not "A - T"), and not inside a dictionary match.
                if (end - start != parts.Sum(p => p.Length) || all.Any(s => s.Start < end && start < s.End)) continue;
                all.Add(new EntitySpan(start, end, EntityType, text[start..end]));
            }
        }
        return all.OrderBy(s => s.Start).ToArray();
    }

    /// <summary>Longest abbreviation in tokens ("A-T" is 3).</summary>
    const int MaxAbbreviationTokens = 5;

    /// <summary>2-8 characters, starts with a letter, has at least two capitals (WD, VHL, DMD, AT1): an abbreviation, not a word.</summary>
    static bool IsAbbreviation(string token) =>
        token.Length is >= 2 and <= 8 && char.IsLetter(token[0]) && token.Count(char.IsUpper) >= 2;

    List<EntitySpan> MatchTerms(string text, IReadOnlyList<Token> allTokens)
    {
        // Hyphens are skipped on both sides, so "ataxia-telangiectasia" matches "ataxia telangiectasia" and back.
        var tokens = allTokens.Where(t => !IsHyphen(t.Text)).ToArray();
        var keys = TermNormalizer.Keys(tokens);
        var spans = new List<EntitySpan>();
        var i = 0;
        while (i < tokens.Length)
        {
            var longestEnd = -1;
            var node = root;
            for (var j = i; j < tokens.Length; j++)
            {
                if (node.Children is null || !node.Children.TryGetValue(keys[j], out var next)) break;
                node = next;
                if (node.Accepts || (node.ExactForms is not null && node.ExactForms.Contains(tokens[j].Text)))
                    longestEnd = j;
            }
            if (longestEnd < 0) { i++; continue; }
            var start = tokens[i].Start;
            var end = tokens[longestEnd].End;
            spans.Add(new EntitySpan(start, end, EntityType, text[start..end]));
            i = longestEnd + 1;
        }
        return spans;
    }

    static bool IsHyphen(string token) => token is "-" or "\u2010" or "\u2011" or "\u2013";
}

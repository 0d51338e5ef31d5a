using Distill.Corpora;

namespace Distill.Teachers.Morphology;

/// <summary>
/// Finds disease noun phrases by their shape rather than a vocabulary: a <b>head</b> word (a disease suffix such
/// as -itis or -oma, or a head noun such as "cancer" or "syndrome") extended over its noun phrase, left over its
/// modifiers (adjectives, nouns, eponyms, hyphenated words, "type 2"), across coordinated modifiers ("breast and
/// ovarian cancer"), and right over post-modifiers ("diabetes mellitus", "type 1", "deficiency of C9"). The
/// extension stops at function words, verbs and the nouns that sit next to disease names (<see
/// cref="DiseaseMorphology.StopWords"/>). Overlapping phrases are merged. Word lists: <see cref="DiseaseMorphology"/>.
/// Cost is O(tokens × <see cref="MorphologyOptions.MaxModifiers"/>) per text.
/// </summary>
public sealed class DiseasePhraseMatcher
{
    enum Head { None, Specific, Generic }

    readonly MorphologyOptions options;
    readonly IWordTokenizer tokenizer;

    public DiseasePhraseMatcher(MorphologyOptions? options = null, IWordTokenizer? tokenizer = null)
    {
        this.options = options ?? new MorphologyOptions();
        if (this.options.MaxModifiers < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxModifiers must be 0 or more.");
        this.tokenizer = tokenizer ?? ClinicalWordTokenizer.Instance;
    }

    public MorphologyOptions Options => options;

    /// <summary>Disease phrases in <paramref name="text"/>, sorted, not overlapping, of type <paramref name="entityType"/>.</summary>
    public IReadOnlyList<EntitySpan> Match(string text, string entityType = EntityTypes.Disease)
    {
        var tokens = tokenizer.Tokenize(text);
        var words = tokens.Select(t => Lower(t.Text)).ToArray();
        var phrases = new List<(int Start, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var head = HeadOf(words[i]);
            if (head == Head.None) continue;
            if (words[i] == DiseaseMorphology.Deficient)
            {
                if (DeficientStart(tokens, i) is var symbol and >= 0) phrases.Add((symbol, i));
                continue;
            }
            var start = options.ModifierExtension ? ExtendLeft(tokens, words, i) : i;
            var end = options.PostModifiers ? ExtendRight(tokens, words, i) : i;
            while (start < i && (IsEdgeTrimmed(tokens[start], words[start]) || !IsWord(tokens[start]))) start++;
            // "disease", "syndrome", "deficient" alone are no mention; "Canavan disease", "HPRT-deficient" are.
            if (head == Head.Generic && start == i && end == i) continue;
            phrases.Add((start, end));
        }
        var spans = new List<EntitySpan>();
        foreach (var (start, end) in Merge(phrases))
            spans.Add(new EntitySpan(tokens[start].Start, tokens[end].End, entityType, text[tokens[start].Start..tokens[end].End]));
        return spans;
    }

    /// <summary>Modifiers a mention does not start with: <see cref="DiseaseMorphology.EdgeTrimmed"/> and -ly adverbs ("especially", "dominantly").</summary>
    bool IsEdgeTrimmed(Token token, string word) =>
        DiseaseMorphology.EdgeTrimmed.Contains(word)
        || (word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal) && token.Text.Skip(1).All(char.IsLower)
            && HeadOf(word) == Head.None && !DiseaseMorphology.LyAdjectives.Contains(word));

    Head HeadOf(string word)
    {
        if (options.HeadNouns && DiseaseMorphology.SpecificHeads.Contains(word)) return Head.Specific;
        if (options.HeadNouns && DiseaseMorphology.GenericHeads.Contains(word)) return Head.Generic;
        if (options.DeficientAdjectives && word == DiseaseMorphology.Deficient) return Head.Generic;
        if (options.SuffixHeads && HasDiseaseSuffix(word)) return Head.Specific;
        return Head.None;
    }

    /// <summary>A letters-only word of at least <see cref="DiseaseMorphology.MinimumSuffixWordLength"/> letters with a disease suffix, not an exception.</summary>
    public static bool HasDiseaseSuffix(string lowerWord) =>
        lowerWord.Length >= DiseaseMorphology.MinimumSuffixWordLength
        && lowerWord.All(char.IsLetter)
        && !DiseaseMorphology.SuffixExceptions.Contains(lowerWord)
        && (DiseaseMorphology.Suffixes.Any(s => lowerWord.EndsWith(s, StringComparison.Ordinal))
            || (lowerWord.EndsWith("genesis", StringComparison.Ordinal) && DiseaseMorphology.GenesisPrefixes.Any(p => lowerWord.StartsWith(p, StringComparison.Ordinal))));

    int ExtendLeft(IReadOnlyList<Token> tokens, string[] words, int head)
    {
        var start = head;
        var modifiers = 0;
        var coordinated = false;
        var j = head - 1;
        while (j >= 0 && modifiers < options.MaxModifiers)
        {
            // A hyphen or slash inside a word ("X-linked", "Wiskott-Aldrich", "breast/ovarian") joins the word before it
            // to the phrase whatever that word is ("early-onset"): it is part of a compound, not a phrase boundary.
            if (IsJoiner(tokens, j))
            {
                if (j - 1 < 0 || !IsWord(tokens[j - 1])) break;
                start = j - 1;
                j -= 2;
                modifiers++;
                continue;
            }
            if (!IsWord(tokens[j]))
            {
                // A comma only continues an "and"/"or" coordination: "retinal, cerebellar and spinal haemangioblastomas",
                // not "fibre size, increased fibre degeneration".
                if (coordinated && words[j] == "," && CoordinatedModifier(tokens, words, j, start) is var listed and >= 0)
                {
                    start = listed;
                    j = listed - 1;
                    modifiers++;
                    continue;
                }
                break;
            }
            if (IsNumeral(tokens[j].Text))
            {
                // "type 2 diabetes", "stage III cancers", "type IID von Willebrand disease"; other numbers end the phrase.
                if (j - 1 < 0 || !DiseaseMorphology.Classifiers.Contains(words[j - 1])) break;
                start = j - 1;
                j -= 2;
                modifiers++;
                continue;
            }
            if (words[j] is "and" or "or")
            {
                // Only a head that already has a modifier shares it: "breast and ovarian cancer", not "years, and cancer".
                if (!options.Coordination || start == head) break;
                var conjunct = CoordinatedModifier(tokens, words, j, start);
                if (conjunct < 0) break;
                coordinated = true;
                start = conjunct;
                j = conjunct - 1;
                modifiers++;
                continue;
            }
            if (!IsModifier(tokens, j, words[j])) break;
            start = j;
            j--;
            modifiers++;
        }
        return start;
    }

    /// <summary>
    /// A word that can modify a disease head: no stop word, no lower-case -ing verb, and no generic head written
    /// as a separate word ("the inherited human disease ataxia-telangiectasia" is two mentions in apposition).
    /// </summary>
    bool IsModifier(IReadOnlyList<Token> tokens, int at, string word) =>
        // The second part of a hyphenated compound belongs to it whatever it is ("early-onset", "cancer-prone").
        (at > 0 && IsJoiner(tokens, at - 1) && IsWord(tokens[at - 2]))
        || IsModifier(tokens[at], word);

    bool IsModifier(Token token, string word) =>
        !DiseaseMorphology.StopWords.Contains(word)
        && HeadOf(word) != Head.Generic
        && !(word.EndsWith("ing", StringComparison.Ordinal) && token.Text.All(char.IsLower) && !DiseaseMorphology.IngModifiers.Contains(word));

    /// <summary>
    /// For a coordinator at <paramref name="at"/> ("and", "or", "and/or", ","), the index of the modifier it
    /// coordinates with the one at <paramref name="partner"/> ("breast" in "breast and ovarian cancer"), or -1. The
    /// two must have the same shape, both lower-case words or both symbols ("C6 and C7 deficiencies"), so "BRCA1
    /// and breast cancer" stays apart; and the conjunct must be a modifier, not a head or an abstract noun
    /// ("immunodeficiency and cancer", "mortality and bone dysplasia").
    /// </summary>
    int CoordinatedModifier(IReadOnlyList<Token> tokens, string[] words, int at, int partner)
    {
        var k = at;
        while (k >= 0 && DiseaseMorphology.Coordinators.Contains(words[k])) k--;
        if (k < 0 || !IsWord(tokens[k]) || !IsModifier(tokens[k], words[k]) || HeadOf(words[k]) != Head.None) return -1;
        var shape = Shape(tokens[k].Text);
        if (shape == WordShape.Other || shape != Shape(tokens[partner].Text)) return -1;
        if (DiseaseMorphology.AbstractNounSuffixes.Any(x => words[k].EndsWith(x, StringComparison.Ordinal))) return -1;
        return k;
    }

    enum WordShape { Lower, Symbol, Other }

    /// <summary>Lower: letters, lower case but perhaps the first ("breast", "Retinal" at a sentence start); Symbol: capitals and digits ("C7", "HPRT", "G6PD").</summary>
    static WordShape Shape(string text) =>
        text.Skip(1).All(char.IsLower) && char.IsLetter(text[0]) ? WordShape.Lower
        : text.All(c => char.IsUpper(c) || char.IsDigit(c)) ? WordShape.Symbol
        : WordShape.Other;

    /// <summary>
    /// "HPRT-deficient", "HPRT-APRT-deficient", "G6PD deficient": the adjective takes gene or enzyme symbols only
    /// (capitals and digits; "Atm-deficient mice" is a mouse gene, "enzyme-deficient" no disease). Returns the
    /// first token of the phrase, or -1.
    /// </summary>
    static int DeficientStart(IReadOnlyList<Token> tokens, int head)
    {
        var start = -1;
        var j = head - 1;
        while (j >= 0)
        {
            if (IsJoiner(tokens, j) || (j == head - 1 && tokens[j].Text is not ("-" or "/")))
            {
                var symbol = IsJoiner(tokens, j) ? j - 1 : j;
                if (symbol < 0 || Shape(tokens[symbol].Text) != WordShape.Symbol || !tokens[symbol].Text.Any(char.IsLetter)) break;
                start = symbol;
                j = symbol - 1;
                if (j < 0 || !IsJoiner(tokens, j)) break;
                continue;
            }
            break;
        }
        return start;
    }

    int ExtendRight(IReadOnlyList<Token> tokens, string[] words, int head)
    {
        var end = head;
        while (end + 1 < tokens.Count)
        {
            var k = end + 1;
            if (words[k] is "type" or "types" && k + 1 < tokens.Count && IsNumeral(tokens[k + 1].Text))
            {
                end = k + 1;
                // "type 1A": the letter is its own token, written against the number.
                if (end + 1 < tokens.Count && tokens[end + 1].Start == tokens[end].End && tokens[end + 1].Text.Length == 1 && char.IsLetter(tokens[end + 1].Text[0]))
                    end++;
                continue;
            }
            if (DiseaseMorphology.PostModifiers.Contains(words[k])) { end = k; continue; }
            if (words[k] == "of" && DiseaseMorphology.OfComplementHeads.Contains(words[head]))
            {
                var m = k + 1;
                if (m < tokens.Count && words[m] == "the") m++;
                var last = -1;
                for (var taken = 0; m < tokens.Count && taken < 3 && IsWord(tokens[m]) && !DiseaseMorphology.StopWords.Contains(words[m]); m++, taken++)
                    last = m;
                if (last >= 0) end = last;
            }
            break;
        }
        return end;
    }

    static IEnumerable<(int Start, int End)> Merge(List<(int Start, int End)> phrases)
    {
        phrases.Sort();
        var i = 0;
        while (i < phrases.Count)
        {
            var (start, end) = phrases[i++];
            while (i < phrases.Count && phrases[i].Start <= end) end = Math.Max(end, phrases[i++].End);
            yield return (start, end);
        }
    }

    /// <summary>A hyphen or slash written between two tokens with no space on either side.</summary>
    static bool IsJoiner(IReadOnlyList<Token> tokens, int i) =>
        tokens[i].Text is "-" or "/" or "\u2010" or "\u2011" && i > 0 && i + 1 < tokens.Count
        && tokens[i - 1].End == tokens[i].Start && tokens[i].End == tokens[i + 1].Start;

    static bool IsWord(Token token) => token.Text.Any(char.IsLetterOrDigit);

    /// <summary>Digits ("2"), or a roman numeral with an optional subtype letter ("II", "IV", "IID").</summary>
    static bool IsNumeral(string text) =>
        text.Length > 0 && (text.All(char.IsDigit)
            || (text.Length <= 5 && text.TrimEnd('A', 'B', 'C', 'D') is { Length: > 0 } roman && roman.All(c => c is 'I' or 'V' or 'X')));

    /// <summary>Lower case without a possessive ("Addison's" → "addison").</summary>
    static string Lower(string token)
    {
        var t = token.ToLowerInvariant();
        return t.EndsWith("'s", StringComparison.Ordinal) || t.EndsWith("’s", StringComparison.Ordinal) ? t[..^2] : t;
    }
}

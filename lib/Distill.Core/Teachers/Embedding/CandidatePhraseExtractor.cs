using Distill.Corpora;

namespace Distill.Teachers.Embedding;

/// <summary>
/// Proposes the phrases of a text that the embedding teacher compares with ontology terms. Without a
/// part-of-speech tagger, noun-phrase-like chunks are found the way stop-list keyphrase extractors do (RAKE,
/// Rose et al. 2010): over <see cref="ClinicalWordTokenizer"/> tokens,
/// <list type="number">
/// <item>tokens written together and joined by hyphens or slashes form one word (<c>X-linked</c>,
/// <c>ataxia-telangiectasia</c>, <c>breast/ovarian</c>, <c>Parkinson's</c>);</item>
/// <item>a chunk is a maximal run of words separated only by spaces: punctuation, a line break, a stop word
/// (<see cref="PhraseStopWords"/>) or a bare number ends it, except that "and"/"or" between two words joins them
/// (<see cref="CandidateRules.JoinCoordinations"/>: "breast and ovarian cancer");</item>
/// <item>its candidates are its contiguous sub-spans of up to <see cref="CandidateRules.MaxWords"/> words (or only
/// those ending at its last word, see <see cref="CandidateSpans"/>) that have a word of at least
/// <see cref="CandidateRules.MinLettersInLongestWord"/> letters and neither start nor end with a conjunction.</item>
/// </list>
/// </summary>
internal sealed class CandidatePhraseExtractor(CandidateRules? rules = null, IWordTokenizer? tokenizer = null)
{
    readonly CandidateRules rules = Validated(rules ?? new CandidateRules());
    readonly IWordTokenizer tokenizer = tokenizer ?? ClinicalWordTokenizer.Instance;

    public CandidateRules Rules => rules;

    /// <summary>Candidates of <paramref name="text"/>, ordered by start then end; a phrase occurs once per position.</summary>
    public IReadOnlyList<CandidatePhrase> Extract(string text)
    {
        var candidates = new List<CandidatePhrase>();
        foreach (var chunk in Chunks(text, tokenizer.Tokenize(text)))
        {
            var n = chunk.Count;
            for (var first = 0; first < n; first++)
                for (var last = first; last < n && last - first < rules.MaxWords; last++)
                {
                    if (rules.Spans == CandidateSpans.EndingAtHead && last != n - 1) continue;
                    if (chunk[first].IsConjunction || chunk[last].IsConjunction) continue;
                    var longest = 0;
                    for (var k = first; k <= last; k++) longest = Math.Max(longest, chunk[k].Letters);
                    if (longest < rules.MinLettersInLongestWord) continue;
                    int start = chunk[first].Start, end = chunk[last].End;
                    candidates.Add(new CandidatePhrase(start, end, text[start..end], last - first + 1));
                }
        }
        return candidates;
    }

    /// <summary>A word: a run of tokens written together (letters, digits, joining hyphens or slashes).</summary>
    readonly record struct Word(int Start, int End, int Letters, bool IsStop, bool IsNumber, bool IsConjunction = false);

    /// <summary>The chunks of a text, each a list of words.</summary>
    IEnumerable<List<Word>> Chunks(string text, IReadOnlyList<Token> tokens)
    {
        var chunk = new List<Word>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!IsWordToken(tokens[i].Text))
            {
                if (chunk.Count > 0) { yield return Trimmed(chunk); chunk = []; }
                i++;
                continue;
            }
            // Glue: word token, then (joiner word)* or directly adjacent word tokens ("10mg" was split by the tokenizer).
            var j = i;
            while (j + 1 < tokens.Count && tokens[j + 1].Start == tokens[j].End)
            {
                if (IsWordToken(tokens[j + 1].Text)) { j++; continue; }
                if (IsJoiner(tokens[j + 1].Text) && j + 2 < tokens.Count && tokens[j + 2].Start == tokens[j + 1].End && IsWordToken(tokens[j + 2].Text)) { j += 2; continue; }
                break;
            }
            var word = MakeWord(text, tokens, i, j);
            var gapBreaks = chunk.Count > 0 && text.AsSpan(chunk[^1].End, word.Start - chunk[^1].End).ContainsAny('\n', '\r');
            if (rules.JoinCoordinations && !gapBreaks && chunk.Count > 0 && !chunk[^1].IsConjunction && i == j && tokens[i].Text is "and" or "or")
                chunk.Add(word with { IsStop = false, IsConjunction = true });
            else if (word.IsStop || word.IsNumber || gapBreaks)
            {
                if (chunk.Count > 0) { yield return Trimmed(chunk); chunk = []; }
                if (!word.IsStop && !word.IsNumber) chunk.Add(word); // a line break ends the chunk, the word starts the next
            }
            else chunk.Add(word);
            i = j + 1;
        }
        if (chunk.Count > 0) yield return Trimmed(chunk);
    }

    static List<Word> Trimmed(List<Word> chunk)
    {
        while (chunk.Count > 0 && chunk[^1].IsConjunction) chunk.RemoveAt(chunk.Count - 1);
        return chunk;
    }

    static Word MakeWord(string text, IReadOnlyList<Token> tokens, int first, int last)
    {
        int start = tokens[first].Start, end = tokens[last].End;
        var letters = 0;
        var digitsOnly = true;
        foreach (var c in text.AsSpan(start, end - start))
        {
            if (char.IsLetter(c)) { letters++; digitsOnly = false; }
            else if (!char.IsDigit(c) && c is not ('.' or ',')) digitsOnly = false;
        }
        var isStop = first == last && PhraseStopWords.Contains(tokens[first].Text);
        return new Word(start, end, letters, isStop, digitsOnly);
    }

    /// <summary>Letters or digits (the tokenizer's words, codes and numbers).</summary>
    static bool IsWordToken(string token) => char.IsLetterOrDigit(token[0]);

    static bool IsJoiner(string token) => token is "-" or "/" or "\u2010" or "\u2011" or "\u2013";

    static CandidateRules Validated(CandidateRules rules)
    {
        rules.Validate();
        return rules;
    }
}
